package io.wirebook.cli;

import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.LadderTextWriter;
import io.wirebook.render.Utf8Sink;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirebook timeline FILE [--stream N]}: one TCP connection as a ladder. */
@Command(name = "timeline", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Draw one TCP connection as a ladder, client left, server right.",
                "Each segment is an arrow with its flags, relative seq/ack and length, the state each side "
                + "enters, Wireshark's expert findings, and one sentence of plain words per packet."},
        footer = ExitCodes.HELP)
public final class TimelineCommand extends FileCommand {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @Option(names = {"-s", "--stream"}, paramLabel = "N", defaultValue = "0",
            description = "The connection to draw, numbered as tshark's tcp.stream (default: ${DEFAULT-VALUE})")
    int stream;

    private LadderTextWriter writer;
    private boolean seen;

    @Override
    protected void begin(OutputStream out) {
        writer = new LadderTextWriter(new Utf8Sink(out, 1 << 16));
    }

    @Override
    protected boolean packet(PacketResult r) throws IOException {
        if (r.isTcp() && r.connection().stream == stream) {
            seen = true;
            writer.write(r);
        }
        // Read to the end: a late segment of the connection can come after any number of others.
        return true;
    }

    @Override
    protected void end() throws IOException {
        if (!seen) {
            writer.none(stream);
        }
    }

    @Override
    protected void flush() throws IOException {
        writer.flush();
    }
}
