package io.wirebook.cli;

import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.Utf8Sink;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    FormatOption format;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets")
    long count = Long.MAX_VALUE;

    @Option(names = "--no-notes", description = "Leave out the plain-words note on each line")
    boolean noNotes;

    @Mixin
    DisplayFilterOption displayFilter;

    private JsonlPacketWriter jsonl;
    private TextPacketWriter text;
    private long n;

    @Override
    protected String usageError() {
        return displayFilter.compile();
    }

    @Override
    protected void begin(OutputStream out) throws IOException {
        if (format.jsonl()) {
            jsonl = new JsonlPacketWriter(out);
        } else {
            text = new TextPacketWriter(new Utf8Sink(out, 1 << 16), !noNotes);
        }
    }

    @Override
    protected boolean packet(PacketResult r) throws IOException {
        if (n >= count) {
            return false;
        }
        if (!displayFilter.keeps(r)) {
            return true; // -c counts the packets written, as tcpdump's -c with a filter
        }
        n++;
        if (jsonl != null) {
            jsonl.write(r);
        } else {
            text.write(r);
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
