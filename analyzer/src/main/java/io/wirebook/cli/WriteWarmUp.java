package io.wirebook.cli;

import io.wirebook.capture.CaptureWriter;
import io.wirebook.capture.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the capture's write path over synthetic packets before the capture says it has started, so that the
 * JIT compiles it then and not while the first packets arrive.
 *
 * <p>Why: a JVM interprets a method until it has run a few thousand times, and then compiles it on compiler
 * threads of its own. A capture that starts under a full-speed transfer (the load test's, on two cores that
 * also run the transfer's two threads) did that compiling while the kernel's buffer filled: perf found the C2
 * compiler threads in a third of the capture process's samples during a 2 GB transfer, and a JIT log 229 and
 * 260 compilations in the transfer's first second; with this warm-up, 157 and 165. It moves C1's work, not
 * C2's: some 55 C2 compilations still come in that second with it as without, the write path's among them
 * (queued behind the rest, or compiled again for the real packets' profile), and the read path's, which
 * needs real packets. Waiting for the compiler to be quiet before starting did not work: it never was for
 * 60 ms within 1.5 s. The packets go, as the capture's will, from a direct buffer ({@link Frame#direct})
 * through a writer of the same format to {@code /dev/null}, where writing costs nothing; the warm-up adds
 * about 0.2 s before the capture starts. Whether it lowers the drops could not be told apart from this
 * shared machine's noise (README, "Under load").
 */
final class WriteWarmUp {
    /** Records written: past the JIT's thresholds for compiling with C1 and then C2 (a few thousand calls). */
    static final int RECORDS = 20_000;
    private static final Path NULL = Path.of("/dev/null");

    private WriteWarmUp() {}

    /**
     * Writes {@value #RECORDS} packets of 64 KiB (loopback's segments) in {@code pcap} or pcapng, as the
     * capture will; does nothing where there is no {@code /dev/null}, and gives up quietly on an error (the
     * capture does not need it to work).
     */
    static void run(boolean pcap, int linkType, int snaplen, String interfaceName) {
        if (!Files.isWritable(NULL)) {
            return;
        }
        Frame frame = new Frame();
        frame.linkType = linkType;
        frame.tsDigits = 9;
        frame.interfaceId = 0;
        frame.fileOffset = -1;
        frame.capturedLength = frame.originalLength = Math.min(snaplen, 65_536);
        frame.direct = ByteBuffer.allocateDirect(frame.capturedLength);
        try (CaptureWriter w = CaptureWriter.create(NULL, pcap, linkType, snaplen, interfaceName, true)) {
            for (int i = 0; i < RECORDS; i++) {
                frame.number = i + 1;
                frame.epochSeconds = i;
                w.write(frame, null);
            }
        } catch (IOException | RuntimeException e) {
            // Only a warm-up: the real writer reports its own errors.
        }
    }
}
