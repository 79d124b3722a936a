package io.wirebook.cli;

import io.wirebook.capture.CaptureWriter;
import io.wirebook.capture.Frame;
import io.wirebook.decode.Packet;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.ResultRenderer;
import io.wirebook.text.Utf8Line;
import io.wirebook.render.HexDumpText;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TcpdumpHex;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.Utf8Sink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirebook read FILE [FILTER]}: one line (or JSON object) per packet, as tcpdump -nn reads a file. */
@Command(name = "read", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Decode a pcap or pcapng file (or - for standard input) and explain every packet.",
                "Sequence and acknowledgment numbers are relative to each direction's first sequence number, as "
                + "Wireshark shows them; windows are scaled once the handshake's window scale is seen. TCP "
                + "segments carry Wireshark's expert findings ([TCP Retransmission], [TCP Dup ACK 5#1], ...) and "
                + "the connection states they move each side to. Addresses and ports are always shown as numbers: "
                + "Wirebook never resolves names, so -n and -nn are accepted and change nothing."},
        footer = ExitCodes.HELP)
public final class ReadCommand extends FileCommand {
    @Mixin
    HelpOptions helpOptions;

    @Mixin
    FormatOption format;
    @Mixin ProgressOption progress; // -q; FileCommand shows the line when the output is not the terminal

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets")
    long count = Long.MAX_VALUE;

    @Option(names = "--no-notes", description = "Leave out the plain-words note on each line")
    boolean noNotes;

    @Option(names = "-w", paramLabel = "FILE",
            // One element a line, each shorter than the option column at 80 (picocli breaks .pcap at its dot).
            description = {"Write the packets read (those the filter accepts)", "to FILE instead of printing them, as tcpdump -w:",
                    "pcapng with packet comments kept, or classic pcap", "when FILE ends in .pcap"})
    Path writeTo;

    @Option(names = "--print", description = "With -w, also print the packets, as tcpdump --print")
    boolean print;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Read each FILE on its own, as if by its own wirebook read FILE > DIR/NAME.txt (NAME.jsonl "
                    + "with --format jsonl), NAME being the file name without its extension: frame numbers from 1 "
                    + "and an analysis of its own for each, in one process (one JVM start for many files). A file "
                    + "that fails has its line on standard error, naming it, and the next file is read; the exit "
                    + "code is the highest of the files' (2: some inputs were damaged, every output was written). "
                    + "No capture filter then; DIR is created if needed.")
    Path outDir;

    @Option(names = "-n", description = "Accepted for tcpdump's habit; Wirebook never resolves names (-nn too)")
    boolean[] numeric = new boolean[0];

    @Option(names = "-x", description = "Also print each packet's bytes in hex, without the link-layer header, "
            + "as tcpdump -x; -xx includes the link-layer header")
    boolean[] hex = new boolean[0];

    @Option(names = "-X", description = "The same in hex and ASCII, as tcpdump -X; -XX includes the link-layer header")
    boolean[] hexAscii = new boolean[0];

    @Option(names = "-A", description = "Also print each packet's bytes as ASCII (others as '.'), as tcpdump -A; -AA includes "
            + "the link-layer header")
    boolean[] ascii = new boolean[0];

    @Option(names = {"-V", "--details"}, description = "Also print each packet's fields as a tree: each field with the "
            + "offsets of its first and last byte in the frame, nested by layer (tshark -V's packet details)")
    boolean details;

    @Mixin
    DisplayFilterOption displayFilter;

    private JsonlPacketWriter jsonl;
    private TextPacketWriter text;
    private Utf8Sink sink;
    private final StringBuilder extra = new StringBuilder(1024);
    private CaptureWriter writer;
    private long n;

    /** With -w and no --print nothing reaches standard output, so the progress line may use the terminal. */
    @Override
    protected boolean outputAtEnd() {
        return writeTo != null && !print;
    }

    @Override
    protected String usageError() {
        if (outDir != null && writeTo != null) {
            return "wirebook: --out-dir and -w cannot be used together (--out-dir writes the decoded text of each file)";
        }
        if (count <= 0) {
            // tcpdump -c 0 and -c -5 say "invalid packet count"; a count that stops before the first packet
            // is a mistake, not a request for nothing.
            return "-c: invalid packet count " + count + " (a number of packets, 1 or more)";
        }
        return displayFilter.compile();
    }

