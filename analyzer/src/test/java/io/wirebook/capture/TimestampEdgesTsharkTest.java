package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.cli.CliRunner;
import io.wirebook.oracle.Tshark;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frame times at the edges of pcapng, against tshark on the same bytes (built here): {@code read}'s JSON
 * {@code ts} equals tshark's {@code frame.time_epoch}, its text time of day equals the time in tshark's
 * {@code -t ad} column (as many digits, none and no point for whole seconds), and {@code conversations}
 * gives the first and last frames' times as {@code read} does. Cases: negative {@code if_tsoffset}, the
 * year 33658 (10^12 s, past the 2^63 ns of 2262), whole seconds (10^0 and 2^0), tshark's precision for
 * 10^-4, 10^-8 and binary units, the finest resolutions that still fit 64 bits (where tshark's arithmetic
 * wraps) and those that do not (10^-20, 10^-127, 2^-64, 2^-127, which tshark reads in units of 2^64 - 1).
 */
class TimestampEdgesTsharkTest {
    @TempDir
    Path tmp;

    /** One UDP datagram 10.0.0.1:40000 > 10.0.0.2:9 on a raw IPv4 link. */
    private static final byte[] DATAGRAM = {0x45, 0, 0, 32, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            (byte) 0x9C, 0x40, 0, 9, 0, 12, 0, 0, 'p', 'i', 'n', 'g'};

    static Stream<Arguments> cases() {
        long u6 = 1_000_000L;
        return Stream.of(
                Arguments.of("negative offset", -1, Long.MIN_VALUE, new long[] {0, 500_000, 2_500_000}),
                Arguments.of("negative offset, nanoseconds", 9, -10L, new long[] {1, 5_000_000_000L}),
                Arguments.of("before 1970 by decades", -1, -1_700_000_000L, new long[] {1_500_000, 1_700_000_000L * u6 + 250_000}),
                Arguments.of("year 33658", -1, Long.MIN_VALUE, new long[] {1_000_000_000_000L * u6, 1_000_000_000_000L * u6 + 1}),
                Arguments.of("year 33658 by offset", -1, 1_000_000_000_000L, new long[] {0, u6 + 7}),
                // Frames more than 292 years apart: past what a span in nanoseconds in a long can hold.
                Arguments.of("1970 to 33658 in one flow", -1, Long.MIN_VALUE, new long[] {u6 + 250_000, 1_000_000_000_000L * u6 + 1}),
                Arguments.of("1916 to 2263 in one flow", -1, -1_700_000_000L,
                        new long[] {250_000, 1_700_000_000L * u6 + 9_300_000_000L * u6 + 999_999}),
                Arguments.of("whole seconds", 0, Long.MIN_VALUE, new long[] {1_000_000_000L, 1_000_000_001L}),
                Arguments.of("whole seconds, binary", 0x80, Long.MIN_VALUE, new long[] {1_000_000_000L}),
                Arguments.of("10^-4", 4, Long.MIN_VALUE, new long[] {10_000_000_009_999L}),
                Arguments.of("10^-8", 8, Long.MIN_VALUE, new long[] {100_000_000_099_999_999L}),
                Arguments.of("2^-1", 0x81, Long.MIN_VALUE, new long[] {2_000_000_001L}),
                Arguments.of("2^-13", 0x80 | 13, Long.MIN_VALUE, new long[] {(1_000_000_000L << 13) + 8191}),
                Arguments.of("2^-29", 0x80 | 29, Long.MIN_VALUE, new long[] {(1_000_000_000L << 29) + (1L << 29) - 1}),
                Arguments.of("2^-35, wrapping", 0x80 | 35, Long.MIN_VALUE, new long[] {Long.MIN_VALUE | ((1L << 35) - 1)}),
                Arguments.of("2^-63", 0x80 | 63, Long.MIN_VALUE, new long[] {Long.MIN_VALUE + 12345}),
                Arguments.of("10^-12, wrapping", 12, Long.MIN_VALUE, new long[] {-1L, 1_234_567_890_123L}),
                Arguments.of("10^-19", 19, Long.MIN_VALUE, new long[] {-1L, 1L}),
                Arguments.of("10^-20", 20, Long.MIN_VALUE, new long[] {10_000_000_000_000_000L, -1L}),
                Arguments.of("10^-127", 127, Long.MIN_VALUE, new long[] {Long.MIN_VALUE}),
                Arguments.of("2^-64", 0x80 | 64, Long.MIN_VALUE, new long[] {Long.MIN_VALUE, -1L}),
                Arguments.of("2^-127 with an offset", 0xFF, 5L, new long[] {-1L}));
    }

