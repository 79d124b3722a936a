package io.wirebook.cli;

import io.wirebook.analysis.TcpReassembler;
import io.wirebook.decode.Malformed;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpConnection;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.FollowTextWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirebook follow FILE --stream N}: one TCP connection's payload, each direction in sequence order. */
@Command(name = "follow", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Show one TCP connection's payload, each direction in sequence order.",
                "The payload as its two applications read it, laid out as tshark -q "
                + "-z follow,tcp,MODE,N prints it: a header (Node 0 is the client), then one chunk per segment "
                + "that brought new bytes, the server's marked by a tab. Each direction is put back in sequence "
                + "order, not capture order: a retransmitted or overlapping segment adds only the bytes not yet "
                + "placed; a segment that came early waits for those before it. Bytes never captured are one line "
                + "[N bytes missing in capture] in their place: a hole the other side acknowledged, bytes the "
                + "snaplen cut off, a hole still open at the end (and the hex offsets skip them). tshark prints a "
                + "chunk \"[N bytes missing in capture file]\" and a NUL only for a hole acknowledged before later "
                + "bytes, nothing for the others, and drops what still waits at the end: there the outputs differ. "
                + "Also unlike tshark: Node 0 is the client even when the capture starts with the server's packet, "
                + "and in ascii a carriage return not before a line feed is a '.'.",
                "A summary per direction goes to standard error: bytes, retransmitted bytes left out, missing "
                + "bytes and holes."},
        footer = {"%nExamples:",
                "  wirebook follow capture.pcap --stream 3",
                "  wirebook follow capture.pcap -s 3 --format hex",
                "  wirebook follow capture.pcap -s 3 --out streams/",
                "      (also streams/stream-3-client.bin and streams/stream-3-server.bin)",
                "  wirebook follow --list capture.pcap",
                ExitCodes.HELP + "  1 is also the code for a stream that is not in the capture%n"
                        + "    (the line on standard error says which streams there are)%n"})
public final class FollowCommand extends FileCommand {
    @Mixin
    HelpOptions helpOptions;

    @Mixin
    StreamSelection selection;

