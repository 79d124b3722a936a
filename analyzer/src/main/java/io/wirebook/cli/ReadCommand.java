package io.wirebook.cli;

import io.wirebook.analysis.CaptureAnalysis;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.annotate.PacketNotes;
import io.wirebook.decode.Packet;
import io.wirebook.flow.TcpView;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.Utf8Sink;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirebook read FILE}: one line (or JSON object) per packet. */
@Command(name = "read", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Decode a pcap or pcapng file (or - for standard input) and explain every packet.",
                "Sequence and acknowledgment numbers are relative to each direction's first sequence number,",
                "as Wireshark shows them; windows are scaled once the handshake's window scale is seen.",
                "TCP segments carry Wireshark's expert findings ([TCP Retransmission], [TCP Dup ACK 5#1], ...)",
                "and the connection states they move each side to."},
        footer = ExitCodes.HELP)
public final class ReadCommand extends FileCommand {
    enum Format { text, jsonl }

    @Option(names = {"-F", "--format"}, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets")
    long count = Long.MAX_VALUE;

    @Option(names = "--no-notes", description = "Leave out the plain-words note on each line")
    boolean noNotes;

    private final CaptureAnalysis analysis = new CaptureAnalysis();
    private final PacketNotes notes = new PacketNotes();
    private JsonlPacketWriter jsonl;
    private TextPacketWriter text;
    private long n;

    @Override
    protected void begin(OutputStream out) throws IOException {
        if (format == Format.jsonl) {
            jsonl = new JsonlPacketWriter(out);
        } else {
            text = new TextPacketWriter(new Utf8Sink(out, 1 << 16), noNotes ? null : notes);
        }
    }

    @Override
    protected boolean packet(Packet p) throws IOException {
        if (n >= count) {
            return false;
        }
        n++;
        boolean tcp = analysis.process(p) != null;
        TcpView v = tcp ? analysis.view : null;
        TcpAnalysis a = tcp ? analysis.analysis : null;
        if (jsonl != null) {
            jsonl.write(p, v, a, notes.note(p, v, a));
        } else {
            text.write(p, v, a);
        }
        return n < count;
    }

    @Override
    protected void end() {
    }

    @Override
    protected void flush() throws IOException {
        if (jsonl != null) {
            jsonl.flush();
        }
        if (text != null) {
            text.flush();
        }
    }
}
