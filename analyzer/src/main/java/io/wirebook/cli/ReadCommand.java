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
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
        Writer text = null;
        JsonlPacketWriter jsonl = null;
        if (format == Format.jsonl) {
            jsonl = new JsonlPacketWriter(out);
        } else {
            text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }
        TextPacketWriter textWriter = text == null ? null : new TextPacketWriter(text, withNotes);
        int rc = ExitCodes.OK;
        boolean writing = false;
        try (src) {
            long n = 0;
            while (n < count && src.next(frame)) {
                n++;
                decoder.decode(frame, packet);
                TcpView v = streams.track(packet, view) != null ? view : null;
                String note = withNotes || jsonl != null ? notes.note(packet, v) : null;
                writing = true;
                if (jsonl != null) {
                    jsonl.write(packet, v, note);
                } else {
                    textWriter.write(packet, v, note);
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

    private static void flushQuietly(JsonlPacketWriter jsonl, Writer text, OutputStream out) {
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
