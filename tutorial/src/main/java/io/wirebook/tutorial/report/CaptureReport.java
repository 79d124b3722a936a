package io.wirebook.tutorial.report;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.cli.Progress;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.UdpFlow;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.SortedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The two passes of {@code wirebook report} over one capture file, and what each keeps.
 *
 * <p>Pass 1 runs the summarising pipeline (as {@code conversations} does): each connection's and flow's row
 * is rendered when it ends and kept sorted in bounded memory ({@link SortedRows}: rows past the budget go to
 * temporary files); {@link PageChoice} keeps the few connections that get a page. Pass 2 reads the file
 * again through the same pipeline, stops where pass 1 stopped, and hands only the chosen connections'
 * packets to their {@link ConnectionPage}. Memory is the pipeline's (bounded by its eviction policy), the
 * row budget, and the pages' limits; it does not grow with the capture.
 */
final class CaptureReport {
    /** How much the report shows; see {@code wirebook report --help}. */
    record Limits(int maxPages, int ladderPackets, int pagePackets, int findingRows, int rowsPerTablePage) {
        static final Limits DEFAULT = new Limits(100, 60, 1000, 1000, 2000);
    }

    /** Opens the capture (again) for a pass. */
    interface Opener {
        FrameSource open() throws IOException;
    }

    /** Row budget of each of the four sorted tables before it spills to temporary files. */
    private static final long ROW_BUDGET = 8L << 20;

    final Limits limits;
    /** The progress line of pass 1 or 2 (the analyzer's, shared by every command). */
    private final IntFunction<Progress> progress;

    // What pass 1 counts.
    long packets, tcpPackets, udpPackets, otherPackets, malformed;
    long firstNanos = Long.MIN_VALUE, lastNanos;
    long tcpConnections, udpFlows, udpFlowsWithErrors;
    final long[] findingTotals = new long[AnalysisFlags.COUNT];
    long connectionsWithFindings;
    /** The UDP flows with ICMP errors shown on the summary page (the first ones, up to a limit). */
    final List<List<String>> udpErrorRows = new ArrayList<>();
    static final int UDP_ERROR_ROWS = 200;
    /** The capture's damage as one line (file, record, offset), or null. */
    String fault;

    final SortedRows tcpHtml = new SortedRows(ROW_BUDGET), tcpMd = new SortedRows(ROW_BUDGET);
    final SortedRows udpHtml = new SortedRows(ROW_BUDGET), udpMd = new SortedRows(ROW_BUDGET);
    private final PageChoice choice;
    /** The pages, best first, after pass 2. */
    List<ConnectionPage> pages = List.of();

    CaptureReport(Limits limits, IntFunction<Progress> progress) {
        this.limits = limits;
        this.progress = progress;
        this.choice = new PageChoice(limits.maxPages());
    }

    /** Both passes. A damaged capture is reported up to the damage ({@link #fault}); rows that cannot be spilled throw. */
    void read(Opener opener) throws IOException {
        try {
            pass1(opener.open());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<ConversationSummary> chosen = choice.chosen();
        if (!chosen.isEmpty()) {
            pass2(opener.open(), chosen);
        }
    }

    private void pass1(FrameSource src) throws IOException {
        PacketPipeline pipeline = PacketPipeline.summarising(EvictionPolicy.defaults(), this::tcp, this::udp);
        Frame frame = new Frame();
        Progress line = progress.apply(1);
        try (src) {
            while (src.next(frame)) {
                if (firstNanos == Long.MIN_VALUE) {
                    firstNanos = frame.epochNanos();
                }
                lastNanos = frame.epochNanos();
                PacketResult r = pipeline.next(frame);
                packets++;
                if (r.isTcp()) {
                    tcpPackets++;
                } else if (r.packet().isUdp()) {
                    udpPackets++;
                } else {
                    otherPackets++;
                }
                if (r.packet().malformed != null) {
                    malformed++;
                }
                line.update(frame.fileOffset, packets);
            }
        } catch (CaptureFormatException e) {
            fault = e.getMessage();
        } catch (UncheckedIOException e) {
            throw e;
        } catch (IOException e) {
            fault = src.name() + ": read error: " + e.getMessage();
        } finally {
            line.clear();
        }
        pipeline.finish();
    }

    private void pass2(FrameSource src, List<ConversationSummary> chosen) throws IOException {
        Map<Integer, ConnectionPage> byStream = new HashMap<>(chosen.size() * 2);
        List<ConnectionPage> out = new ArrayList<>(chosen.size());
        for (ConversationSummary s : chosen) {
            ConnectionPage p = new ConnectionPage(s, limits.ladderPackets(), limits.pagePackets(), limits.findingRows());
            byStream.put(s.stream, p);
            out.add(p);
        }
        // The same pipeline as pass 1, so that every packet gets the same stream number.
        PacketPipeline pipeline = PacketPipeline.summarising(EvictionPolicy.defaults(), s -> {}, f -> {});
        Frame frame = new Frame();
        long n = 0;
        Progress line = progress.apply(2);
        try (src) {
            while (n < packets && src.next(frame)) {
                n++;
                PacketResult r = pipeline.next(frame);
                if (r.isTcp()) {
                    ConnectionPage p = byStream.get(r.connection().stream);
                    if (p != null) {
                        p.add(r);
                    }
                }
                line.update(frame.fileOffset, n);
            }
        } catch (CaptureFormatException e) {
            // pass 1 stopped before this record and said why
        } finally {
            line.clear();
        }
        pages = out;
    }

    private void tcp(ConversationSummary s) {
        tcpConnections++;
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            findingTotals[i] += s.findings[i];
        }
        if (PageChoice.findings(s) > 0) {
            connectionsWithFindings++;
        }
        choice.offer(s);
        List<String> cells = ReportTables.tcpCells(s, firstNanos);
        add(tcpHtml, s.stream, ReportTables.htmlRest(cells));
        add(tcpMd, s.stream, ReportTables.markdownRest(cells));
    }

    private void udp(UdpFlow f) {
        udpFlows++;
        List<String> cells = ReportTables.udpCells(f, firstNanos);
        if (f.icmpErrors > 0) {
            udpFlowsWithErrors++;
            if (udpErrorRows.size() < UDP_ERROR_ROWS) {
                udpErrorRows.add(cells);
            }
        }
        add(udpHtml, f.index, ReportTables.htmlRest(cells));
        add(udpMd, f.index, ReportTables.markdownRest(cells));
    }

    /** Called from the pipeline's summary consumers, which cannot throw: a spill failure ends the report. */
    private static void add(SortedRows rows, long key, String rest) {
        try {
            rows.add(key, rest.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the sorted runs' temporary files. */
    void close() throws IOException {
        try (tcpHtml; tcpMd; udpHtml; udpMd) {
            // closing is all
        }
    }
}
