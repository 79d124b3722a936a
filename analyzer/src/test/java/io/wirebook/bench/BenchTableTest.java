package io.wirebook.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and layout of the bench table: medians, ranges, rates, ratios, failed and unmeasured runs. */
class BenchTableTest {
    private static final Capture MILLION = new Capture("1M pcap", Path.of("/w/bench-seed1-1000000.pcap"), 1_000_000,
            660_449_063);

    private static Command wirebook(String label) {
        return new Command(label, Row.Kind.WIREBOOK, List.of("java", "read", Command.FILE), Map.of(), null, false);
    }

    private static Command reference(String label, String shortName) {
        return new Command(label, Row.Kind.REFERENCE, List.of(shortName, Command.FILE), Map.of(), shortName, false);
    }

    /** A row with runs of these wall times in milliseconds, CPU 1.5 times the wall, RSS 100 MiB + i MiB. */
    private static Row row(Capture c, Command cmd, long... wallMillis) {
        Row r = new Row(c, cmd);
        for (int i = 0; i < wallMillis.length; i++) {
            r.add(Sample.of(wallMillis[i] * 1_000_000, wallMillis[i] * 3 / 2, (100 + i) * 1024L, 0));
        }
        return r;
    }

    @Test
    void medianIsTheMiddleOrTheMeanOfTheTwoMiddleOnesAndLeavesOutWhatWasNotMeasured() {
        assertEquals(5, Stats.median(new long[] {9, 1, 5}));
        assertEquals(4, Stats.median(new long[] {1, 9, 3, 5}), "(3 + 5) / 2");
        assertEquals(3, Stats.median(new long[] {4, 3}), "3.5 rounds down");
        assertEquals(7, Stats.median(new long[] {-1, 7, -1}));
        assertEquals(-1, Stats.median(new long[] {-1, -1}));
        assertEquals(-1, Stats.median(new long[0]));
        assertEquals(1, Stats.min(new long[] {5, 1, -1, 9}));
        assertEquals(9, Stats.max(new long[] {5, 1, -1, 9}));
        assertEquals(-1, Stats.max(new long[] {-1}));
    }

    @Test
    void rowFiguresComeFromTheMedianWallAndThePeakOfAllRuns() {
        Row r = row(MILLION, wirebook("wirebook read"), 2000, 1000, 4000);
        assertEquals(2_000_000_000L, r.medianWallNanos());
        assertEquals(1_000_000_000L, r.minWallNanos());
        assertEquals(4_000_000_000L, r.maxWallNanos());
        assertEquals(3000, r.medianCpuMillis());
        assertEquals(102 * 1024, r.peakRssKiB(), "the highest of the three, not the median");
        assertEquals(500_000.0, r.packetsPerSecond(), 1e-6);
        assertEquals(330.2245315, r.megabytesPerSecond(), 1e-6);
    }

    @Test
    void ratioIsTheReferencesMedianWallOverOurs() {
        Row ours = row(MILLION, wirebook("wirebook read"), 1000, 1100, 900);
        Row tcpdump = row(MILLION, reference("tcpdump -nn -r", "tcpdump"), 1620, 1700, 1500);
        Row conv = row(MILLION, reference("tshark -z conv,tcp", "tshark conv"), 11_300, 11_000, 12_000);
        Row cat = row(MILLION, reference("cat", "cat"), 50, 40, 60);
        assertEquals(1.62, ours.fasterThan(tcpdump), 1e-9);
        assertEquals(11.3, ours.fasterThan(conv), 1e-9);
        assertEquals("1.62x", BenchTable.ratio(ours.fasterThan(tcpdump)));
        assertEquals("11.3x", BenchTable.ratio(ours.fasterThan(conv)));
        assertEquals("0.05x", BenchTable.ratio(ours.fasterThan(cat)), "slower than cat: below 1");
        assertEquals(Map.of("tcpdump", 1.62, "tshark conv", 11.3, "cat", 0.05),
                BenchTable.ratios(ours, List.of(ours, tcpdump, conv, cat)));
    }

    @Test
    void ratiosAreOnlyAgainstReferencesOnTheSameCapture() {
        Capture other = new Capture("1M pcapng", Path.of("/w/bench-seed1-1000000.pcapng"), 1_000_000, 690_000_000);
        Row ours = row(MILLION, wirebook("wirebook read"), 1000);
        Row elsewhere = row(other, reference("tcpdump -nn -r", "tcpdump"), 3000);
        Row failed = new Row(MILLION, reference("tshark -n -r", "tshark"));
        failed.add(Sample.of(5_000_000_000L, 100, 100, 2));
        assertEquals(Map.of(), BenchTable.ratios(ours, List.of(ours, elsewhere, failed)));
    }

