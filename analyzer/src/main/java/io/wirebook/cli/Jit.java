package io.wirebook.cli;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of HotSpot's compilers a run has: C1 alone when the run is too short to pay for C2, both (the JVM's
 * default, tiered) when it is long.
 *
 * <p>Why: on this project's 2-core machine C2 took 0.5-1 s of CPU compiling the per-packet path of a
 * 1M-packet {@code read} (a run of about a second), on the cores the run's two threads need, and the code it
 * makes pays that back only after millions of packets. Measured against the JVM's default on generated
 * captures (README, "Speed"), C1 alone ({@code -XX:TieredStopAtLevel=1}) was faster up to about 5M packets
 * for {@code read}, 1.2M for {@code read --format jsonl} and 8M for {@code conversations}, and slower past
 * them. It is the packets that count, not the bytes: 10M packets cut to 80 bytes each (0.9 GB) were 22%
 * slower to read with C1 alone, while 2 GB of 3M packets were 15% faster.
 *
 * <p>How: the launcher starts the commands that read a capture file with C1 alone and says so in the
 * {@value #PROPERTY} property ({@code c1}). Before its first packet, such a command estimates the packets of
 * its input ({@link #estimatePackets}: the files' size over the mean size of the first records) and, when
 * they are more than its own limit ({@link FileCommand#c2FromPackets}), replaces its process with a JVM
 * started the same way with both compilers ({@link #handOver}: {@code execv}, as the launcher's own {@code
 * exec}; the new JVM's property says {@code c1+c2} and it does not estimate again). A JVM cannot turn C2 on
 * once started; starting a second one costs about 0.1 s, paid only by runs of several seconds. Without the
 * launcher (tests, {@code java -jar}) the property is unset and the JVM's own choice stands.
 */
final class Jit {
    private Jit() {}

    /** {@code c1} when the launcher started this JVM with C1 alone for a command that may hand over. */
    static final String PROPERTY = "wirebook.jit";

    /** The launcher's option for C1 alone, and the property's values before and after the hand-over. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String C1 = "c1";
    private static final String HANDED_OVER = "c1+c2";

    /**
     * Unknown: standard input, a pipe. Such a run stays with C1: what comes down a pipe comes at the speed of
     * whatever writes it (a live capture, as a rule), and a short one would pay for the hand-over.
     */
    static final long UNKNOWN = -1;

    /**
     * The records {@link #estimatePackets} reads at most, and their bytes at most: a few milliseconds. Fewer
     * said too much: a capture starts with its connections' handshakes, smaller than the packets after them
     * (in the generated 1M-packet capture the first 1,000 records gave 1.47M packets, the first 10,000 1.10M).
     */
    private static final int SAMPLE_RECORDS = 10_000;
    private static final long SAMPLE_BYTES = 8 << 20;

    /** Packets past which C2 pays (measured, README "Speed"): {@code read}'s text, its JSON Lines, the commands that analyse and print little. */
    static final long C2_FROM_TEXT = 5_000_000, C2_FROM_JSONL = 1_200_000, C2_FROM_ANALYSIS = 8_000_000;

    /** Whether this JVM has C1 alone by the launcher's choice, and may hand over. */
    static boolean c1Only() {
        return C1.equals(System.getProperty(PROPERTY));
    }

    /**
     * Hands over to a JVM with both compilers when {@code packets} is known and more than {@code c2From};
     * returns otherwise, or when it could not.
     */
    static void expect(long packets, long c2From) {
        if (c1Only() && packets != UNKNOWN && packets > c2From) {
            handOver();
        }
    }

    /**
     * Replaces this process with the same java command line without {@link #C1_ONLY}: its own words, read
     * from {@code /proc/self/cmdline} (the JVM options, the jar and the command's words exactly as given),
     * so the new JVM runs the same command from its start. Returns only if it could not (no such file, no
     * libc through JNA): the run goes on with C1.
     */
    static void handOver() {
        if (!c1Only()) {
            return;
        }
        List<String> argv = new ArrayList<>();
        try {
            byte[] line = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            int from = 0;
            for (int i = 0; i < line.length; i++) {
                if (line[i] == 0) {
                    argv.add(new String(line, from, i - from, java.nio.charset.Charset.defaultCharset()));
                    from = i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        int c1 = argv.indexOf(C1_ONLY), property = argv.indexOf("-D" + PROPERTY + "=" + C1);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (c1 < 1 || property < 1 || !Files.isExecutable(java)) {
            return;
        }
        argv.set(property, "-D" + PROPERTY + "=" + HANDED_OVER);
        argv.remove(c1); // the launcher's, the first; one given again in WIREBOOK_JAVA_OPTS stays
        argv.set(0, java.toString());
        System.out.flush();
        System.err.flush();
        Posix.exec(argv.toArray(new String[0]));
    }

    /**
     * Packets in {@code files}, estimated: their size over the mean size of the first file's first records
     * (header and padding included; up to {@value #SAMPLE_RECORDS} of them, or 8 MiB); {@link #UNKNOWN} for
     * standard input or anything whose size cannot be known (a pipe, a device); 0 when the first file does not
     * read as a capture (the command fails at once). A first file read to its end counts exactly.
     */
    static long estimatePackets(List<String> files) {
        long bytes = 0, firstSize = 0;
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            if (f.equals("-")) {
                return UNKNOWN;
            }
            try {
                Path p = Path.of(f);
                if (!Files.isRegularFile(p)) {
                    return UNKNOWN;
                }
                long size = Files.size(p);
                if (i == 0) {
                    firstSize = size;
                }
                bytes += size;
            } catch (IOException | RuntimeException e) {
                return UNKNOWN;
            }
        }
        if (files.isEmpty()) {
            return UNKNOWN;
        }
        // From the first record's start to the last's: the mean record, its header and padding included; all
        // of the first file's records when the sample reached its end.
        long count = 0, first = -1, last = -1;
        boolean whole = false;
        try (FrameSource src = CaptureFiles.open(files.get(0))) {
            Frame frame = new Frame();
            while (count < SAMPLE_RECORDS && last - first < SAMPLE_BYTES) {
                if (!src.next(frame)) {
                    whole = true;
                    break;
                }
                if (count++ == 0) {
                    first = frame.fileOffset;
                }
                last = frame.fileOffset;
            }
        } catch (IOException | RuntimeException e) {
            // Not a capture, or damaged within the sample: the command's own reading will say so, soon.
            if (count < 2) {
                return 0;
            }
        }
        if (whole) {
            return firstSize == 0 ? 0 : (long) ((double) count * bytes / firstSize);
        }
        if (count < 2 || last <= first) {
            return UNKNOWN;
        }
        return (long) ((double) bytes * (count - 1) / (last - first));
    }
}
