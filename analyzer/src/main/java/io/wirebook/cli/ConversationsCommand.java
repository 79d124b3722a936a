package io.wirebook.cli;

import io.wirebook.analysis.ConversationSummary;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.FlowKey;
import io.wirebook.flow.UdpFlow;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.ConversationWriter;
import io.wirebook.render.SortedRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wirebook conversations FILE}: one row per TCP connection and UDP flow. */
@Command(name = "conversations", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Summarise every TCP connection and UDP flow of a capture.",
                "Per connection: endpoints, stream number (as tshark's tcp.stream), times, packets and bytes "
                + "each way (whole frames, as tshark -z conv,tcp), the handshake and how the connection ended, "
                + "Zeek's conn_state and history, retransmissions, the handshake round trip; for UDP, the ICMP "
                + "errors that quote the flow.",
                "Rows wait in memory up to 32 MiB, then go to sorted runs in temporary files in the directory "
                + "of java.io.tmpdir (usually /tmp). To use another directory:",
                "  WIREBOOK_JAVA_OPTS=-Djava.io.tmpdir=DIR ./wirebook conversations FILE",
                "If the runs cannot be written there, the rows of what was read are printed, then one line "
                + "says why, and the exit code is 5. With -Y, only the connections and flows with at least one packet the "
                + "filter keeps."},
        footer = ExitCodes.HELP)
public final class ConversationsCommand extends FileCommand {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @Mixin
    FormatOption format;

    /** -q: no progress line while the capture is read (it may share the terminal: the rows come at the end). */
    @Mixin
    ProgressOption progress;

    @Mixin
    DisplayFilterOption displayFilter;

    /** With -Y: the TCP streams, and the UDP flows still open, that had a packet the filter keeps. */
    private final BitSet tcpKept = new BitSet();
    private final Set<FlowKey> udpKept = new HashSet<>();
    private final FlowKey probe = new FlowKey();

    /** Rows wait here for stream order; past the budget they go to sorted runs on disk (bounded memory). */
    private final SortedRows rows = new SortedRows(32L << 20);
    private static final String SPILL_HINT =
            " (rows past 32 MiB go to java.io.tmpdir; WIREBOOK_JAVA_OPTS=-Djava.io.tmpdir=DIR moves them)";
    private static final long UDP_KEYS = 1L << 40;
    private final ByteArrayOutputStream rowBytes = new ByteArrayOutputStream(512);
    private ConversationWriter rowWriter;
    /** The first failure of the rows' temporary files, until it is thrown (set on the row thread). */
    private volatile IOException failed;
    /** Writes each row: a {@link ConversationSummary} or a copy of a {@link UdpFlow}. */
    private final RowThread rowThread = new RowThread(this::writeRow);
    private OutputStream out;
    private ConversationWriter writer;
    private boolean started;
    /** The first frame's time as the reader gives it, for exact absolute times at any date. */
    private long startSeconds;
    private int startNanos;

    /**
     * Renders one summary (or UDP flow) and keeps its bytes, soon after its connection ends (on the row thread
     * once there are many: {@link RowThread}), so only its bytes are kept, not the summary.
     */
    private void writeRow(long key, Object item) {
        try {
            if (rowWriter == null) {
                rowWriter = new ConversationWriter(rowBytes, format.jsonl(), startSeconds, startNanos);
                rowWriter.rowsOnly();
            }
            rowBytes.reset();
            if (item instanceof ConversationSummary s) {
                rowWriter.tcp(s);
            } else {
                rowWriter.udp((UdpFlow) item);
            }
            rowWriter.flush();
            rows.add(key, rowBytes.toByteArray()); // one whole line: text and JSON Lines rows end their own
        } catch (IOException e) {
            if (failed == null) {
                failed = e;
            }
        }
    }

    /** Throws the rows' failure, once, with the line that tells the user (FileCommand prints it, exit 5). */
    private void throwRowsFailure() throws IOException {
        IOException e = failed;
        if (e != null) {
            failed = null;
            throw e instanceof SortedRows.SpillException s ? spillFailure(s) : e;
        }
    }

    private static IOException spillFailure(SortedRows.SpillException e) {
        return new IOException(e.getMessage() + ": " + Output.reason(e.getCause()) + SPILL_HINT, e);
    }

    @Override
    protected boolean outputAtEnd() {
        return true;
    }

    private final EvictionPolicy policy = EvictionPolicy.defaults();
    private PacketPipeline pipeline;

    @Override
    protected PacketPipeline pipeline() {
        // Rows are written as each connection or flow ends, from copies, and packet() reads only the result's
        // own view: the analysis may reuse what it lets go.
        return pipeline = PacketPipeline.summarising(policy, s -> {
            if (!displayFilter.active() || tcpKept.get(s.stream)) {
                rowThread.add(s.stream, s);
            }
        }, f -> {
            // A flow ends after its last packet: its key leaves the set with it, so the set holds open flows only.
            if (!displayFilter.active() || udpKept.remove(f.key)) {
                rowThread.add(UDP_KEYS + f.index, f.copy()); // a copy: the tracker reuses the flow
            }
        }, true);
    }

    @Override
    protected String usageError() {
        return displayFilter.compile();
    }

    @Override
    protected void begin(OutputStream out) {
        this.out = out;
    }

    @Override
    protected boolean packet(PacketResult r) throws IOException {
        if (!started) {
            started = true;
            startSeconds = r.frame().epochSeconds;
            startNanos = r.frame().nanos;
        }
        if (displayFilter.active() && displayFilter.keeps(r)) {
            if (r.isTcp()) {
                tcpKept.set(r.tcp().stream);
            } else if (r.packet().isUdp() && probe.set(r.packet(), 17) && !udpKept.contains(probe)) {
                udpKept.add(probe.copy());
            }
        }
        throwRowsFailure(); // stop reading: the rows so far are still written at the end
        return true;
    }

    @Override
    protected void end() throws IOException {
        rowThread.finish();
        writer = new ConversationWriter(out, format.jsonl(), startSeconds, startNanos);
        boolean[] headed = new boolean[2];
        try (rows) {
            rows.writeTo(out, (o, key) -> {
                int table = key >= UDP_KEYS ? 1 : 0;
                if (!headed[table]) {
                    headed[table] = true;
                    if (table == 0) {
                        writer.tcpHeading();
                    } else {
                        writer.udpHeading();
                    }
                    writer.flush();
                }
            });
        } catch (SortedRows.SpillException e) {
            throw spillFailure(e);
        }
        if (pipeline != null) {
            writer.evictionFooter(pipeline.tracker().evictedOpenTcpCount(), pipeline.tracker().evictedUdpCount(), policy);
            writer.flush();
        }
        throwRowsFailure(); // a spill that failed at the end: every row was still written above
    }

    @Override
    protected void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }
}
