package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every bundled capture and compares each frame with tshark's reading of it
 * ({@code NAME.tshark-fields.tsv}: frame.number, frame.time_epoch, frame.interface_id, frame.len,
 * frame.cap_len). Some captures are fuzzer cases with damaged packets; tshark read all of them to the end,
 * so the readers must too.
 */
class ReferenceCapturesTest {
    static Path capturesDir() {
        String dir = System.getProperty("wirebook.captures");
        if (dir == null) {
            fail("system property wirebook.captures is not set (surefire sets it in analyzer/pom.xml)");
        }
        return Path.of(dir);
    }

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> walk = Files.walk(capturesDir())) {
            List<Path> all = walk.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".pcap") || n.endsWith(".pcapng");
            }).sorted().toList();
            assertTrue(all.size() >= 60, "expected the bundled corpus, found " + all.size() + " captures");
            return all.stream();
        }
    }

    static Path referenceOf(Path capture) {
        String n = capture.getFileName().toString();
        return capture.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".tshark-fields.tsv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void matchesTshark(Path capture) throws IOException {
        Reading.Result read = Reading.readAll(CaptureFiles.open(capture.toString()));
        assertNull(read.fault(), () -> "tshark reads this file to the end: " + read.fault().getMessage());
        Path reference = referenceOf(capture);
        if (!Files.exists(reference)) {
            // Only the captures we did not make ourselves must carry a tshark reference.
            Path rel = capturesDir().relativize(capture);
            assertTrue(!rel.startsWith("third-party") && !rel.startsWith("kernel"), "no " + reference);
            return;
        }
        List<String> lines = Files.readAllLines(reference);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        int number = column(header, "frame.number");
        int time = column(header, "frame.time_epoch");
        int iface = column(header, "frame.interface_id");
        int len = column(header, "frame.len");
        int caplen = column(header, "frame.cap_len");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        List<Frame> frames = read.frames();
        assertEquals(rows.size(), frames.size(), "frame count");
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Frame f = frames.get(i);
            String at = capture.getFileName() + " frame " + row[number] + ": ";
            assertEquals(Long.parseLong(row[number]), f.number, at + "number");
            assertTime(row[time], f, at);
            assertEquals(row[iface].isEmpty() ? -1 : Integer.parseInt(row[iface]), f.interfaceId, at + "interface_id");
            assertEquals(Integer.parseInt(row[len]), f.originalLength, at + "len");
            assertEquals(Integer.parseInt(row[caplen]), f.capturedLength, at + "cap_len");
            assertEquals(f.capturedLength, f.data.length, at + "copied bytes");
        }
    }

    /** tshark prints 9 decimals; the file holds tsDigits of them, and those must agree exactly. */
    private static void assertTime(String epoch, Frame f, String at) {
        if (epoch.isEmpty()) {
            assertEquals(false, f.hasTimestamp, at + "tshark shows no time");
            return;
        }
        assertTrue(f.hasTimestamp, at + "has a time");
        int dot = epoch.indexOf('.');
        assertEquals(9, epoch.length() - dot - 1, at + "tshark's 9 decimals");
        assertEquals(Long.parseLong(epoch.substring(0, dot)), f.epochSeconds, at + "seconds");
        String expected = epoch.substring(dot + 1, dot + 1 + f.tsDigits);
        String actual = Timestamps.format(0, f.nanos, 9).substring(2, 2 + f.tsDigits);
        assertEquals(expected, actual, at + "the first " + f.tsDigits + " decimals of " + epoch);
    }

    private static int column(List<String> header, String name) {
        int i = header.indexOf(name);
        assertTrue(i >= 0, "column " + name);
        return i;
    }
}
