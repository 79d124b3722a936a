package io.wirebook.cli;

import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.LadderTextWriter;
import io.wirebook.render.Utf8Sink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirebook timeline FILE [--stream N]}: one TCP connection as a ladder. */
@Command(name = "timeline", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Draw one TCP connection as a ladder, client left, server right.",
                "Each segment is an arrow with its flags, relative seq/ack and length, the state each side "
                + "enters, Wireshark's expert findings, and one sentence of plain words per packet. The notes are "
                + "wrapped at spaces to $COLUMNS, or 80 columns (--width). The frame column is as wide as the "
                + "largest frame number the file can hold (its size over 16 bytes, the smallest pcap record); from "
                + "standard input it holds 7 digits and widens past them."},
        footer = {"%nExamples:",
                "  wirebook timeline capture.pcap --stream 3",
                "  wirebook timeline --list capture.pcap",
                ExitCodes.HELP + "  1 is also the code for a stream that is not in the capture%n"
                        + "    (the line on standard error says which streams there are)%n"})
public final class TimelineCommand extends FileCommand {
    /** Where the line width comes from when --width is not given. */
    static final String COLUMNS = "COLUMNS";
    static final int DEFAULT_WIDTH = 80;

    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @Mixin
    StreamSelection selection;

    @Option(names = "--width", paramLabel = "N",
            description = "Wrap the notes to N columns; 0 does not wrap (default: $COLUMNS when it is a number, else "
                    + DEFAULT_WIDTH + ")")
    Integer width;

    private LadderTextWriter writer;
    private OutputStream out;
    private boolean seen;
    private int status = ExitCodes.OK;

    @Override
    protected PacketPipeline pipeline() {
        return selection.list ? selection.listPipeline() : super.pipeline();
    }

    @Override
    protected void begin(OutputStream out) {
        selection.check(spec.commandLine());
        if (width != null && width < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be 0 or more");
        }
        this.out = out;
        writer = new LadderTextWriter(new Utf8Sink(out, 1 << 16), maxFrame(input.file),
                width != null ? width : width(System.getenv(COLUMNS)));
    }

    /** The note width from {@code $COLUMNS}: its value when it is a positive number, else {@value #DEFAULT_WIDTH}. */
    static int width(String columns) {
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return DEFAULT_WIDTH;
    }

    /** The largest frame number a capture file of this size can hold (16 bytes a pcap record), or 0 when unknown. */
    static long maxFrame(String file) {
        if (file.equals("-")) {
            return 0;
        }
        try {
            Path p = Path.of(file);
            return Files.isRegularFile(p) ? Math.max(1, Files.size(p) / 16) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected boolean packet(PacketResult r) throws IOException {
        if (selection.list) {
            selection.listed(r);
        } else if (selection.chosen(r)) {
            seen = true;
            writer.write(r);
        }
        // Read to the end: a late segment of the connection can come after any number of others.
        return true;
    }

    @Override
    protected void end() throws IOException {
        if (selection.list) {
            selection.writeList(out);
        } else {
            status = selection.report(seen, input.file, "timeline", stderr);
        }
    }

    @Override
    protected void flush() throws IOException {
        writer.flush();
    }

    @Override
    protected int status() {
        return status;
    }
}