    /** C2 pays sooner for JSON Lines, whose writer it speeds up most (measured: {@link Jit}). */
    @Override
    protected long c2FromPackets() {
        return format.jsonl() ? Jit.C2_FROM_JSONL : Jit.C2_FROM_TEXT;
    }

    @Override
    protected Path outDir() {
        return outDir;
    }

    @Override
    protected String outExtension() {
        return format.jsonl() ? "jsonl" : "txt";
    }

    @Override
    protected void nextFile() {
        jsonl = null;
        text = null;
        sink = null;
        writer = null;
        n = 0;
    }

    /** Its packets' lines say only what their results hold, and its pipeline keeps no summaries. */
    @Override
    protected boolean analysesAhead() {
        return true;
    }

    /** Its lines say only what their results hold: the analysis may reuse the connections it lets go. */
    @Override
    protected PacketPipeline pipeline() {
        return PacketPipeline.recycling();
    }

    /** The reader thread renders lines too when this thread falls behind (JSON Lines, mostly). */
    @Override
    protected ResultRenderer renderer() {
        if (writeTo != null && !print) {
            return null; // nothing is written to standard output
        }
        return format.jsonl() ? JsonlPacketWriter.renderer() : new TextPacketWriter(null, !noNotes).renderer();
    }

    @Override
    protected void begin(OutputStream out) throws IOException {
        if (writeTo != null && !print) {
            return;
        }
        if (format.jsonl()) {
            jsonl = new JsonlPacketWriter(out);
        } else {
            sink = new Utf8Sink(out, 1 << 16);
            text = new TextPacketWriter(sink, !noNotes);
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
        if (writeTo != null) {
            write(r.frame());
        }
        Utf8Line done = rendered();
        if (jsonl != null) {
            if (done != null) {
                jsonl.writeRendered(done.bytes(), renderedFrom(), renderedTo() - renderedFrom());
            } else {
                jsonl.write(r);
            }
        } else if (text != null) {
            if (done != null) {
                text.writeRendered(done.bytes(), renderedFrom(), renderedTo() - renderedFrom());
            } else {
                text.write(r);
            }
            bytes(r);
        }
        return n < count;
    }

    /** What -x, -X, -A and -V add under the packet's line. */
    private void bytes(PacketResult r) throws IOException {
        if (hex.length == 0 && hexAscii.length == 0 && ascii.length == 0 && !details) {
            return;
        }
        extra.setLength(0);
        if (details) {
            extra.append(HexDumpText.fieldTree(r, "    "));
        }
        Frame f = r.frame();
        Packet p = r.packet();
        int link = Math.min(f.capturedLength, Math.max(0, p.link.offset + p.link.length));
        if (hexAscii.length > 0) {
            int skip = hexAscii.length > 1 ? 0 : link;
            TcpdumpHex.hexAscii(extra, f.data, f.offset + skip, f.capturedLength - skip);
        } else if (hex.length > 0) {
            int skip = hex.length > 1 ? 0 : link;
            TcpdumpHex.hex(extra, f.data, f.offset + skip, f.capturedLength - skip);
        }
        if (ascii.length > 0) {
            int skip = ascii.length > 1 ? 0 : link;
            TcpdumpHex.ascii(extra, f.data, f.offset + skip, f.capturedLength - skip);
        }
        sink.write(extra);
    }

    /** Opens the output file at the first packet, with its link type (pcapng adds one for each new link type). */
    private void write(Frame f) throws IOException {
        try {
            if (writer == null) {
                writer = CaptureWriter.create(writeTo, f.linkType, 262_144, null, false);
            }
            writer.write(f);
        } catch (IOException e) {
            throw new IOException(writeTo + ": " + Output.reason(e), e);
        }
    }

    @Override
    protected void end() throws IOException {
        if (writeTo == null) {
            return;
        }
        try {
            if (writer == null) {
                // Nothing was read (or accepted): an empty capture still, as tcpdump -w leaves one.
                writer = CaptureWriter.create(writeTo, io.wirebook.capture.LinkType.EN10MB, 262_144, null, false);
            }
            writer.close();
        } catch (IOException e) {
            throw new IOException(writeTo + ": " + Output.reason(e), e);
        }
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
