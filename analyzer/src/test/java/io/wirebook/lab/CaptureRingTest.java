package io.wirebook.lab;

import static io.wirebook.lab.LabCaptures.consecutive;
import static io.wirebook.lab.LabCaptures.sequenceNumbers;
import static io.wirebook.lab.LabCaptures.tsharkReadsCleanly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -C/-W/-G} as a tcpdump user runs it, live on the {@code lo} of a namespace of the test's own:
 * the names tcpdump gives, every file a capture of its own that tshark (and capinfos) open alone, the
 * sizes at which files end, and the datagrams of all the files together without a gap. Needs root (CI).
 */
class CaptureRingTest {
    private static final int PORT = 40405;
    /** Datagrams of 1400 bytes: a pcapng record of 1476 bytes, a pcap one of 1458; about 4.4 MB in all. */
    private static final int DATAGRAMS = 3000;

    @TempDir
    Path out;

    /**
     * Captures {@link #DATAGRAMS} datagrams with {@code options}, and tcpdump alongside into
     * {@code $OUT/tcpdump.pcap}; both are stopped by SIGINT once the traffic is over, which writes all they
     * had captured.
     */
    private void captureDatagrams(String options) throws IOException, InterruptedException {
        Netns.check(out, """
                mkdir "$OUT/ring"
                tcpdump -i lo -n -U -w "$OUT/tcpdump.pcap" -Z root udp port %1$d 2>"$OUT/tcpdump.err" & td=$!
                $WIREBOOK capture -i lo -f 'udp port %1$d' %3$s 2>"$OUT/wb.err" & wb=$!
                await_line "$OUT/tcpdump.err" "listening on lo"
                await_line "$OUT/wb.err" "Ctrl-C stops"
                $TRAFFIC udp 127.0.0.1 %1$d %2$d 1400 3000
                sleep 1.5 # tcpdump (not in immediate mode) hands over a block a second; it reads no more after SIGINT
                kill -INT $wb $td; wait $wb; wait $td
                """.formatted(PORT, DATAGRAMS, options), 50);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("ring"))) {
            return s.sorted().toList();
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    /** capinfos's file type ("pcapng", "nsecpcap") of {@code file}. */
    private static String type(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("capinfos", "-T", "-r", "-t", file.toString()).redirectErrorStream(false).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return line.substring(line.lastIndexOf('\t') + 1);
    }

    /**
     * Each file is read alone; a file that was closed for its size holds more than SIZE bytes and the record
     * that crossed it is its last; the datagrams of all the files, oldest file first, are those tcpdump saw,
     * the last ones of them (the comparison, not the sequence numbers alone: lo itself may drop a datagram
     * when the machine is busy, before either capture sees it).
     */
    private List<Long> checkSeries(List<Path> files, long size, int recordBytes, String type) throws Exception {
        List<List<Long>> each = new ArrayList<>();
        for (Path f : files) {
            long records = tsharkReadsCleanly(f);
            List<Long> seqs = sequenceNumbers(f, PORT);
            assertEquals(records, seqs.size(), f + ": every record is one of the datagrams");
            assertEquals(type, type(f), f.toString());
            each.add(seqs);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> each.get(i).get(0)));
        List<Long> all = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            Path f = files.get(order.get(k));
            long bytes = Files.size(f);
            if (k < order.size() - 1) { // closed because it passed the size
                assertTrue(bytes > size && bytes - recordBytes <= size, f + ": " + bytes + " bytes for -C " + size);
            } else {
                assertTrue(bytes <= size + recordBytes, f + ": " + bytes + " bytes");
            }
            all.addAll(each.get(order.get(k)));
        }
        List<Long> seen = sequenceNumbers(out.resolve("tcpdump.pcap"), PORT);
        assertEquals(seen.subList(seen.size() - all.size(), seen.size()), all,
                "the files, oldest first, hold the datagrams tcpdump saw, without a gap, up to the last: " + names(files));
        return all;
    }

    @Test
    @Timeout(90)
    void minusCWithoutWKeepsEveryFileNamedFThenF1F2AndTheyHoldEveryDatagram() throws Exception {
        captureDatagrams("-C 1 -w \"$OUT/ring/cap.pcapng\"");
        List<Path> files = files();
        assertEquals(List.of("cap.pcapng", "cap.pcapng1", "cap.pcapng2", "cap.pcapng3", "cap.pcapng4"), names(files));
        List<Long> all = checkSeries(files, 1_000_000, 1476, "pcapng");
        assertEquals(sequenceNumbers(out.resolve("tcpdump.pcap"), PORT), all, "every datagram tcpdump saw");
        assertTrue(Netns.lines(out.resolve("wb.err")).contains(all.size() + " packets captured"));
    }

    @Test
    @Timeout(90)
    void minusCWithWIsARingOfCountFilesNamedF0ToFCountMinusOneInTheFormatOfTheName() throws Exception {
        captureDatagrams("-C 1 -W 3 -w \"$OUT/ring/ring.pcap\"");
        List<Path> files = files();
        assertEquals(List.of("ring.pcap0", "ring.pcap1", "ring.pcap2"), names(files));
        // Records of 1458 bytes: 686 a file, so five files were written (3000 datagrams) and the first two
        // written over: the three kept hold all but the first 2 x 686 that tcpdump saw.
        List<Long> kept = checkSeries(files, 1_000_000, 1458, "nsecpcap");
        assertEquals(sequenceNumbers(out.resolve("tcpdump.pcap"), PORT).size() - 2 * 686, kept.size());
    }

    @Test
    @Timeout(90)
    void minusGWithWStartsAFileEverySecondsNamedByStrftimeAndStopsAfterCountFiles() throws Exception {
        Netns.check(out, """
                mkdir "$OUT/ring"
                $TRAFFIC udp 127.0.0.1 %1$d 0 100 50 & tr=$!
                # The traffic flowing before the capture starts: the capture opens its first file at once, and a
                # traffic JVM still starting on a loaded machine once left that whole first second empty.
                sleep 2
                $WIREBOOK capture -i lo -f 'udp port %1$d' -G 1 -W 2 -w "$OUT/ring/t-%%s.pcapng" 2>"$OUT/wb.err" & wb=$!
                wait $wb; echo $? >"$OUT/wb.exit"
                kill $tr
                """.formatted(PORT), 50);
        assertEquals(List.of("0"), Netns.lines(out.resolve("wb.exit")));
        List<String> err = Netns.lines(out.resolve("wb.err"));
        assertEquals("wirebook: maximum file limit reached: 2 files of 1 s", err.get(err.size() - 1), String.join("\n", err));
        List<Path> files = files();
        assertEquals(2, files.size(), names(files).toString());
        long first = Long.parseLong(names(files).get(0).replaceAll("^t-|\\.pcapng$", ""));
        assertEquals(List.of("t-" + first + ".pcapng", "t-" + (first + 1) + ".pcapng"), names(files),
                "one file a second, named by its second (%s)");
        List<Long> all = new ArrayList<>();
        for (Path f : files) {
            long records = tsharkReadsCleanly(f);
            assertTrue(records > 0, f + " is empty");
            all.addAll(sequenceNumbers(f, PORT));
        }
        assertTrue(consecutive(all), "a datagram is missing: " + all);
        assertTrue(err.contains(all.size() + " packets captured"), String.join("\n", err));
    }
}
