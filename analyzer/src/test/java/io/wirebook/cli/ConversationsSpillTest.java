package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.SmallTmpfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conversations} keeps up to 32 MiB of rows in memory and spills the rest to sorted runs in
 * java.io.tmpdir. When that directory is unusable (missing, or a full file system) the command used to
 * print nothing and exit 0; now it prints the rows of everything it read, then one line naming the
 * temporary directory or file and the system's reason, and exits 5.
 */
class ConversationsSpillTest {
    private static final String HINT =
            " (rows past 32 MiB go to java.io.tmpdir; WIREBOOK_JAVA_OPTS=-Djava.io.tmpdir=DIR moves them)";
    private static final Pattern ROW = Pattern.compile("^\\{\"proto\":\"(tcp|udp)\",\"stream\":(\\d+),");
    private static final Pattern LAST_FRAME = Pattern.compile("\"last_frame\":(\\d+)");

    @TempDir
    Path tmp;

    private Path generate(String... options) {
        Path capture = tmp.resolve("conns.pcap");
        List<String> args = new ArrayList<>(List.of("generate", "-o", capture.toString()));
        args.addAll(List.of(options));
        CliRunner g = CliRunner.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, g.exitCode, g.stderr);
        return capture;
    }

    /** What conversations prints with a working temporary directory (this JVM's). */
    private static String reference(Path capture) {
        CliRunner r = CliRunner.run("conversations", "-F", "jsonl", capture.toString());
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        assertTrue(r.stdout.length() > 34_000_000, "more than the 32 MiB of rows kept in memory: " + r.stdout.length());
        return r.stdout;
    }

    /**
     * 60,000 connections in 1.1 s of traffic, less than the 2 s a finished connection lingers: every one is
     * summarised at the end, so the rows pass 32 MiB only then.
     */
    @Test
    void aMissingTemporaryDirectoryIsOneLineAfterEveryRow() throws Exception {
        Path capture = generate("-n", "600000", "--connections", "60000", "--flow-rate", "300000");
        String all = reference(capture);
        Path missing = tmp.resolve("no-such-dir");
        Path out = tmp.resolve("out.jsonl");
        CliProcess r = CliProcess.toFile(out, List.of("-Djava.io.tmpdir=" + missing),
                "conversations", "-F", "jsonl", capture.toString());
        assertEquals("wirebook: temporary directory " + missing + ": cannot create a file: No such file or directory"
                + HINT + "\n", r.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
        assertEquals(all, Files.readString(out, StandardCharsets.UTF_8), "every row, as with a working directory");
    }

    /**
     * 70,000 connections at a lower rate: finished connections are summarised while the capture is read,
     * and the rows pass 32 MiB part way. Reading stops there; the rows of what was read still come out.
     */
    @Test
    void aFullTemporaryFileSystemStopsTheReadingAndKeepsWhatWasRead() throws Exception {
        Path capture = generate("-n", "700000", "--connections", "70000", "--flow-rate", "5000");
        String all = reference(capture);
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp.resolve("small"), "1m")) {
            Path out = tmp.resolve("out.jsonl");
            CliProcess r = CliProcess.toFile(out, List.of("-Djava.io.tmpdir=" + fs.dir),
                    "conversations", "-F", "jsonl", capture.toString());
            assertTrue(Pattern.matches("wirebook: temporary file " + Pattern.quote(fs.dir + "/wirebook-rows-")
                    + "\\d+\\.run: write error: No space left on device" + Pattern.quote(HINT) + "\n", r.stderr), r.stderr);
            assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
            try (Stream<Path> left = Files.list(fs.dir)) {
                assertEquals(0, left.count(), "the part of the run that was written is deleted");
            }
            String partial = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(partial.endsWith("\n"));
            checkRowsOfWhatWasRead(all, partial);
        }
    }

    /**
     * The partial output has, in order, a row for each TCP connection and UDP flow that began before the
     * reading stopped (the streams 0..n-1 of each, numbered by first packet), fewer than the whole
     * capture's; each row is the whole capture's row for the same connection, unless that connection had
     * packets after the last frame the partial output shows, that is after the reading stopped.
     */
    private static void checkRowsOfWhatWasRead(String all, String partial) {
        Map<String, String> whole = new HashMap<>();
        all.lines().forEach(l -> whole.put(key(l), l));
        List<String> rows = partial.lines().toList();
        long stoppedAt = rows.stream().mapToLong(ConversationsSpillTest::lastFrame).max().orElse(0);
        long[] next = new long[2];
        int same = 0;
        boolean udpSeen = false;
        for (String l : rows) {
            Matcher m = ROW.matcher(l);
            assertTrue(m.find(), l);
            boolean udp = m.group(1).equals("udp");
            assertTrue(udp || !udpSeen, "TCP rows before UDP rows");
            udpSeen |= udp;
            assertEquals(next[udp ? 1 : 0]++, Long.parseLong(m.group(2)), "streams in order, none missing: " + l);
            String w = whole.get(key(l));
            if (l.equals(w)) {
                same++;
            } else {
                assertTrue(lastFrame(w) > stoppedAt, "a row differs only if its connection went on after frame "
                        + stoppedAt + ":\n" + l + "\n" + w);
            }
        }
        long wholeRows = all.lines().count();
        assertTrue(rows.size() < wholeRows, "reading stopped before the end: " + rows.size() + " of " + wholeRows);
        assertTrue(stoppedAt < 700_000, "stopped at frame " + stoppedAt);
        assertTrue(next[0] > 60_000 && next[1] > 0, next[0] + " TCP and " + next[1] + " UDP rows");
        // The rows that differ are those of the connections and flows still going at the stop (about 1,000 UDP
        // exchanges and 50 connections of the 87,000 rows written when the rows reach 32 MiB, at frame 611,000).
        assertTrue(same > 0.98 * rows.size(), same + " of " + rows.size() + " rows as in the whole capture's output");
    }

    private static long lastFrame(String row) {
        Matcher m = LAST_FRAME.matcher(row);
        assertTrue(m.find(), row);
        return Long.parseLong(m.group(1));
    }

    private static String key(String row) {
        Matcher m = ROW.matcher(row);
        return m.find() ? m.group(1) + m.group(2) : row;
    }

    @Test
    void helpSaysWhereTheRowsSpillAndHowToMoveThem() {
        CliRunner h = CliRunner.run("conversations", "--help");
        assertEquals(ExitCodes.OK, h.exitCode);
        assertTrue(h.stdout.contains("32 MiB") && h.stdout.contains("java.io.tmpdir")
                && h.stdout.contains("WIREBOOK_JAVA_OPTS=-Djava.io.tmpdir=DIR"), h.stdout);
    }
}