    @Option(names = {"-F", "--format"}, paramLabel = "MODE", defaultValue = "ascii",
            description = "ascii (printable characters, others as '.'), hex (16 bytes a line after the stream offset) "
                    + "or raw (the bytes in hex, a line per chunk), as tshark's modes (default: ${DEFAULT-VALUE})")
    FollowTextWriter.Mode mode;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write each direction's bytes, in sequence order, to DIR/stream-N-client.bin and "
                    + "DIR/stream-N-server.bin (DIR is made if missing); missing bytes are left out, the summary "
                    + "says how many")
    Path outDir;

    @Option(names = "--max-buffered", paramLabel = "BYTES", defaultValue = "33554432",
            description = "Most bytes of early segments one direction holds while it waits for the bytes before "
                    + "them (a receiver holds at most its receive window); past it, the lowest hole is given up as "
                    + "missing, with a line on standard error (default: ${DEFAULT-VALUE}, 32 MiB)")
    long maxBuffered;

    private FollowTextWriter writer;
    private TcpReassembler reassembler;
    /** Fixed when the header is written: whether the first sender is the client (Node 0). */
    private boolean firstSenderIsClient;
    private String client, server;
    private boolean headed;
    private OutputStream out;
    private OutputStream[] files;
    private String[] fileNames;
    private int status = ExitCodes.OK;
    private TcpConnection connection;

    @Override
    protected PacketPipeline pipeline() {
        return selection.list ? selection.listPipeline() : super.pipeline();
    }

    @Override
    protected void begin(OutputStream out) {
        selection.check(spec.commandLine());
        if (maxBuffered < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-buffered must be 0 or more");
        }
        this.out = out;
        writer = new FollowTextWriter(out, mode);
    }

    @Override
    protected boolean packet(PacketResult r) throws IOException {
        if (selection.list) {
            selection.listed(r);
            return true;
        }
        if (!selection.chosen(r)) {
            return true; // read to the end: a late segment of the connection can come after any number of others
        }
        connection = r.connection();
        if (reassembler == null) {
            reassembler = new TcpReassembler(new Chunks(), maxBuffered);
        }
        Malformed bad = r.packet().malformed;
        if (bad != null && bad.layer == Malformed.Layer.TCP) {
            return true; // a header cut short or damaged: where its payload starts is not known (tshark skips it too)
        }
        TcpHeader t = r.packet().tcp;
        reassembler.segment(r.tcp().fromFirstSender, r.frame().number, t.seq, t.ack, t.flags, t.payloadLength,
                r.packet().bytes(), r.packet().base() + t.payloadOffset, t.payloadCaptured);
        return true;
    }

    /** The reassembled chunks, to the text and the --out files; the header comes with the first of them. */
    private final class Chunks implements TcpReassembler.Sink {
        @Override
        public void data(boolean fromFirstSender, long frame, long offset, byte[] b, int off, int len) throws IOException {
            head();
            boolean fromServer = fromFirstSender != firstSenderIsClient;
            writer.data(fromServer, offset, b, off, len);
            if (files != null) {
                files[fromServer ? 1 : 0].write(b, off, len);
            }
        }

        @Override
        public void missing(boolean fromFirstSender, long offset, long length) throws IOException {
            head();
            writer.missing(fromFirstSender != firstSenderIsClient, offset, length);
        }

        @Override
        public void overflow(boolean fromFirstSender, long frame, long limit) {
            if (reassembler.direction(fromFirstSender).overflows == 1) {
                stderr.println(ErrorLine.of("wirebook: " + input.file + ": stream " + selection.stream + ": the "
                        + (fromFirstSender == firstSenderIsClient ? "client" : "server") + "'s early segments passed "
                        + "--max-buffered " + limit + " bytes at frame " + frame + ": the hole before them is taken as "
                        + "missing (and so for later ones; a larger --max-buffered waits longer)"));
            }
        }
    }

    /** The header, once, with the nodes as the connection shows them now; opens the --out files. */
    private void head() throws IOException {
        if (headed) {
            return;
        }
        headed = true;
        firstSenderIsClient = connection.clientIsA;
        client = StreamSelection.endpoint(connection, true);
        server = StreamSelection.endpoint(connection, false);
        writer.header(selection.stream, client, server);
        if (outDir != null) {
            files = new OutputStream[2];
            fileNames = new String[2];
            String[] side = {"client", "server"};
            try {
                Files.createDirectories(outDir);
            } catch (FileAlreadyExistsException e) {
                throw Output.failed(outDir.toString(), new NotDirectoryException(outDir.toString()));
            } catch (IOException e) {
                throw Output.failed(outDir.toString(), e);
            }
            for (int i = 0; i < 2; i++) {
                Path f = outDir.resolve("stream-" + selection.stream + "-" + side[i] + ".bin");
                fileNames[i] = f.toString();
                try {
                    files[i] = Output.named(fileNames[i], new BufferedOutputStream(Files.newOutputStream(f), 1 << 16));
                } catch (IOException e) {
                    throw Output.failed(fileNames[i], e);
                }
            }
        }
    }

    @Override
    protected void end() throws IOException {
        if (selection.list) {
            selection.writeList(out);
            return;
        }
        if (reassembler == null) {
            status = selection.report(false, input.file, "follow", stderr);
            return;
        }
        reassembler.finish();
        head();
        writer.footer();
        if (files != null) {
            for (OutputStream f : files) {
                f.close();
            }
        }
    }

    /** {@code client 10.0.0.1:32323: 288 bytes, 16 retransmitted (left out), 62 missing in 4 holes}. */
    private void summary(boolean ofClient) {
        TcpReassembler.Direction d = reassembler.direction(ofClient == firstSenderIsClient);
        StringBuilder sb = new StringBuilder(ofClient ? "client " : "server ").append(ofClient ? client : server)
                .append(": ").append(d.bytes).append(d.bytes == 1 ? " byte" : " bytes");
        if (d.retransmitted > 0) {
            sb.append(", ").append(d.retransmitted).append(" retransmitted (left out)");
        }
        if (d.missing > 0) {
            sb.append(", ").append(d.missing).append(" missing in ").append(d.gaps).append(d.gaps == 1 ? " hole" : " holes");
        }
        if (d.ackedUnseen > 0) {
            sb.append("; the ").append(ofClient ? "server" : "client").append(" acknowledged ").append(d.ackedUnseen)
                    .append(" more (data or a FIN) that the capture does not have");
        }
        if (files != null) {
            sb.append("; written to ").append(fileNames[ofClient ? 0 : 1]);
            if (d.missing > 0) {
                sb.append(" without the missing bytes");
            }
        }
        stderr.println(ErrorLine.of(sb.toString()));
    }

    /** Pushes the text out, then gives the summary: not when standard output failed (a closed pipe ends quietly). */
    @Override
    protected void flush() throws IOException {
        writer.flush();
        if (reassembler != null && !selection.list) {
            summary(true);
            summary(false);
        }
    }

    @Override
    protected int status() {
        return status;
    }
}
