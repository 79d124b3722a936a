package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.synth.SynthOptions;
import io.wirebook.synth.SyntheticCapture;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler choice of {@link Jit}: how many packets a file is estimated to hold, and the hand-over of a
 * long run from a JVM with C1 alone to one with both compilers, in a JVM of its own as the launcher starts it.
 */
class JitTest {
    @TempDir
    Path dir;

    /** A generated capture of {@code packets} packets. */
    private Path generated(String name, long packets) throws Exception {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            SyntheticCapture.generate(SynthOptions.of(packets), Channels.newChannel(out), null);
        }
        return f;
    }

    @Test
    void aSmallFileIsCountedInFull() throws Exception {
        Path f = generated("small.pcap", 1_500);
        assertTrue(Files.size(f) < 8 << 20, "fits in the sample: " + Files.size(f));
        assertEquals(1_500, Jit.estimatePackets(List.of(f.toString())));
        assertEquals(3_000, Jit.estimatePackets(List.of(f.toString(), f.toString())), "two files, each counted");
    }

    @Test
    void aLargeFileIsEstimatedFromItsFirstRecords() throws Exception {
        Path f = generated("large.pcap", 60_000);
        long estimate = Jit.estimatePackets(List.of(f.toString()));
        // Its first 10,000 records are smaller than the mean (the handshakes come first): the estimate is high,
        // never low, and not by much.
        assertTrue(estimate >= 60_000 && estimate < 60_000 * 13 / 10, "estimate " + estimate + " for 60,000 packets");
    }

    @Test
    void whatCannotBeSizedIsUnknownAndWhatIsNoCaptureIsShort() throws Exception {
        assertEquals(Jit.UNKNOWN, Jit.estimatePackets(List.of("-")), "standard input");
        assertEquals(Jit.UNKNOWN, Jit.estimatePackets(List.of(dir.resolve("missing.pcap").toString())));
        assertEquals(Jit.UNKNOWN, Jit.estimatePackets(List.of(dir.toString())), "a directory");
        assertEquals(Jit.UNKNOWN, Jit.estimatePackets(List.of()));
        Path notCapture = dir.resolve("big.txt");
        try (RandomAccessFile r = new RandomAccessFile(notCapture.toFile(), "rw")) {
            r.setLength(16 << 20);
        }
        assertEquals(0, Jit.estimatePackets(List.of(notCapture.toString())), "not a capture: the command fails at once");
    }

    /** The values the JVMs of a run gave {@value Jit#PROPERTY}, in order (-XshowSettings:properties, on stderr). */
    private static List<String> jitProperties(String stderr) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(Jit.PROPERTY) + " = (\\S+)$").matcher(stderr);
        List<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static final List<String> AS_THE_LAUNCHER = List.of(Jit.C1_ONLY, "-D" + Jit.PROPERTY + "=c1",
            "-XshowSettings:properties");

    @Test
    void aLongRunHandsOverToAJvmWithBothCompilersAndPrintsTheSame() throws Exception {
        // 10,000 real records, then a hole: 4 GB that the estimate takes for 7M more packets of their size.
        // -c 5 stops long before the hole.
        Path f = generated("long.pcap", 10_001);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(4L << 30);
        }
        assertTrue(Jit.estimatePackets(List.of(f.toString())) > 5_000_000);
        Path out = dir.resolve("out.txt");
        CliProcess p = CliProcess.toFile(out, AS_THE_LAUNCHER, "read", "-c", "5", f.toString());
        assertEquals(0, p.exitCode, p.stderr);
        assertEquals(List.of("c1", "c1+c2"), jitProperties(p.stderr), "the second JVM says it was handed over");
        String expected = CliRunner.run("read", "-c", "5", f.toString()).stdout;
        assertEquals(expected, Files.readString(out, StandardCharsets.UTF_8), "the same 5 lines as in one JVM");
        assertEquals(5, expected.lines().count());
    }

    @Test
    void aShortRunStaysWithC1() throws Exception {
        Path f = generated("short.pcap", 2_000);
        CliProcess p = CliProcess.toFile(dir.resolve("out.txt"), AS_THE_LAUNCHER, "read", f.toString());
        assertEquals(0, p.exitCode, p.stderr);
        assertEquals(List.of("c1"), jitProperties(p.stderr), "one JVM");
        // JSON Lines hands over sooner, conversations later: 2,000 packets is short for both.
        CliProcess conv = CliProcess.toFile(dir.resolve("conv.txt"), AS_THE_LAUNCHER, "conversations", f.toString());
        assertEquals(List.of("c1"), jitProperties(conv.stderr));
    }

    @Test
    void standardInputStaysWithC1() throws Exception {
        Path f = generated("piped.pcap", 2_000);
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(CliProcess.command(AS_THE_LAUNCHER, "read", "-")).redirectInput(f.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertEquals(0, p.waitFor());
        assertEquals(List.of("c1"), jitProperties(Files.readString(err)), "one JVM for a pipe");
        assertEquals(2_000, Files.readString(out).lines().count());
    }

    @Test
    void withoutTheLaunchersPropertyNothingIsHandedOver() throws Exception {
        Path f = generated("long.pcap", 10_001);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(4L << 30);
        }
        CliProcess p = CliProcess.toFile(dir.resolve("out.txt"), List.of(Jit.C1_ONLY, "-XshowSettings:properties"),
                "read", "-c", "5", f.toString());
        assertEquals(0, p.exitCode, p.stderr);
        assertFalse(p.stderr.contains(Jit.PROPERTY + " ="), "no property, one JVM: " + jitProperties(p.stderr));
        assertEquals(1, p.stderr.split("Property settings:", -1).length - 1, "one JVM started");
    }
}