    @Test
    void theTableHasOneAlignedLinePerRowWithRatiosOnWirebookLines() {
        Row ours = row(MILLION, wirebook("wirebook read"), 1000, 1100, 900);
        Row decode = new Row(MILLION, new Command("wirebook decode only", Row.Kind.DECODE, List.of(), Map.of(), null, false));
        decode.add(new Sample(900_000_000L, 800, 80 * 1024, 0, 500_000_000L));
        Row tcpdump = row(MILLION, reference("TZ=UTC tcpdump -nn -r", "tcpdump"), 1620, 1700, 1500);
        Row failing = new Row(MILLION, reference("tshark -n -r", "tshark"));
        failing.add(Sample.of(20_000_000_000L, -1, -1, 0));
        failing.add(Sample.of(1_000_000_000L, -1, -1, 2));
        Capture tiny = new Capture("10 packets", Path.of("/w/bench-seed1-10.pcap"), 10, 6_000);
        Row start = new Row(tiny, new Command("wirebook read (start-up)", Row.Kind.STARTUP, List.of(), Map.of(), null, false));
        start.add(Sample.of(240_000_000L, 300, 69 * 1024, 0));
        assertEquals(String.join("\n",
                "capture     command                     runs  wall s      min-max s  CPU s  RSS MiB  packets/s  MB/s  x faster than (median wall) / notes",
                "----------  ------------------------  ------  ------  -------------  -----  -------  ---------  ----  -----------------------------------",
                "1M pcap     wirebook read                  3   1.000    0.900-1.100   1.50      102  1,000,000   660  tcpdump 1.62x, tshark 20.0x",
                "1M pcap     wirebook decode only           1   0.900    0.900-0.900   0.80       80  1,111,111   734  the pass alone: 1.32 GB/s, 0.500 s",
                "1M pcap     TZ=UTC tcpdump -nn -r          3   1.620    1.500-1.700   2.43      102    617,284   408",
                "1M pcap     tshark -n -r              1 of 2  20.000  20.000-20.000      -        -     50,000    33  failed: exit 2",
                "10 packets  wirebook read (start-up)       1   0.240    0.240-0.240   0.30       69          -     -",
                ""), BenchTable.text(List.of(ours, decode, tcpdump, failing, start)));
    }

    @Test
    void jsonHasEveryRunAndTheSameFigures() throws IOException {
        Row ours = row(MILLION, wirebook("wirebook read"), 1000, 3000);
        Row tcpdump = row(MILLION, reference("TZ=UTC tcpdump -nn -r", "tcpdump"), 3000);
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            BenchTable.json(g, List.of(ours, tcpdump));
        }
        JsonNode rows = new ObjectMapper().readTree(w.toString());
        assertEquals(2, rows.size());
        JsonNode r = rows.get(0);
        assertEquals("wirebook read", r.get("command").asText());
        assertEquals("wirebook", r.get("kind").asText());
        assertEquals("bench-seed1-1000000.pcap", r.get("file").asText());
        assertEquals(2.0, r.get("wall_s_median").asDouble(), 1e-9);
        assertEquals(1.0, r.get("wall_s_min").asDouble(), 1e-9);
        assertEquals(3.0, r.get("cpu_s_median").asDouble(), 1e-9);
        assertEquals(101 * 1024, r.get("peak_rss_kib").asLong());
        assertEquals(1.5, r.get("faster_than").get("tcpdump").asDouble(), 1e-9);
        assertEquals(2, r.get("samples").size());
        assertEquals(3.0, r.get("samples").get(1).get("wall_s").asDouble(), 1e-9);
        assertNull(rows.get(1).get("faster_than"), "reference lines have no ratios");
    }

    @Test
    void gnuTimesReportIsReadWithOrWithoutTheFailedCommandsLine() {
        assertArrayEquals(new long[] {1630, 171_234}, ChildRun.parseTime("1.23 0.40 171234\n"));
        assertArrayEquals(new long[] {10, 1500}, ChildRun.parseTime("Command exited with non-zero status 2\n0.01 0.00 1500\n"));
        assertNull(ChildRun.parseTime(""));
        assertNull(ChildRun.parseTime("Command terminated by signal 9\n"));
    }

    @Test
    void labelsSayTheSizeShortly() {
        assertEquals("1M", Bench.label(1_000_000));
        assertEquals("10M", Bench.label(10_000_000));
        assertEquals("2k", Bench.label(2_000));
        assertEquals("1500", Bench.label(1_500));
        assertEquals("bench-seed7-1000000.pcapng", Captures.fileName(7, 1_000_000, true));
    }
}
