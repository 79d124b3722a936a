package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirebook generate} as a user runs it: files, standard output, the summary line, exit codes. */
class GenerateCommandTest {
    @TempDir
    Path tmp;

    private static CliRunner run(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void writesTheCaptureAndLabelsAndOneSummaryLine() throws IOException {
        Path pcap = tmp.resolve("g.pcap");
        Path labels = tmp.resolve("g.labels");
        CliRunner r = run("generate", "-n", "5000", "--seed", "4", "--anomaly-rate", "0.2", "-o", pcap.toString(),
                "--labels", labels.toString());
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        assertEquals(1, r.stderr.lines().count(), r.stderr);
        assertTrue(r.stderr.startsWith("wirebook: wrote " + pcap + ": 5000 packets, " + Files.size(pcap) + " bytes"),
                r.stderr);
        assertTrue(r.stderr.contains("TCP connections") && r.stderr.contains("anomalies: "), r.stderr);
        String text = Files.readString(labels);
        assertTrue(text.lines().allMatch(l -> l.matches("\\d+ [a-z_]+")), text);
        assertTrue(r.stderr.contains("duplicate_ack " + text.lines().filter(l -> l.endsWith(" duplicate_ack")).count()),
                r.stderr);

        // The read command takes it back: one line per packet.
        CliRunner read = CliRunner.run("read", "--no-notes", pcap.toString());
        assertEquals(ExitCodes.OK, read.exitCode, read.stderr);
        assertEquals(5000, read.stdout.lines().count());
    }

    @Test
    void dashWritesStandardOutputWithTheSameBytesAsAFile() throws IOException {
        Path pcap = tmp.resolve("same.pcap");
        assertEquals(ExitCodes.OK, run("generate", "-n", "3000", "--nanos", "-o", pcap.toString()).exitCode);
        CliRunner r = run("generate", "-n", "3000", "--nanos", "-o", "-");
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        assertArrayEquals(Files.readAllBytes(pcap), r.stdoutBytes);
        assertTrue(r.stderr.startsWith("wirebook: wrote <stdout>: 3000 packets"), r.stderr);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("generate").exitCode, "no output named");
        assertEquals(ExitCodes.USAGE, run("generate", "-o", "-", "--anomaly-rate", "1.5").exitCode);
        assertEquals(ExitCodes.USAGE, run("generate", "-o", "-", "-n", "lots").exitCode);
        CliRunner tooMany = run("generate", "-o", "-", "-n", "1000", "--connections", "1000");
        assertEquals(ExitCodes.USAGE, tooMany.exitCode);
        assertTrue(tooMany.stderr.contains("1000 connections do not fit in 1000 packets"), tooMany.stderr);
        assertEquals(0, tooMany.stdoutBytes.length, "nothing written");
    }

    @Test
    void anUnwritableOutputExitsWithThreeAndNamesTheFile() {
        Path nowhere = tmp.resolve("no/such/dir/g.pcap");
        CliRunner r = run("generate", "-n", "10", "-o", nowhere.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode);
        assertEquals("wirebook: " + nowhere + ": no such directory\n", r.stderr);
        Path labels = tmp.resolve("missing/g.labels");
        CliRunner l = run("generate", "-n", "10", "-o", tmp.resolve("ok.pcap").toString(), "--labels", labels.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, l.exitCode);
        assertEquals("wirebook: " + labels + ": no such directory\n", l.stderr);
    }
}
