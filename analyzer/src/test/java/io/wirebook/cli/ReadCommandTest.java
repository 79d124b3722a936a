package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read command as a user meets it: output, exit codes, error lines, standard input. */
class ReadCommandTest {
    @TempDir
    Path tmp;

    private static final Path DNS_TCP = TestCaptures.get("third-party/tcpdump/dns_tcp.pcap");

    @Test
    void textOutputHasOneLinePerPacketWithRelativeNumbersAndANote() {
        CliRunner r = CliRunner.run("read", DNS_TCP.toString());
        assertEquals(0, r.exitCode, r.stderr);
        List<String> lines = r.stdout.lines().toList();
        assertEquals(11, lines.size());
        assertEquals("    1 09:21:03.720289 IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [S], seq 0, win 64240, "
                + "options [mss 1460,sackOK,TS val 2044906138 ecr 0,nop,wscale 7], length 0  \u00B7  SYN: opens a connection; "
                + "proposes MSS 1460, window scale 7 (x128), SACK, timestamps; client enters SYN_SENT", lines.get(0));
        assertTrue(lines.get(3).contains("Flags [P.], seq 1:59, ack 1, win 64240, length 58"), lines.get(3));
        assertTrue(lines.get(7).contains("Flags [F.], seq 59, ack 227"), lines.get(7));
    }

    @Test
    void countAndNoNotes() {
        CliRunner r = CliRunner.run("read", "-c", "2", "--no-notes", DNS_TCP.toString());
        assertEquals(2, r.stdout.lines().count());
        assertTrue(!r.stdout.contains("\u00B7"), r.stdout);
    }

    @Test
    void usageErrorsExitWithOne() {
        assertEquals(ExitCodes.USAGE, CliRunner.run("read").exitCode);
        assertEquals(ExitCodes.USAGE, CliRunner.run("read", "--format", "xml", DNS_TCP.toString()).exitCode);
        assertEquals(ExitCodes.USAGE, CliRunner.run("frobnicate").exitCode);
    }

    @Test
    void missingFileExitsWithThreeAndSaysWhich() {
        CliRunner r = CliRunner.run("read", tmp.resolve("nope.pcap").toString());
        assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode);
        assertEquals("wirebook: " + tmp.resolve("nope.pcap") + ": no such file\n", r.stderr);
    }

    @Test
    void notACaptureExitsWithThree() throws IOException {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "hello, this is not a capture\n");
        CliRunner r = CliRunner.run("read", f.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode);
        assertTrue(r.stderr.startsWith("wirebook: " + f), r.stderr);
        assertTrue(r.stderr.contains("byte offset 0"), r.stderr);
        assertEquals(1, r.stderr.lines().count(), "one line");
    }

    @Test
    void truncatedFileKeepsEveryPacketBeforeTheFaultAndExitsWithTwo() throws IOException {
        byte[] all = Files.readAllBytes(DNS_TCP);
        // Cut the file 10 bytes into the data of the 11th record.
        Path f = tmp.resolve("cut.pcap");
        int cut = all.length - 20;
        Files.write(f, Arrays.copyOf(all, cut));
        CliRunner r = CliRunner.run("read", f.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.exitCode);
        assertEquals(10, r.stdout.lines().count(), "the ten whole packets are printed");
        assertTrue(r.stderr.startsWith("wirebook: " + f + ": record 11 at byte offset "), r.stderr);
        assertEquals(1, r.stderr.lines().count());
        CliRunner j = CliRunner.run("read", "--format", "jsonl", f.toString());
        assertEquals(10, j.stdout.lines().count());
        assertEquals(ExitCodes.INPUT_ERROR, j.exitCode);
    }

    @Test
    void hugeClaimedLengthIsAnErrorNotAnAllocation() throws IOException {
        byte[] all = Files.readAllBytes(DNS_TCP);
        byte[] bad = Arrays.copyOf(all, all.length);
        // Record 1's incl_len (little-endian, at 24 + 8) claims 4 GB.
        bad[32] = (byte) 0xFF;
        bad[33] = (byte) 0xFF;
        bad[34] = (byte) 0xFF;
        bad[35] = (byte) 0xFF;
        Path f = tmp.resolve("huge.pcap");
        Files.write(f, bad);
        CliRunner r = CliRunner.run("read", f.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.exitCode);
        assertTrue(r.stderr.contains("record 1 at byte offset 24"), r.stderr);
        assertTrue(r.stderr.contains("4294967295"), r.stderr);
    }

    @Test
    void standardInputThroughARealPipe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AnalyzerOnlyMain.class.getName(), "read", "--format", "jsonl", "-");
        pb.redirectInput(DNS_TCP.toFile());
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals(11, out.lines().count());
        assertEquals(CliRunner.run("read", "--format", "jsonl", DNS_TCP.toString()).stdout, out,
                "standard input gives the same output as the file");
    }

    @Test
    void versionAndHelp() {
        CliRunner v = CliRunner.run("--version");
        assertEquals(0, v.exitCode);
        assertTrue(v.stdout.startsWith("wirebook "), v.stdout);
        CliRunner h = CliRunner.run("read", "--help");
        assertEquals(0, h.exitCode);
        assertTrue(h.stdout.contains("Exit codes"), h.stdout);
        assertTrue(h.stdout.contains("--format"), h.stdout);
    }

}
