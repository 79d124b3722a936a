package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conversations and timeline keep read's exit codes and one-line errors. */
class OtherCommandsTest {
    @TempDir
    Path tmp;

    private static final Path SLL2 = TestCaptures.get("kernel/sll2_any.pcap");

    @Test
    void timelineDrawsTheLadderWithStates() {
        CliRunner r = CliRunner.run("timeline", "--width", "0", SLL2.toString()); // a note a line
        assertEquals(0, r.exitCode, r.stderr);
        String[] lines = r.stdout.split("\n");
        assertTrue(lines[0].startsWith("TCP stream 0: client 127.0.0.1:47888, server 127.0.0.1:40415"), lines[0]);
        assertTrue(lines[2].contains("SYN_SENT |-- [S] seq 0 win 65495 len 0 -"), lines[2]);
        assertTrue(lines[2].endsWith("->|"), lines[2]);
        assertTrue(lines[4].contains("ESTABLISHED |<-- [S.] seq 0 ack 1") && lines[4].endsWith("| SYN_RECEIVED"), lines[4]);
        assertTrue(r.stdout.contains("TIME_WAIT |<-- [F.]"), r.stdout);
        CliRunner none = CliRunner.run("timeline", "--stream", "7", SLL2.toString());
        assertEquals(ExitCodes.USAGE, none.exitCode);
        assertEquals("", none.stdout);
        assertEquals("wirebook: no TCP stream 7 in " + SLL2 + ": it has stream 0 (0: 127.0.0.1:47888 > 127.0.0.1:40415)\n",
                none.stderr);
    }

    @Test
    void missingFileAndUsageErrors() {
        for (String cmd : new String[] {"conversations", "timeline"}) {
            CliRunner r = CliRunner.run(cmd, tmp.resolve("nope.pcap").toString());
            assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode);
            assertEquals("wirebook: " + tmp.resolve("nope.pcap") + ": no such file\n", r.stderr);
            assertEquals(ExitCodes.USAGE, CliRunner.run(cmd).exitCode);
        }
        assertEquals(ExitCodes.USAGE, CliRunner.run("timeline", "--stream", "x", SLL2.toString()).exitCode);
        assertEquals(ExitCodes.USAGE, CliRunner.run("conversations", "--format", "xml", SLL2.toString()).exitCode);
    }

    @Test
    void damagedCaptureSummarisesWhatWasReadThenExitsWithTwo() throws IOException {
        byte[] all = Files.readAllBytes(SLL2);
        Path f = tmp.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(all, all.length - 20));
        CliRunner r = CliRunner.run("conversations", "--format", "jsonl", f.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.exitCode);
        assertEquals(1, r.stderr.lines().count(), r.stderr);
        assertTrue(r.stdout.contains("\"packets\":{\"a_to_b\":5,\"b_to_a\":4}"), r.stdout);
    }
}
