package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.pipeline.DecodingReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader thread ({@link DecodingReader}, which for {@code read} tracks and analyses each packet too,
 * leaving the command's thread only the writing) changes nothing a user sees: every command that reads a file
 * gives the same bytes on standard output, the same lines on standard error and the same exit code with it
 * as without it, on every bundled capture, on damaged ones, on several files read as one, and when
 * {@code -c} stops the reading early; and the same again when the reader thread renders the lines too
 * (which {@code read} has it do when its own thread falls behind).
 */
class ReadAheadIdentityTest {
    @TempDir
    static Path dir;

    static Stream<Path> captures() {
        return TestCaptures.all().stream();
    }

    private static final List<List<String>> COMMANDS = List.of(
            List.of("read"), List.of("read", "--format", "jsonl"), List.of("read", "-V", "-X"),
            List.of("read", "-c", "3"), List.of("conversations", "-q"),
            List.of("conversations", "-q", "--format", "jsonl"), List.of("timeline"),
            List.of("follow", "--stream", "0"));

    private static void sameBothWays(List<String> args) {
        String[] a = args.toArray(new String[0]);
        CliRunner off = CliRunner.run(k -> ahead(k, false, false), a);
        CliRunner on = CliRunner.run(k -> ahead(k, true, false), a);
        // and with every line rendered on the reader thread (read's when its writing falls behind)
        CliRunner rendered = CliRunner.run(k -> ahead(k, true, true), a);
        String what = String.join(" ", args);
        for (CliRunner r : List.of(on, rendered)) {
            String how = (r == on ? "" : "rendering ahead: ") + what;
            assertEquals(off.exitCode, r.exitCode, "exit code of " + how + ": " + r.stderr);
            assertEquals(off.stderr, r.stderr, "standard error of " + how);
            assertArrayEquals(off.stdoutBytes, r.stdoutBytes, "standard output of " + how);
        }
    }

    private static void ahead(Object command, boolean on, boolean renderEveryBatch) {
        if (command instanceof FileCommand f) {
            f.readAhead = on;
            f.renderEveryBatch = renderEveryBatch;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyCommandGivesTheSameOutputWithTheReaderThread(Path capture) {
        for (List<String> command : COMMANDS) {
            List<String> args = new ArrayList<>(command);
            args.add(capture.toString());
            sameBothWays(args);
        }
    }

    /** Cut at many places (inside headers, records and blocks): the same frames, then the same error line. */
    @Test
    void aDamagedCaptureGivesTheSameFramesAndTheSameErrorLine() throws IOException {
        byte[] whole = Files.readAllBytes(TestCaptures.get("scenarios/loss.pcapng"));
        int cuts = 0;
        for (int len = 1; len < whole.length; len += Math.max(1, whole.length / 40)) {
            Path cut = dir.resolve("cut-" + len + ".pcapng");
            Files.write(cut, java.util.Arrays.copyOf(whole, len));
            sameBothWays(List.of("read", cut.toString()));
            sameBothWays(List.of("conversations", "-q", cut.toString()));
            cuts++;
        }
        assertTrue(cuts >= 40, "cuts tried: " + cuts);
    }

    /**
     * A generated capture of 20,000 packets fills many batches, by frame count and by bytes (frames carried
     * into the next batch), and its three files read as one cross batches at file boundaries.
     */
    @Test
    void manyBatchesAndSeveralFilesGiveTheSameOutput() throws IOException {
        List<String> files = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            Path f = dir.resolve("gen-" + seed + ".pcap");
            CliRunner g = CliRunner.run("generate", "-q", "-n", "20000", "--seed", Integer.toString(seed), "-o", f.toString());
            assertEquals(0, g.exitCode, g.stderr);
            files.add(f.toString());
        }
        assertTrue(Files.size(Path.of(files.get(0))) > 8L * 256 * 1024, "the capture spans several batches' bytes");
        for (List<String> command : List.of(List.of("read"), List.of("read", "--format", "jsonl"),
                List.of("conversations", "-q"), List.of("read", "-c", "1500"))) {
            List<String> args = new ArrayList<>(command);
            args.add(files.get(0));
            sameBothWays(args);
            List<String> all = new ArrayList<>(command);
            for (String f : files) {
                all.add("-r");
                all.add(f);
            }
            sameBothWays(all);
        }
    }
}
