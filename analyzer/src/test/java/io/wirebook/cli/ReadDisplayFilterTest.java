package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read -Y} as a user meets it: what is written, -c, JSON Lines, and a bad filter's line and exit code. */
class ReadDisplayFilterTest {
    @TempDir
    Path tmp;

    private static final String LOSS = TestCaptures.get("scenarios/loss.pcapng").toString();

    @Test
    void aBadFilterIsOneLineAndExitOneBeforeTheFileIsOpened() {
        for (String file : new String[] {LOSS, tmp.resolve("missing.pcap").toString()}) {
            CliRunner r = CliRunner.run("read", file, "-Y", "tcp and tcp.foo == 1");
            assertEquals(ExitCodes.USAGE, r.exitCode);
            assertEquals("", r.stdout);
            List<String> err = r.stderr.lines().toList();
            assertEquals(1, err.size(), r.stderr);
            assertTrue(err.get(0).startsWith("-Y: unknown field \"tcp.foo\" at column 9; known: tcp, tcp.srcport, "), err.get(0));
        }
        CliRunner r = CliRunner.run("read", "--display-filter", "tcp.port == 80 ||", LOSS);
        assertEquals(ExitCodes.USAGE, r.exitCode);
        assertEquals("-Y: expected a field, found the end of the expression at column 18\n", r.stderr);
    }

    @Test
    void theLongNameIsTheSameOption() {
        CliRunner shortName = CliRunner.run("read", LOSS, "-Y", "tcp.analysis.retransmission");
        CliRunner longName = CliRunner.run("read", LOSS, "--display-filter=tcp.analysis.retransmission");
        assertEquals(0, longName.exitCode, longName.stderr);
        assertEquals(shortName.stdout, longName.stdout);
        assertTrue(shortName.stdout.contains("[TCP Retransmission]"), shortName.stdout);
    }

    @Test
    void countCountsThePacketsWritten() {
        List<String> kept = CliRunner.run("read", LOSS, "-Y", "tcp.len > 0 and frame.number > 100").stdout.lines().toList();
        assertTrue(kept.size() > 3, "kept: " + kept.size());
        CliRunner r = CliRunner.run("read", LOSS, "-c", "3", "-Y", "tcp.len > 0 and frame.number > 100");
        assertEquals(0, r.exitCode, r.stderr);
        assertEquals(kept.subList(0, 3), r.stdout.lines().toList());
    }

    @Test
    void jsonLinesKeepTheObjectsOfTheWholeCapture() {
        String filter = "tcp.analysis.flags or udp";
        List<String> all = CliRunner.run("read", "-F", "jsonl", LOSS).stdout.lines().toList();
        CliRunner r = CliRunner.run("read", "-F", "jsonl", "-Y", filter, LOSS);
        assertEquals(0, r.exitCode, r.stderr);
        List<String> text = CliRunner.run("read", "-Y", filter, LOSS).stdout.lines().toList();
        List<String> lines = r.stdout.lines().toList();
        assertEquals(text.size(), lines.size());
        assertTrue(lines.size() > 1 && lines.size() < all.size(), "kept: " + lines.size());
        for (int i = 0; i < lines.size(); i++) {
            long frame = Long.parseLong(text.get(i).trim().split(" ", 2)[0]);
            assertEquals(all.get((int) frame - 1), lines.get(i), "frame " + frame + " is the object of the whole capture");
        }
    }

    @Test
    void helpNamesTheOption() {
        CliRunner r = CliRunner.run("read", "--help");
        assertTrue(r.stdout.contains("-Y, --display-filter=EXPR"), r.stdout);
        // help wraps at the terminal's width: compare the words, not the line breaks
        String words = r.stdout.replaceAll("\\s+", " ");
        assertTrue(words.contains("A bad EXPR is one line naming its column, and exit 1."), r.stdout);
    }
}
