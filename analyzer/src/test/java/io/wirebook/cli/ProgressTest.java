package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The progress line: its words and figures, when it appears and is refreshed (a fake clock), and who gets
 * it (a fake terminal): a terminal does, a pipe, CI and {@code -q} do not, nor a terminal that read's own
 * lines go to.
 */
class ProgressTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path tmp;

    /** A clock the test moves. */
    private static final class Clock {
        long now = 1_000 * S;
    }

    private static final class Err {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String take() {
            String s = bytes.toString(StandardCharsets.UTF_8);
            bytes.reset();
            return s;
        }
    }

    @Test
    void nothingForTwoSecondsThenOneLineAtMostEveryHalfSecondRewrittenInPlaceAndErasedAtTheEnd() {
        Clock c = new Clock();
        Err err = new Err();
        Progress p = new Progress(err.stream, "", 1_000_000_000L, 0, () -> c.now, 1);
        c.now += 1_999_999_999L;
        p.update(9_000_000L, 300);
        assertEquals("", err.take(), "nothing before 2 s");
        c.now += 1;
        p.update(10_000_000L, 400);
        String first = "wirebook: 10.0 MB of 1.00 GB (1%), 400 packets, 5.00 MB/s, 3 min 18 s left";
        assertEquals("\r" + first, err.take(), "10 MB in 2 s: 5 MB/s, and the 990 MB left at that rate take 198 s");
        c.now += S / 2 - 1;
        p.update(100_000_000L, 700);
        assertEquals("", err.take(), "not again within 500 ms");
        c.now += 1;
        p.update(250_000_000L, 1_000);
        String second = "wirebook: 250 MB of 1.00 GB (25%), 1,000 packets, 100 MB/s, 8 s left";
        assertEquals("\r" + second + " ".repeat(first.length() - second.length()), err.take(),
                "250 MB in 2.5 s, 7.5 s for the rest; spaces over what the longer line left");
        p.clear();
        assertEquals("\r" + " ".repeat(second.length()) + "\r", err.take(), "erased, the cursor back at the start");
        p.clear();
        assertEquals("", err.take(), "once");
    }

    @Test
    void withoutASizeThePacketsToWriteGiveThePercentAndTheTimeLeft() {
        Clock c = new Clock();
        Err err = new Err();
        Progress p = new Progress(err.stream, "", 0, 3_000_000, () -> c.now, 1);
        c.now += 4 * S;
        p.update(812_400_000L, 1_000_000);
        assertEquals("\rwirebook: 812 MB, 1,000,000 of 3,000,000 packets (33%), 203 MB/s, 8 s left", err.take(),
                "a third in 4 s: 8 s for the rest");
        Progress stdin = new Progress(err.stream, "pass 1 of 2: ", 0, 0, () -> c.now, 1);
        c.now += 200 * S;
        stdin.update(5_300, 1);
        assertEquals("\rwirebook: pass 1 of 2: 5.30 kB, 1 packet, 26 B/s", err.take(), "no total: no percent, no time left");
    }

    @Test
    void aLineTooLongForAnEightyColumnTerminalLeavesOutTheTotal() {
        Clock c = new Clock();
        Err err = new Err();
        Progress p = new Progress(err.stream, "pass 1 of 2: ", 2_036_580_688L, 0, () -> c.now, 1);
        c.now += 2 * S;
        p.update(10_000_000L, 400);
        String line = "wirebook: pass 1 of 2: 10.0 MB (0%), 400 packets, 5.00 MB/s, 6 min 46 s left";
        assertEquals("\r" + line, err.take(), "with ' of 2.04 GB' it would be " + (line.length() + 11) + " characters");
        assertTrue(line.length() <= Progress.MAX_WIDTH);
    }

    @Test
    void longJobsSayMinutesAndHoursAndTheClockIsReadOnlyEverySoManyUpdates() {
        assertEquals("3 min 05 s", Progress.duration(184_100_000_000L));
        assertEquals("2 h 07 min", Progress.duration((2 * 3600 + 7 * 60 + 30) * S));
        assertEquals("999 B", Progress.size(999));
        assertEquals("1.50 kB", Progress.size(1_500));
        assertEquals("1.00 MB", Progress.size(999_500), "999.5 kB rounds to the next unit");
        assertEquals("2.04 GB", Progress.size(2_036_580_688L));
        long[] readings = new long[1];
        Err err = new Err();
        Progress p = new Progress(err.stream, "", 0, 0, () -> {
            readings[0]++;
            return readings[0] * 10 * S;
        });
        long afterStart = readings[0];
        for (int i = 0; i < 10 * Progress.CHECK_EVERY; i++) {
            p.update(i, i);
        }
        assertEquals(10, readings[0] - afterStart, "one reading per " + Progress.CHECK_EVERY + " updates");
    }

    @Test
    void aTerminalGetsTheLineAPipeCiAndQuietDoNot() {
        // quiet, stderr a terminal, stdout a terminal, output only at the end, CI
        assertTrue(Progress.wanted(false, true, false, false, null), "read into a file or a pipe, on a terminal");
        assertFalse(Progress.wanted(false, false, false, false, null), "standard error a pipe");
        assertFalse(Progress.wanted(false, true, false, false, "true"), "CI set");
        assertTrue(Progress.wanted(false, true, false, false, ""), "CI set but empty is not set");
        assertFalse(Progress.wanted(true, true, false, false, null), "-q");
        assertFalse(Progress.wanted(false, true, true, false, null), "read's lines go to the terminal");
        assertTrue(Progress.wanted(false, true, true, true, null), "conversations writes to it only at the end");
    }

    /** A process seen by the progress line: which descriptors are terminals, CI, and a clock a second a reading. */
    private static Progress.Environment environment(boolean stderrTerminal, boolean stdoutTerminal, String ci) {
        return new Progress.Environment() {
            long now;

            @Override
            public boolean isTerminal(Object stream, int fd) {
                return fd == 2 ? stderrTerminal : stdoutTerminal;
            }

            @Override
            public String variable(String name) {
                return name.equals("CI") ? ci : null;
            }

            @Override
            public long nanoTime() {
                return now += S;
            }
        };
    }

    /** Runs a command in-process as CliRunner does, with {@code env} as the process the progress line sees. */
    private static CliRunnerResult run(Progress.Environment env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Err err = new Err();
        CommandLine cl = new CommandLine(new Main(List.<io.wirebook.calls.Scenario>of()), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof FileCommand f) {
                    f.stdout = out;
                    f.stderr = err.stream;
                    f.environment = env;
                } else if (k instanceof GenerateCommand g) {
                    g.stdout = java.nio.channels.Channels.newChannel(out);
                    g.stderr = err.stream;
                    g.environment = env;
                }
                return k;
            }
        });
        Main.addCommands(cl);
        int rc = cl.execute(args);
        return new CliRunnerResult(rc, out.toString(StandardCharsets.UTF_8), err.take());
    }

    private record CliRunnerResult(int exitCode, String stdout, String stderr) {}

    private static final Pattern LINE = Pattern.compile(
            "wirebook: [0-9.]+ [kMG]?B of [0-9.]+ [kMG]?B \\(\\d+%\\), [0-9,]+ packets, [0-9.]+ [kMG]?B/s, (\\d+ min )?\\d+ s left *");

    /** The lines of a stderr made of progress lines and their erasure: each line, checked, then that it ends erased. */
    private static int progressLines(String stderr) {
        assertTrue(stderr.startsWith("\r") && stderr.endsWith("\r"), stderr);
        String[] parts = stderr.substring(1, stderr.length() - 1).split("\r", -1);
        assertTrue(parts[parts.length - 1].isBlank(), "the last is the erasure: " + Arrays.toString(parts));
        for (int i = 0; i < parts.length - 1; i++) {
            assertTrue(LINE.matcher(parts[i]).matches(), parts[i]);
        }
        return parts.length - 1;
    }

    @Test
    void readIntoAFileShowsTheLineOnTheTerminalAndItsOutputIsTheSame() {
        Path capture = tmp.resolve("p.pcap");
        assertEquals(ExitCodes.OK, CliRunner.run("generate", "-n", "3000", "-o", capture.toString()).exitCode);
        CliRunner plain = CliRunner.run("read", capture.toString());
        CliRunnerResult shown = run(environment(true, false, null), "read", capture.toString());
        assertEquals(ExitCodes.OK, shown.exitCode);
        assertEquals(plain.stdout, shown.stdout, "the packets' lines are not touched");
        // 3,000 packets: a reading of the clock (a second each) at the 1st and every 64th; a line each from 2 s on.
        assertEquals((3000 - 1) / Progress.CHECK_EVERY, progressLines(shown.stderr));

        assertEquals("", run(environment(false, false, null), "read", capture.toString()).stderr, "a pipe gets none");
        assertEquals("", run(environment(true, false, "1"), "read", capture.toString()).stderr, "nor CI");
        assertEquals("", run(environment(true, false, null), "read", "-q", capture.toString()).stderr, "nor -q");
        assertEquals("", run(environment(true, true, null), "read", capture.toString()).stderr,
                "nor read whose lines go to that terminal");
        CliRunnerResult conversations = run(environment(true, true, null), "conversations", capture.toString());
        assertEquals(CliRunner.run("conversations", capture.toString()).stdout, conversations.stdout);
        assertTrue(progressLines(conversations.stderr) > 0, "conversations writes at the end: it may");
    }

    @Test
    void generateCountsThePacketsItWasAskedFor() {
        Path capture = tmp.resolve("g.pcap");
        CliRunnerResult g = run(environment(true, false, null), "generate", "-n", "200000", "-o", capture.toString());
        assertEquals(ExitCodes.OK, g.exitCode, g.stderr);
        String[] parts = g.stderr.split("\r", -1);
        assertTrue(parts.length > 2, g.stderr);
        assertTrue(Pattern.matches("wirebook: [0-9.]+ [kMG]?B, [0-9,]+ of 200,000 packets \\(\\d+%\\), [0-9.]+ [kMG]?B/s, "
                + "\\d+ s left *", parts[1]), parts[1]);
        assertTrue(parts[parts.length - 1].startsWith("wirebook: wrote " + capture + ": 200000 packets"),
                "the line is erased before the summary: " + parts[parts.length - 1]);
        assertTrue(parts[parts.length - 2].isBlank());
        assertEquals("", run(environment(false, false, null), "generate", "-n", "200000", "-o", capture.toString())
                .stderr.replaceFirst("wirebook: wrote .*\n", ""), "a pipe gets the summary only");
    }

    /** Says which of its standard streams {@link Progress#terminal} takes for a terminal. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("stdout " + Progress.terminal(1) + " stderr " + Progress.terminal(2));
        }
    }

    private static String probe(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** The real check, on a real pipe and on a pseudo-terminal that script(1) (util-linux) gives the process. */
    @Test
    void aPseudoTerminalIsATerminalAndAPipeIsNot() throws Exception {
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Probe.class.getName());
        assertEquals("stdout false stderr false", probe(java), "both pipes");
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script), "script(1) from util-linux, which the set-up installs");
        String line = String.join(" ", java.stream().map(a -> "'" + a + "'").toList());
        assertEquals("stdout true stderr true", probe(List.of(script.toString(), "-qec", line, "/dev/null")));
        assertEquals("stdout false stderr true", probe(List.of(script.toString(), "-qec", line + " | cat", "/dev/null")),
                "standard output into a pipe, standard error on the terminal: read's case for the line");
    }

    @Test
    void theCommandsWithTheLineDocumentQuietAndExitCode9() {
        for (String command : List.of("read", "conversations", "generate")) {
            String help = CliRunner.run(command, "--help").stdout;
            assertTrue(help.contains("-q, --quiet") && help.contains("No progress line on standard error"), command + ":\n" + help);
            assertTrue(help.contains("  9  out of memory (one line says where; WIREBOOK_JAVA_OPTS=-Xmx2g gives more)"),
                    command + ":\n" + help);
        }
    }
}
