package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.SmallTmpfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing is lost silently: output that cannot be written (a full disk, {@code /dev/full}) is one line on
 * standard error and exit 5, for every command that writes; only a reader that went away ({@code | head})
 * is a quiet, successful end. Each case runs wirebook in a process of its own, so that its standard output
 * is a real file descriptor.
 */
class WriteErrorsTest {
    private static final String STDOUT_FULL = "wirebook: standard output: write error: No space left on device\n";
    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /** 60,000 packets from the generator, and what `wirebook read` prints of them. */
    private static Path capture;
    private static byte[] fullText;

    @BeforeAll
    static void generate() {
        capture = shared.resolve("big.pcap");
        CliRunner g = CliRunner.run("generate", "-n", "60000", "-o", capture.toString());
        assertEquals(ExitCodes.OK, g.exitCode, g.stderr);
        CliRunner read = CliRunner.run("read", capture.toString());
        assertEquals(ExitCodes.OK, read.exitCode, read.stderr);
        fullText = read.stdoutBytes;
        assertTrue(fullText.length > 4 << 20, "the text is much more than the 1 MiB file system: " + fullText.length);
    }

    private static String[] args(String command) {
        String[] words = command.split(" ");
        String[] a = Arrays.copyOf(words, words.length + 1);
        a[words.length] = capture.toString();
        return a;
    }

    @ParameterizedTest(name = "{0} > /dev/full")
    @ValueSource(strings = {"read", "read -F jsonl", "read -c 1", "timeline", "timeline -s 5", "conversations",
            "conversations -F jsonl"})
    void standardOutputOnDevFullIsOneLineAndExitFive(String command) throws Exception {
        CliProcess r = CliProcess.toFile(DEV_FULL, args(command));
        assertEquals(STDOUT_FULL, r.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
    }

    @Test
    void readIntoAFullFileSystemKeepsEverythingWrittenBeforeTheFault() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp.resolve("small"), "1m")) {
            Path out = fs.dir.resolve("out.txt");
            CliProcess r = CliProcess.toFile(out, "read", capture.toString());
            assertEquals(STDOUT_FULL, r.stderr);
            assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
            byte[] written = Files.readAllBytes(out);
            // The file system took all it could (the kernel's last write stopped at its end, mid-line), and
            // what it holds is the output's beginning, byte for byte: whole lines, then part of the next.
            assertTrue(written.length > 1_000_000, "the 1 MiB file system was filled: " + written.length);
            assertTrue(written.length < fullText.length);
            assertArrayEquals(Arrays.copyOf(fullText, written.length), written, "a prefix of the full output");
            long lines = new String(written, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
            assertTrue(lines > 4000, lines + " whole lines");
        }
    }

    @Test
    void generateIntoAFullFileSystemOrDevFullSaysWhichOutputFailed() throws Exception {
        CliRunner whole = CliRunner.run("generate", "-n", "20000", "-o", "-");
        assertEquals(ExitCodes.OK, whole.exitCode, whole.stderr);
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp.resolve("small"), "1m")) {
            Path out = fs.dir.resolve("g.pcap");
            CliProcess r = CliProcess.toFile(tmp.resolve("stdout"), "generate", "-n", "20000", "-o", out.toString());
            assertEquals("wirebook: " + out + ": write error: No space left on device\n", r.stderr);
            assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
            byte[] written = Files.readAllBytes(out);
            assertTrue(written.length > 1_000_000 && written.length < whole.stdoutBytes.length, "" + written.length);
            assertArrayEquals(Arrays.copyOf(whole.stdoutBytes, written.length), written, "a prefix of the capture");
        }
        CliProcess stdout = CliProcess.toFile(DEV_FULL, "generate", "-n", "20000", "-o", "-");
        assertEquals(STDOUT_FULL, stdout.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, stdout.exitCode);
        CliProcess file = CliProcess.toFile(tmp.resolve("stdout"), "generate", "-n", "20000", "-o", "/dev/full");
        assertEquals("wirebook: /dev/full: write error: No space left on device\n", file.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, file.exitCode);
        CliProcess labels = CliProcess.toFile(tmp.resolve("stdout"), "generate", "-n", "20000",
                "-o", tmp.resolve("g.pcap").toString(), "--labels", "/dev/full");
        assertEquals("wirebook: /dev/full: write error: No space left on device\n", labels.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, labels.exitCode);
    }

    /** {@code wirebook read big.pcap | head -c 1000}: the reader stops early; not an error, nothing said. */
    @ParameterizedTest(name = "{0} | head")
    @ValueSource(strings = {"read", "read -F jsonl", "conversations -F jsonl", "generate"})
    void aClosedPipeEndsQuietlyWithZero(String command) throws Exception {
        String[] a = command.equals("generate") ? new String[] {"generate", "-n", "60000", "-o", "-"} : args(command);
        CliProcess r = CliProcess.closingPipeAfter(1000, a);
        assertEquals("", r.stderr);
        assertEquals(ExitCodes.OK, r.exitCode);
        assertEquals(1000, r.stdout.length);
        if (command.equals("read")) {
            assertArrayEquals(Arrays.copyOf(fullText, 1000), r.stdout);
        }
    }

    @ParameterizedTest(name = "wirebook {0} > /dev/full")
    @ValueSource(strings = {"--help", "--version", "read --help", "help conversations"})
    void helpAndVersionOnDevFullAreOneLineAndExitFive(String command) throws Exception {
        CliProcess r = CliProcess.toFile(DEV_FULL, command.split(" "));
        assertEquals(STDOUT_FULL, r.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
    }

    @Test
    void helpListsExitCodeFive() {
        for (String command : List.of("read", "conversations", "timeline", "capture", "generate")) {
            CliRunner h = CliRunner.run(command, "--help");
            assertEquals(ExitCodes.OK, h.exitCode);
            assertTrue(h.stdout.contains("  5  cannot write the output"), command + ":\n" + h.stdout);
        }
    }
}
