package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirebook.bench.Captures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirebook bench} end to end on a tiny capture (the hidden {@code --packets}), with Wirebook run as a
 * process of its own as the bench runs it, and with the reference tools hidden (an empty PATH) so the
 * test takes seconds and shows the lines a user gets for tools that are not installed.
 */
class BenchCommandTest {
    @TempDir
    Path tmp;

    /** Runs bench in-process with {@code set} applied to the command (its java command line, PATH). */
    private static CliRunner bench(Consumer<BenchCommand> set, String... args) {
        return CliRunner.run(k -> {
            if (k instanceof BenchCommand b) {
                set.accept(b);
            }
        }, args);
    }

    /** Wirebook as a process, with no reference tool on PATH. */
    private Consumer<BenchCommand> wirebookOnly() throws Exception {
        Path emptyPath = Files.createDirectories(tmp.resolve("no-tools"));
        return b -> {
            b.java = CliProcess.command(List.of());
            b.path = emptyPath.toString();
        };
    }

    @Test
    void measuresEveryWirebookCommandOnTheCaptureAndTheStartUpAndSaysWhatWasSkipped() throws Exception {
        Path work = tmp.resolve("work");
        CliRunner r = bench(wirebookOnly(), "bench", "--packets", "2000", "--quick", "--rounds", "2", "--dir", work.toString());
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        Path pcap = work.resolve(Captures.fileName(1, 2000, false));
        assertTrue(Files.isRegularFile(pcap), "the capture stays in --dir");
        assertFalse(Files.exists(work.resolve(Captures.fileName(1, 2000, true))), "--quick: pcap only");
        assertTrue(r.stderr.contains("wirebook bench: generated " + pcap), r.stderr);
        assertTrue(r.stderr.contains("wirebook bench: 2k pcap, round 2 of 2"), r.stderr);
        List<String> lines = r.stdout.lines().toList();
        assertTrue(lines.get(0).startsWith("wirebook bench: 2 rounds (--quick: tshark in the first only), seed 1,"),
                r.stdout);
        assertTrue(lines.contains("wirebook runs as: " + String.join(" ", CliProcess.command(List.of())) + " ARGS"), r.stdout);
        for (String command : List.of("wirebook read", "wirebook read --format jsonl", "wirebook conversations",
                "wirebook decode only")) {
            String line = lines.stream().filter(l -> l.startsWith("2k pcap ") && l.contains(" " + command + "  "))
                    .findFirst().orElseThrow(() -> new AssertionError(command + " missing:\n" + r.stdout));
            // Two good runs, a wall time and, with GNU time installed, CPU and RSS figures.
            assertTrue(line.matches("2k pcap +" + java.util.regex.Pattern.quote(command)
                    + " +2 +\\d+\\.\\d{3} +\\d+\\.\\d{3}-\\d+\\.\\d{3} +\\d+\\.\\d\\d +\\d+ +[\\d,]+ +[\\d,]+.*"), line);
        }
        assertTrue(r.stdout.lines().anyMatch(l -> l.contains("wirebook decode only") && l.matches(".*the pass alone: "
                + "\\d+\\.\\d\\d GB/s, \\d+\\.\\d{3} s")), r.stdout);
        assertTrue(r.stdout.lines().anyMatch(l -> l.startsWith("10 packets  wirebook read (start-up)")), r.stdout);
        for (String tool : List.of("cat", "tcpdump", "tshark")) {
            assertTrue(r.stdout.contains("skipped: " + tool + " is not installed (not on PATH): its commands are skipped\n"),
                    r.stdout);
            assertTrue(r.stderr.contains("wirebook bench: " + tool + " is not installed"), r.stderr);
        }

        // Again with the same directory: the capture is reused. A stand-in for Wirebook that reports a decode
        // pass of 1 ms (every command prints the line; only the decode row reads it) keeps this second run fast.
        long made = Files.getLastModifiedTime(pcap).toMillis();
        Path noTools = tmp.resolve("no-tools");
        CliRunner again = bench(b -> {
            b.java = List.of("/bin/sh", "-c", "echo 'wirebook: decode pass: 2000 frames, 1 bytes, 1000000 ns' >&2", "sh");
            b.path = noTools.toString();
        }, "bench", "--packets", "2000", "--quick", "--rounds", "1", "--dir", work.toString(), "--format", "json");
        assertEquals(ExitCodes.OK, again.exitCode, again.stderr);
        assertFalse(again.stderr.contains("generated " + pcap), again.stderr);
        assertEquals(made, Files.getLastModifiedTime(pcap).toMillis());
        JsonNode doc = new ObjectMapper().readTree(again.stdout);
        assertEquals(1, doc.get("rounds").asInt());
        assertEquals(3, doc.get("skipped").size(), again.stdout);
        JsonNode rows = doc.get("rows");
        assertEquals(List.of("wirebook read", "wirebook read --format jsonl", "wirebook conversations",
                "wirebook decode only", "wirebook read (start-up)"),
                List.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(4)).stream()
                        .map(n -> n.get("command").asText()).toList());
        JsonNode decode = rows.get(3);
        assertEquals(2000, decode.get("packets").asLong());
        assertEquals(Files.size(pcap), decode.get("bytes").asLong());
        assertEquals(Files.size(pcap) / 1e6, decode.get("decode_gb_per_s").asDouble(), 1e-9, "the file's bytes in 1 ms");
        assertEquals(0.001, decode.get("samples").get(0).get("decode_s").asDouble(), 1e-12);
    }

    @Test
    void aCommandThatFailsIsInTheTableAndTheExitCodeIs10() throws Exception {
        Path emptyPath = Files.createDirectories(tmp.resolve("no-tools"));
        // A "java" that fails at once stands for a Wirebook that fails on every capture.
        CliRunner r = bench(b -> {
            b.java = List.of("/bin/sh", "-c", "echo 'wirebook: something broke' >&2; exit 2", "sh");
            b.path = emptyPath.toString();
        }, "bench", "--packets", "500", "--quick", "--rounds", "1", "--dir", tmp.resolve("w").toString());
        assertEquals(ExitCodes.BENCH_FAILED, r.exitCode, r.stderr);
        assertTrue(r.stdout.lines().anyMatch(l -> l.startsWith("500 pcap    wirebook read ") && l.contains(" 0 of 1 ")
                && l.endsWith("failed: exit 2")), r.stdout);
        assertTrue(r.stderr.contains("wirebook: wirebook read on " + tmp.resolve("w").resolve(Captures.fileName(1, 500, false))
                + " failed with exit 2: wirebook: something broke\n"), r.stderr);
    }

    @Test
    void usageAndWorkDirectoryErrorsAreOneLineWithTheirCodes() throws Exception {
        CliRunner rounds = bench(b -> { }, "bench", "--rounds", "0");
        assertEquals(ExitCodes.USAGE, rounds.exitCode);
        assertTrue(rounds.stderr.startsWith("--rounds must be 1 or more (got 0)"), rounds.stderr);

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRunner dir = bench(b -> { }, "bench", "--quick", "--dir", file.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, dir.exitCode, dir.stderr);
        assertTrue(dir.stderr.startsWith("wirebook: " + file + ": cannot create: "), dir.stderr);
        assertEquals(1, dir.stderr.lines().count(), dir.stderr);
    }

    @Test
    void theDecodePassNamesAFileItCannotOpen() {
        Path missing = tmp.resolve("missing.pcap");
        CliRunner r = bench(b -> { }, "bench", "--decode-pass", missing.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode);
        assertTrue(r.stderr.startsWith("wirebook: " + missing + ": cannot read: "), r.stderr);
    }

    /**
     * --capture: both tools under the same transfer in a namespace of the bench's own, taking turns (the first
     * of a round alternates), each run's counts checked. Small transfers and a busy process beside, so that
     * the busy loop's start and end are tried too. Needs root, as CI runs, and tcpdump (which CI installs).
     */
    @Test
    void theCaptureBenchmarkRunsBothToolsInTurnUnderTheSameTransfer() throws Exception {
        assumeTrue(io.wirebook.lab.Netns.canRun(), "a network namespace needs root");
        CliRunner r = bench(b -> b.java = CliProcess.command(List.of()), "bench", "--capture", "--rounds", "2",
                "--capture-bytes", "50000000", "--busy", "1");
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr + r.stdout);
        List<String> lines = r.stdout.lines().toList();
        assertTrue(lines.get(0).startsWith("wirebook bench --capture: 2 rounds of a 50,000,000-byte loopback TCP transfer"
                + " in a network namespace, written to /dev/null, -B 32768 KiB for both, 1 busy process beside"), r.stdout);
        List<String> runs = lines.stream().filter(l -> l.matches("[12] +(wirebook|tcpdump) .*")).toList();
        assertEquals(4, runs.size(), r.stdout);
        assertEquals(List.of("1 wirebook", "1 tcpdump", "2 tcpdump", "2 wirebook"),
                runs.stream().map(l -> l.replaceAll("^(\\d) +(\\w+) .*", "$1 $2")).toList());
        for (String run : runs) {
            String[] w = run.trim().split(" +");
            long wire = Long.parseLong(w[2].replace(",", ""));
            long written = Long.parseLong(w[3].replace(",", ""));
            assertTrue(wire > 1_000 && written <= wire, run); // 50 MB in 64 KiB segments and their ACKs
            assertTrue(run.matches(".* \\d+\\.\\d{3}% +[\\d,]+ +[\\d,]+ MB/s +\\d+\\.\\d µs +\\d+ MiB"), run);
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("wirebook +\\d+\\.\\d{3}% \\([\\d,]+ of [\\d,]+\\) +\\d of 2 .*")),
                r.stdout);
        assertTrue(lines.stream().anyMatch(l -> l.matches("tcpdump +\\d+\\.\\d{3}% \\([\\d,]+ of [\\d,]+\\) +\\d of 2 .*")),
                r.stdout);
    }

    @Test
    void theCaptureBenchmarkWithoutTcpdumpMeasuresWirebookAndSaysSo() throws Exception {
        assumeTrue(io.wirebook.lab.Netns.canRun(), "a network namespace needs root");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("unshare", "ip")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/usr/sbin", tool));
        }
        CliRunner r = bench(b -> {
            b.java = CliProcess.command(List.of());
            b.path = bin.toString();
        }, "bench", "--capture", "--rounds", "1", "--capture-bytes", "20000000", "--buffer", "default");
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr + r.stdout);
        assertTrue(r.stdout.startsWith("wirebook bench --capture: 1 round of a 20,000,000-byte loopback TCP transfer in a"
                + " network namespace, written to /dev/null, each tool's own buffer (no -B: Wirebook's 32768 KiB,"
                + " tcpdump's 2048), 0 busy processes beside\n"), r.stdout);
        assertEquals(1, r.stdout.lines().filter(l -> l.matches("1 +wirebook .*")).count(), r.stdout);
        assertEquals(0, r.stdout.lines().filter(l -> l.matches("\\d +tcpdump .*")).count(), r.stdout);
        assertTrue(r.stdout.endsWith("\nskipped: tcpdump (not installed)\n"), r.stdout);

        CliRunner bytes = bench(b -> { }, "bench", "--capture", "--capture-bytes", "0");
        assertEquals(ExitCodes.USAGE, bytes.exitCode);
        assertTrue(bytes.stderr.startsWith("--capture-bytes must be 1 or more (got 0)"), bytes.stderr);
        CliRunner buffer = bench(b -> { }, "bench", "--capture", "--buffer", "big");
        assertEquals(ExitCodes.USAGE, buffer.exitCode);
        assertTrue(buffer.stderr.startsWith("--buffer must be 1 to 2097151 KiB or 'default' (got big)"), buffer.stderr);
    }
}
