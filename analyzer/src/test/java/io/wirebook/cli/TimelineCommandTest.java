package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirebook timeline}: notes wrapped to the terminal's width, and a frame column wide enough for the file. */
class TimelineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theWidthIsColumnsWhenItIsANumberElseEighty() {
        assertEquals(132, TimelineCommand.width("132"));
        assertEquals(80, TimelineCommand.width(null));
        assertEquals(80, TimelineCommand.width(""));
        assertEquals(80, TimelineCommand.width("wide"));
        assertEquals(80, TimelineCommand.width("0"));
    }

    @Test
    void notesAreWrappedToTheWidthAtSpaces() {
        String capture = TestCaptures.get("scenarios/loss.pcapng").toString();
        List<String> one = CliRunner.run("timeline", "--width", "0", capture).stdout.lines().toList();
        CliRunner r = CliRunner.run("timeline", "--width", "70", capture);
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        List<String> wrapped = r.stdout.lines().toList();
        assertTrue(wrapped.size() > one.size(), "some notes took more than one line");
        int column = wrapped.get(1).indexOf('|') + 1; // notes start under the client's lane
        StringBuilder words = new StringBuilder();
        for (String l : wrapped) {
            if (l.contains("|") || l.startsWith("TCP stream")) {
                continue;
            }
            assertTrue(l.length() <= 70, "a note line past 70 columns: " + l);
            assertTrue(l.startsWith(" ".repeat(column)) && l.charAt(column) != ' ', "in the note column: " + l);
            words.append(' ').append(l.strip());
        }
        StringBuilder all = new StringBuilder();
        for (String l : one) {
            if (!l.contains("|") && !l.startsWith("TCP stream")) {
                all.append(' ').append(l.strip());
            }
        }
        assertEquals(all.toString(), words.toString(), "the same words in the same order");
        assertEquals(one.stream().filter(l -> l.contains("|")).toList(),
                wrapped.stream().filter(l -> l.contains("|")).toList(), "the arrows are not wrapped");
        assertEquals(ExitCodes.USAGE, CliRunner.run("timeline", "--width", "-3", capture).exitCode);
    }

    @Test
    void theFrameColumnFitsTheLargestFrameTheFileCanHold() throws IOException {
        assertEquals(0, TimelineCommand.maxFrame("-"));
        Path big = tmp.resolve("big.pcap");
        CliRunner g = CliRunner.run("generate", "-n", "25000", "-o", big.toString());
        assertEquals(ExitCodes.OK, g.exitCode, g.stderr);
        long bound = Files.size(big) / 16;
        assertEquals(bound, TimelineCommand.maxFrame(big.toString()));
        int digits = Long.toString(bound).length();
        assertTrue(digits >= 6, "a file that could hold a million frames: " + bound);
        List<String> l = CliRunner.run("timeline", "--width", "0", big.toString()).stdout.lines().toList();
        assertEquals(" ".repeat(digits - 1) + "#       time        client |", l.get(1).substring(0, digits + 27));
        int lane = l.get(1).indexOf('|');
        for (String line : l.subList(2, l.size())) {
            if (line.contains("|")) {
                assertEquals(lane, line.indexOf('|'), line);
            }
        }
    }
}
