package io.wirebook.bench;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The decode-only pass: the reader and every layer's decoder on each frame, no tracking, no analysis, no
 * output. It is the floor under every command that reads a file, measured apart so that what the analysis
 * costs on top can be told from what reading costs.
 */
public final class DecodePass {
    private DecodePass() {}

    /** What a pass did. @param checksum a value made from every decoded packet, so the work cannot be skipped */
    public record Result(long frames, long bytes, long nanos, long checksum) {
        /** The line the child prints on standard error, which {@link ChildRun#DECODE_LINE} reads back. */
        public String line() {
            return "wirebook: decode pass: " + frames + " frames, " + bytes + " bytes, " + nanos + " ns (checksum "
                    + Long.toHexString(checksum) + ")";
        }
    }

    /** Reads and decodes every frame of {@code file} once. */
    public static Result run(String file) throws IOException {
        long t0 = System.nanoTime();
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        Frame f = new Frame();
        long frames = 0;
        long sum = 0;
        try (FrameSource src = CaptureFiles.open(file)) {
            while (src.next(f)) {
                decoder.decode(f, p);
                sum += p.transport + p.sourcePort + p.destinationPort; // uses the result, so the JIT cannot drop the decode
                frames++;
            }
        }
        long nanos = System.nanoTime() - t0;
        return new Result(frames, Files.size(Path.of(file)), nanos, sum);
    }
}