    /**
     * @param tsresol  the if_tsresol byte, or -1 for none (10^-6)
     * @param tsoffset if_tsoffset seconds, or Long.MIN_VALUE for none
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesTimesAreTsharks(String name, int tsresol, long tsoffset, long[] stamps) throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().shb();
        List<byte[]> options = new ArrayList<>();
        if (tsresol >= 0) {
            options.add(b.tsresol(tsresol));
        }
        if (tsoffset != Long.MIN_VALUE) {
            options.add(b.tsoffset(tsoffset));
        }
        b.idb(LinkType.RAW, 0, options.toArray(byte[][]::new));
        for (long ts : stamps) {
            b.epb(0, ts, DATAGRAM, DATAGRAM.length);
        }
        Path capture = tmp.resolve("edge.pcapng");
        Files.write(capture, b.build());

        List<String> epoch = new ArrayList<>(), clock = new ArrayList<>();
        for (String l : new String(Tshark.run("-n", "-r", capture.toString(), "-t", "ad", "-T", "fields",
                "-e", "frame.time_epoch", "-e", "_ws.col.Time"), StandardCharsets.UTF_8).split("\n")) {
            String[] f = l.split("\t");
            epoch.add(f[0]);
            clock.add(f[1].substring(f[1].indexOf(' ') + 1)); // "2001-09-09 01:46:40.5": the time of day
        }
        assertEquals(stamps.length, epoch.size(), "tshark reads every frame");

        CliRunner json = CliRunner.run("read", "--format", "jsonl", capture.toString());
        assertEquals(0, json.exitCode, json.stderr);
        List<String> ts = new ArrayList<>();
        for (JsonNode n : StrictJson.lines(json.stdout)) {
            ts.add(n.path("ts").asText());
        }
        assertEquals(epoch, ts, "read's ts is tshark's frame.time_epoch");

        CliRunner text = CliRunner.run("read", "--no-notes", capture.toString());
        assertEquals(0, text.exitCode, text.stderr);
        List<String> times = new ArrayList<>();
        for (String l : text.stdout.split("\n")) {
            times.add(l.trim().split(" +")[1]);
        }
        assertEquals(clock, times, "read's time of day is tshark's, with as many digits");

        CliRunner conv = CliRunner.run("conversations", "--format", "jsonl", capture.toString());
        assertEquals(0, conv.exitCode, conv.stderr);
        JsonNode flow = StrictJson.lines(conv.stdout).get(0);
        assertEquals(List.of(ts.get(0), ts.get(ts.size() - 1)), List.of(flow.path("first").asText(),
                flow.path("last").asText()), "conversations' first and last are those frames' times as read gives them");
        BigDecimal duration = value(ts.get(ts.size() - 1)).subtract(value(ts.get(0)));
        assertEquals(duration.setScale(9, RoundingMode.DOWN).toPlainString(), flow.path("duration").asText(),
                "the duration is exactly the last frame's time less the first's");
        CliRunner table = CliRunner.run("conversations", "-q", capture.toString());
        assertEquals(0, table.exitCode, table.stderr);
        String[] row = table.stdout.split("\n")[3].trim().split(" +");
        assertEquals(List.of("0.000000", duration.setScale(6, RoundingMode.DOWN).toPlainString()), List.of(row[3], row[4]),
                "the table's start (from the capture's first frame) and duration: " + table.stdout);
    }

    /**
     * The time a {@code ts} means: its seconds floored and its nanoseconds counted up from them, as tshark
     * prints {@code frame.time_epoch} ("-1.500000000" is half a second before 1970).
     */
    private static BigDecimal value(String ts) {
        int point = ts.indexOf('.');
        BigDecimal seconds = new BigDecimal(point < 0 ? ts : ts.substring(0, point));
        return point < 0 ? seconds : seconds.add(new BigDecimal("0" + ts.substring(point)));
    }
}
