package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read} in a small heap, as a user runs it ({@code WIREBOOK_JAVA_OPTS=-Xmx64m}): its memory is
 * bounded by the connections of the last seconds of traffic, not by the file. Before the tracker let
 * finished connections go, it kept every one until 50,000 were live: the capture of the first test
 * (30,000 connections over 45 s of traffic, 52 MiB of live heap then, 23 MiB now) ran out of a 64 MiB heap
 * after about 200,000 frames, with the JVM's stack trace and exit 1. When memory runs out anyway (the
 * second test: 30,000 connections in 0.75 s of traffic, all of them in the last 2 s, in 32 MiB) it is one
 * line and exit 9, after every packet read so far.
 */
class ReadMemoryTest {
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("wirebook: out of memory after frame (\\d+) of (.+) "
            + "\\((\\d+)% of the file read\\) in a heap of (\\d+) MiB; run with WIREBOOK_JAVA_OPTS=-Xmx2g\n");

    @TempDir
    Path tmp;

    private Path generate(String name, String... options) {
        Path capture = tmp.resolve(name);
        String[] args = new String[options.length + 3];
        args[0] = "generate";
        args[1] = "-o";
        args[2] = capture.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        CliRunner g = CliRunner.run(args);
        assertEquals(ExitCodes.OK, g.exitCode, g.stderr);
        return capture;
    }

    /** Where frame {@code n}'s record starts in the file, as the readers give it. */
    private static long offsetOf(Path capture, long n) throws IOException {
        try (FrameSource src = CaptureFiles.open(capture.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                if (f.number == n) {
                    return f.fileOffset;
                }
            }
        }
        throw new AssertionError("no frame " + n);
    }

    @Test
    void threeHundredThousandPacketsOfThirtyThousandConnectionsAreReadIn64MiB() throws Exception {
        // 45 s of traffic, at most a few dozen connections open at once.
        Path capture = generate("spread.pcap", "-n", "300000", "--connections", "30000", "--flow-rate", "1000");
        Path out = tmp.resolve("spread.txt");
        CliProcess r = CliProcess.toFile(out, List.of("-Xmx64m"), "read", capture.toString());
        assertEquals("", r.stderr);
        assertEquals(ExitCodes.OK, r.exitCode);
        OutputTail last = OutputTail.of(out);
        assertEquals(300_000, last.lastFrame(), "the last line is the last frame's");
        assertEquals(300_000, last.lines(), "one line per frame");
    }

    @Test
    void memoryThatRunsOutAnywayIsOneLineAfterEveryPacketWrittenAndExit9() throws Exception {
        Path capture = generate("dense.pcap", "-n", "300000", "--connections", "30000", "--flow-rate", "1000000");
        Path out = tmp.resolve("dense.txt");
        CliProcess r = CliProcess.toFile(out, List.of("-Xmx32m"), "read", capture.toString());
        Matcher m = OUT_OF_MEMORY.matcher(r.stderr);
        assertTrue(m.matches(), "one line, no stack trace: " + r.stderr);
        assertEquals(ExitCodes.OUT_OF_MEMORY, r.exitCode);
        long frame = Long.parseLong(m.group(1));
        assertEquals(capture.toString(), m.group(2));
        assertTrue(frame > 1000 && frame < 300_000, "ran out part way: frame " + frame);
        assertEquals(offsetOf(capture, frame) * 100 / Files.size(capture), Long.parseLong(m.group(3)),
                "the share of the file up to that frame's record");
        assertEquals(32, Long.parseLong(m.group(4)), "the heap it had");
        OutputTail last = OutputTail.of(out);
        assertEquals(frame, last.lastFrame(), "what was read is written, up to the frame the line names");
        assertEquals(frame, last.lines());
    }
}
