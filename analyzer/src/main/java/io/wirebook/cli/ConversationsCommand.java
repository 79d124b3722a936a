package io.wirebook.cli;

import io.wirebook.analysis.CaptureAnalysis;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.decode.Packet;
import io.wirebook.flow.ConnectionTracker;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.UdpFlow;
import io.wirebook.render.ConversationWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private final List<ConversationSummary> tcp = new ArrayList<>();
    private final List<UdpFlow> udp = new ArrayList<>();
    private final CaptureAnalysis analysis = new CaptureAnalysis(EvictionPolicy.defaults(), tcp::add, udp::add);
    private OutputStream out;
    private ConversationWriter writer;
    private long start = Long.MIN_VALUE;

    @Override
    protected void begin(OutputStream out) {
        this.out = out;
    }

    @Override
    protected boolean packet(Packet p) {
        if (start == Long.MIN_VALUE) {
            start = ConnectionTracker.nanos(p.frame);
        }
        analysis.process(p);
        return true;
    }

    @Override
    protected void end() throws IOException {
        analysis.finish();
        // Evicted connections were summarised as they ended; the table lists them in stream order.
        tcp.sort(Comparator.comparingInt(s -> s.stream));
        udp.sort(Comparator.comparingInt(f -> f.index));
        writer = new ConversationWriter(out, format == Format.jsonl, start == Long.MIN_VALUE ? 0 : start);
        for (ConversationSummary s : tcp) {
            writer.tcp(s);
        }
        for (UdpFlow f : udp) {
            writer.udp(f);
        }
    }

    @Override
    protected void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }
}
