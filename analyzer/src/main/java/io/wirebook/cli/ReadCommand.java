package io.wirebook.cli;

import io.wirebook.annotate.PacketNotes;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import io.wirebook.flow.TcpStreamTable;
import io.wirebook.flow.TcpView;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.Utf8Sink;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirebook read FILE}: one line (or JSON object) per packet. */
@Command(name = "read", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Decode a pcap or pcapng file (or - for standard input) and explain every packet.",
                "Sequence and acknowledgment numbers are relative to each direction's first sequence number,",
                "as Wireshark shows them; windows are scaled once the handshake's window scale is seen."},
        footer = ExitCodes.HELP)
public final class ReadCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @Parameters(index = "0", paramLabel = "FILE", description = "pcap or pcapng file; - reads standard input")
    String file;

    @Option(names = {"-F", "--format"}, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets")
    long count = Long.MAX_VALUE;

    @Option(names = "--no-notes", description = "Leave out the plain-words note on each line")
    boolean noNotes;

    /** Streams for tests; default to the process's standard output and error. */
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream stderr = System.err;

    @Override
    public Integer call() throws IOException {
        FrameSource src;
        try {
            src = CaptureFiles.open(file);
        } catch (NoSuchFileException e) {
            stderr.println("wirebook: " + file + ": no such file");
            return ExitCodes.CANNOT_OPEN;
        } catch (AccessDeniedException e) {
            stderr.println("wirebook: " + file + ": permission denied");
            return ExitCodes.CANNOT_OPEN;
        } catch (CaptureFormatException e) {
            stderr.println("wirebook: " + e.getMessage());
            return ExitCodes.CANNOT_OPEN;
        } catch (IOException e) {
            stderr.println("wirebook: " + file + ": cannot open: " + e.getMessage());
            return ExitCodes.CANNOT_OPEN;
        }
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        Frame frame = new Frame();
        TcpStreamTable streams = new TcpStreamTable();
        TcpView view = new TcpView();
        PacketNotes notes = new PacketNotes();
        boolean withNotes = !noNotes;
        JsonlPacketWriter jsonl = null;
        TextPacketWriter text = null;
        if (format == Format.jsonl) {
            jsonl = new JsonlPacketWriter(out);
        } else {
            text = new TextPacketWriter(new Utf8Sink(out, 1 << 16), withNotes ? notes : null);
        }
        int rc = ExitCodes.OK;
        boolean writing = false;
        try (src) {
            long n = 0;
            while (n < count && src.next(frame)) {
                n++;
                decoder.decode(frame, packet);
                TcpView v = streams.track(packet, view) != null ? view : null;
                writing = true;
                if (jsonl != null) {
                    jsonl.write(packet, v, notes.note(packet, v));
                } else {
                    text.write(packet, v);
                }
                writing = false;
            }
        } catch (CaptureFormatException e) {
            flushQuietly(jsonl, text, out);
            stderr.println("wirebook: " + e.getMessage());
            rc = ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            if (writing) {
                // Standard output was closed (e.g. piped into head): stop quietly, as tcpdump does.
                return ExitCodes.OK;
            }
            flushQuietly(jsonl, text, out);
            stderr.println("wirebook: " + src.name() + ": read error: " + e.getMessage());
            rc = ExitCodes.INPUT_ERROR;
        }
        flushQuietly(jsonl, text, out);
        return rc;
    }

    private static void flushQuietly(JsonlPacketWriter jsonl, TextPacketWriter text, OutputStream out) {
        try {
            if (jsonl != null) {
                jsonl.flush();
            }
            if (text != null) {
                text.flush();
            }
            out.flush();
        } catch (IOException e) {
            // Standard output closed early (e.g. piped into head): nothing more to say.
        }
    }
}
