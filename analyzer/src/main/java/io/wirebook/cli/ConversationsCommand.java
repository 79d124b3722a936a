package io.wirebook.cli;

import io.wirebook.analysis.CaptureAnalysis;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.decode.Packet;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.UdpFlow;
import io.wirebook.render.ConversationWriter;
import io.wirebook.render.SortedRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirebook conversations FILE}: one row per TCP connection and UDP flow. */
@Command(name = "conversations", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Summarise every TCP connection and UDP flow of a capture.",
                "Per connection: endpoints, stream number (as tshark's tcp.stream), times, packets and bytes",
                "each way (whole frames, as tshark -z conv,tcp),",
                "the handshake and how the connection ended, Zeek's conn_state and history, retransmissions,",
                "the handshake round trip; for UDP, the ICMP errors that quote the flow."},
        footer = ExitCodes.HELP)
public final class ConversationsCommand extends FileCommand {
    enum Format { text, jsonl }

    @Option(names = {"-F", "--format"}, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    /** Rows wait here for stream order; past the budget they go to sorted runs on disk (bounded memory). */
    private final SortedRows rows = new SortedRows(32L << 20);
    private static final long UDP_KEYS = 1L << 40;
    private final ByteArrayOutputStream rowBytes = new ByteArrayOutputStream(512);
    private ConversationWriter rowWriter;
    private IOException failed;
    private final CaptureAnalysis analysis = new CaptureAnalysis(EvictionPolicy.defaults(),
            s -> row(s.stream, w -> w.tcp(s)), f -> row(UDP_KEYS + f.index, w -> w.udp(f)));
    private OutputStream out;
    private ConversationWriter writer;
    private long start = Long.MIN_VALUE;

    private interface Render {
        void to(ConversationWriter w) throws IOException;
    }

    /** Renders one summary as soon as its connection ends, so only its bytes are kept, not the summary. */
    private void row(long key, Render r) {
        try {
            if (rowWriter == null) {
                rowWriter = new ConversationWriter(rowBytes, format == Format.jsonl, start == Long.MIN_VALUE ? 0 : start);
                rowWriter.rowsOnly();
            }
            rowBytes.reset();
            r.to(rowWriter);
            rowWriter.flush();
            rows.add(key, rowBytes.toByteArray()); // one whole line: text and JSON Lines rows end their own
        } catch (IOException e) {
            failed = e;
        }
    }

    @Override
    protected void begin(OutputStream out) {
        this.out = out;
    }

    @Override
    protected boolean packet(Packet p) throws IOException {
        if (start == Long.MIN_VALUE) {
            start = p.frame.epochNanos();
        }
        analysis.process(p);
        if (failed != null) {
            throw failed;
        }
        return true;
    }

    @Override
    protected void end() throws IOException {
        analysis.finish();
        if (failed != null) {
            throw failed;
        }
        writer = new ConversationWriter(out, format == Format.jsonl, start == Long.MIN_VALUE ? 0 : start);
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
        }
    }

    @Override
    protected void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }
}
