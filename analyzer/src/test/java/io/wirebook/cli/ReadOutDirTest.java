package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read --out-dir DIR FILE...}: each file as its own {@code read FILE > DIR/NAME.EXT}, in one process. */
class ReadOutDirTest {
    @TempDir
    Path tmp;

    private static final List<Path> CAPTURES = List.of(
            TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"),
            TestCaptures.get("third-party/wireshark/http-ooo.pcap"),
            TestCaptures.get("third-party/wireshark/dns+icmp.pcapng"),
            TestCaptures.get("kernel/zero_window.pcap"));

    private static String[] args(String... head) {
        List<String> a = new java.util.ArrayList<>(List.of(head));
        for (Path p : CAPTURES) {
            a.add(p.toString());
        }
        return a.toArray(new String[0]);
    }

    @Test
    void eachFileGetsTheBytesOfItsOwnRead() throws IOException {
        for (String format : List.of("text", "jsonl")) {
            Path dir = tmp.resolve(format + "-out"); // created by the command
            CliRunner batch = CliRunner.run(args("read", "--out-dir", dir.toString(), "--format", format));
            assertEquals(ExitCodes.OK, batch.exitCode, batch.stderr);
            assertEquals("", batch.stderr);
            assertEquals("", batch.stdout, "nothing on standard output");
            for (Path p : CAPTURES) {
                String name = p.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                Path out = dir.resolve(name + (format.equals("text") ? ".txt" : ".jsonl"));
                CliRunner alone = CliRunner.run("read", "--format", format, p.toString());
                assertEquals(alone.stdout, Files.readString(out), out.toString());
            }
        }
    }

    @Test
    void aDamagedFileIsReportedAndTheNextOneIsStillRead() throws IOException {
        byte[] all = Files.readAllBytes(CAPTURES.get(0));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 20));
        Path dir = tmp.resolve("out");
        CliRunner r = CliRunner.run("read", "--out-dir", dir.toString(), cut.toString(), CAPTURES.get(1).toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.exitCode);
        assertTrue(r.stderr.startsWith("wirebook: " + cut + ": record 11 at byte offset "), r.stderr);
        assertEquals(1, r.stderr.lines().count(), r.stderr);
        assertEquals(10, Files.readString(dir.resolve("cut.txt")).lines().count(), "the ten whole packets");
        assertEquals(CliRunner.run("read", CAPTURES.get(1).toString()).stdout, Files.readString(dir.resolve("http-ooo.txt")));
    }

    @Test
    void theExitCodeIsTheHighestOfTheFiles() throws IOException {
        byte[] all = Files.readAllBytes(CAPTURES.get(0));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 20));
        Path missing = tmp.resolve("missing.pcap");
        CliRunner r = CliRunner.run("read", "--out-dir", tmp.resolve("out").toString(), missing.toString(), cut.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode, r.stderr);
        List<String> lines = r.stderr.lines().toList();
        assertEquals(2, lines.size(), r.stderr);
        assertTrue(lines.get(0).startsWith("wirebook: " + missing), lines.get(0));
        assertTrue(lines.get(1).startsWith("wirebook: " + cut + ": record 11"), lines.get(1));
    }

    @Test
    void twoFilesWithTheSameNameAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a")).resolve("x.pcap");
        Path b = Files.createDirectories(tmp.resolve("b")).resolve("x.pcapng");
        Files.copy(CAPTURES.get(0), a);
        Files.copy(CAPTURES.get(2), b);
        Path dir = tmp.resolve("out");
        CliRunner r = CliRunner.run("read", "--out-dir", dir.toString(), a.toString(), b.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode);
        assertEquals("wirebook: " + b + " and " + a + " would both be written to " + dir.resolve("x.txt") + "\n",
                r.stderr);
        assertFalse(Files.exists(dir));
    }

    @Test
    void standardInputAndWriteAreNotForOutDir() {
        CliRunner stdin = CliRunner.run("read", "--out-dir", tmp.toString(), "-");
        assertEquals(ExitCodes.USAGE, stdin.exitCode);
        assertEquals("wirebook: --out-dir reads files, not standard input (-)\n", stdin.stderr);
        CliRunner w = CliRunner.run("read", "--out-dir", tmp.toString(), "-w", tmp.resolve("x.pcap").toString(),
                CAPTURES.get(0).toString());
        assertEquals(ExitCodes.USAGE, w.exitCode);
        assertTrue(w.stderr.startsWith("wirebook: --out-dir and -w cannot be used together"), w.stderr);
    }

    @Test
    void anOutputThatCannotBeCreatedIsExitFiveAndNamesIt() throws IOException {
        Path notDir = tmp.resolve("file");
        Files.writeString(notDir, "x");
        CliRunner r = CliRunner.run("read", "--out-dir", notDir.toString(), CAPTURES.get(0).toString());
        assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
        assertTrue(r.stderr.startsWith("wirebook: " + notDir + ": cannot create the directory: "), r.stderr);
    }
}
