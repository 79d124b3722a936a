package io.wirebook.tutorial.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wirebook capture --scenario} whose output cannot be written: standard output on {@code /dev/full}
 * or a pcapng on it is one line and exit 5; a reader that stops early ({@code | head}) ends it quietly
 * with 0. Replays of the frozen recordings need no privileges; the live run needs root, as in CI.
 */
class ScenarioOutputErrorsTest {
    private static final String STDOUT_FULL = "wirebook: standard output: write error: No space left on device\n";

    @TempDir
    Path tmp;

    private record Run(int exitCode, String stderr, byte[] stdout) {}

    /** Runs wirebook in its own process: standard output to {@code stdout}, or into a pipe read to {@code bytes}. */
    private Run wirebook(File stdout, int bytes, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.wirebook.tutorial.Wirebook"));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        if (stdout != null) {
            pb.redirectOutput(stdout);
        }
        Process p = pb.start();
        byte[] read = null;
        if (stdout == null) {
            try (InputStream in = p.getInputStream()) {
                read = in.readNBytes(bytes);
            }
        }
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), read);
    }

    private static String recordings() {
        return RecordedScenariosTest.dir().toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--list", "--scenario handshake --format text", "--all --format jsonl"})
    void standardOutputOnDevFullIsOneLineAndExitFive(String options) throws Exception {
        List<String> args = new ArrayList<>(List.of("capture", "--replay", recordings()));
        args.addAll(List.of(options.split(" ")));
        Run r = wirebook(new File("/dev/full"), 0, args.toArray(String[]::new));
        assertEquals(STDOUT_FULL, r.stderr());
        assertEquals(5, r.exitCode());
    }

    @Test
    void aPcapngOnDevFullIsNamedAfterTheTimelineWasPrinted() throws Exception {
        Path printed = tmp.resolve("timeline.txt");
        Run r = wirebook(printed.toFile(), 0, "capture", "--replay", recordings(), "--scenario", "handshake",
                "-w", "/dev/full");
        assertEquals("wirebook: /dev/full: write error: No space left on device\n", r.stderr());
        assertEquals(5, r.exitCode());
        Path whole = tmp.resolve("whole.txt");
        Run ok = wirebook(whole.toFile(), 0, "capture", "--replay", recordings(), "--scenario", "handshake");
        assertEquals(0, ok.exitCode(), ok.stderr());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(printed), "the timeline was printed whole");
    }

    @Test
    void aReaderThatStopsEarlyEndsQuietlyWithZero() throws Exception {
        Run r = wirebook(null, 1000, "capture", "--replay", recordings(), "--all");
        assertEquals("", r.stderr());
        assertEquals(0, r.exitCode());
        assertEquals(1000, r.stdout().length);
    }

    /**
     * Live, the timeline is printed by a ticker thread as the scenario runs, which goes on when a print
     * fails; that failure must still be reported. (JSON Lines: no heading is printed before the run.)
     */
    @Test
    void aLiveScenarioOnAFullStandardOutputIsOneLineAndExitFive() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || System.getenv("CI") != null,
                "live capture needs root or CAP_NET_RAW + CAP_NET_ADMIN");
        Run r = wirebook(new File("/dev/full"), 0, "capture", "--scenario", "handshake", "--format", "jsonl");
        assertEquals(STDOUT_FULL, r.stderr());
        assertEquals(5, r.exitCode());
    }
}
