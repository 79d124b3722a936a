package io.wirebook.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of {@code wirebook bench}: a line per capture and command with the median and range of the
 * wall time, the median CPU time, the highest peak RSS, packets and megabytes per second at the median, and,
 * on each Wirebook line, how many times faster it is than each reference tool on the same capture.
 */
public final class BenchTable {
    private BenchTable() {}

    private static final String[] HEADINGS = {"capture", "command", "runs", "wall s", "min-max s", "CPU s",
        "RSS MiB", "packets/s", "MB/s", "x faster than (median wall) / notes"};
    /** Columns aligned left (the rest are numbers, aligned right). */
    private static final boolean[] LEFT = {true, true, false, false, false, false, false, false, false, true};

    /** The table as text, with the column headings and a rule under them. */
    public static String text(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADINGS);
        for (Row r : rows) {
            cells.add(cells(r, rows));
        }
        int[] width = new int[HEADINGS.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            line(sb, cells.get(n), width);
            if (n == 0) {
                String[] rule = new String[HEADINGS.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                line(sb, rule, width);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        int start = sb.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(LEFT[i] ? cells[i] + pad : pad + cells[i]);
        }
        while (sb.length() > start && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
        sb.append('\n');
    }

    private static String[] cells(Row r, List<Row> all) {
        int good = r.good().size();
        int runs = r.samples().size();
        String[] c = new String[HEADINGS.length];
        c[0] = r.capture.label();
        c[1] = r.command.label();
        c[2] = good == runs ? Integer.toString(runs) : good + " of " + runs;
        c[3] = seconds(r.medianWallNanos());
        c[4] = good == 0 ? "-" : seconds(r.minWallNanos()) + "-" + seconds(r.maxWallNanos());
        long cpu = r.medianCpuMillis();
        c[5] = cpu < 0 ? "-" : String.format(Locale.ROOT, "%.2f", cpu / 1000.0);
        long rss = r.peakRssKiB();
        c[6] = rss < 0 ? "-" : Long.toString(Math.round(rss / 1024.0));
        boolean rates = r.command.kind() != Row.Kind.STARTUP; // ten packets: the time is all start-up, no rate
        double pps = rates ? r.packetsPerSecond() : -1;
        c[7] = pps < 0 ? "-" : String.format(Locale.ROOT, "%,d", Math.round(pps));
        double mbps = rates ? r.megabytesPerSecond() : -1;
        c[8] = mbps < 0 ? "-" : String.format(Locale.ROOT, "%,d", Math.round(mbps));
        c[9] = notes(r, all);
        return c;
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** The last column: ratios for a Wirebook command, the pass's own rate for decoding, failures for any. */
    private static String notes(Row r, List<Row> all) {
        List<String> parts = new ArrayList<>();
        if (r.command.kind() == Row.Kind.WIREBOOK) {
            for (Map.Entry<String, Double> e : ratios(r, all).entrySet()) {
                parts.add(e.getKey() + " " + ratio(e.getValue()));
            }
        } else if (r.command.kind() == Row.Kind.DECODE && r.decodeGigabytesPerSecond() > 0) {
            parts.add(String.format(Locale.ROOT, "the pass alone: %.2f GB/s, %.3f s", r.decodeGigabytesPerSecond(),
                    r.medianDecodeNanos() / 1e9));
        }
        Sample failed = r.firstFailure();
        if (failed != null) {
            parts.add("failed: exit " + failed.exitCode());
        }
        return String.join(", ", parts);
    }

    /**
     * For a Wirebook line: the reference tools run on the same capture, in table order, each with how many
     * times faster this command is (only references with a good run).
     */
    public static Map<String, Double> ratios(Row r, List<Row> all) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row ref : all) {
            if (ref.command.kind() == Row.Kind.REFERENCE && ref.capture.equals(r.capture)) {
                double x = r.fasterThan(ref);
                if (x > 0) {
                    out.put(ref.command.reference(), x);
                }
            }
        }
        return out;
    }

    /** "1.62x" below 10, "11.3x" from 10, "0.05x" for a command that is slower. */
    public static String ratio(double x) {
        return String.format(Locale.ROOT, x < 10 ? "%.2fx" : "%.1fx", x);
    }

    /**
     * The same as a JSON array, one object per line of the table, with every run's figures (wall and
     * decode times in seconds, CPU in seconds, RSS in KiB; a figure not measured is null).
     */
    public static void json(JsonGenerator g, List<Row> rows) throws IOException {
        g.writeStartArray();
        for (Row r : rows) {
            g.writeStartObject();
            g.writeStringField("capture", r.capture.label());
            g.writeStringField("file", r.capture.path().getFileName().toString());
            g.writeNumberField("packets", r.capture.packets());
            g.writeNumberField("bytes", r.capture.bytes());
            g.writeStringField("command", r.command.label());
            g.writeStringField("kind", r.command.kind().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("runs", r.samples().size());
            g.writeNumberField("good_runs", r.good().size());
            number(g, "wall_s_median", r.medianWallNanos(), 1e9);
            number(g, "wall_s_min", r.minWallNanos(), 1e9);
            number(g, "wall_s_max", r.maxWallNanos(), 1e9);
            number(g, "cpu_s_median", r.medianCpuMillis(), 1e3);
            number(g, "peak_rss_kib", r.peakRssKiB(), 1);
            number(g, "packets_per_s", r.packetsPerSecond(), 1);
            number(g, "mb_per_s", r.megabytesPerSecond(), 1);
            if (r.command.kind() == Row.Kind.DECODE) {
                number(g, "decode_gb_per_s", r.decodeGigabytesPerSecond(), 1);
            }
            if (r.command.kind() == Row.Kind.WIREBOOK) {
                g.writeObjectFieldStart("faster_than");
                for (Map.Entry<String, Double> e : ratios(r, rows).entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeArrayFieldStart("samples");
            for (Sample s : r.samples()) {
                g.writeStartObject();
                g.writeNumberField("exit", s.exitCode());
                number(g, "wall_s", s.wallNanos(), 1e9);
                number(g, "cpu_s", s.cpuMillis(), 1e3);
                number(g, "peak_rss_kib", s.peakRssKiB(), 1);
                if (s.decodeNanos() >= 0) {
                    number(g, "decode_s", s.decodeNanos(), 1e9);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double value, double unit) throws IOException {
        if (value < 0) {
            g.writeNullField(name);
        } else if (unit == 1 && value == Math.rint(value)) {
            g.writeNumberField(name, (long) value);
        } else {
            g.writeNumberField(name, value / unit);
        }
    }
}
