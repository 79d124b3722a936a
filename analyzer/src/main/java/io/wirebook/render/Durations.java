package io.wirebook.render;

/** Time spans as decimal seconds, without floating point. */
public final class Durations {
    private Durations() {}

    /** Appends {@code nanos} as seconds with {@code digits} fractional digits (truncated), e.g. "0.000017000". */
    public static void appendSeconds(StringBuilder sb, long nanos, int digits) {
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        io.wirebook.capture.Timestamps.append(sb, nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), digits);
    }

    /**
     * Appends the time from {@code (fromSeconds, fromNanos)} to {@code (toSeconds, toNanos)} (epoch seconds,
     * nanoseconds within them) as seconds, exactly however far apart they are, where a span in nanoseconds
     * in a long ends at 292 years.
     */
    public static void appendSeconds(StringBuilder sb, long fromSeconds, int fromNanos, long toSeconds, int toNanos,
            int digits) {
        io.wirebook.text.Utf8Line line = new io.wirebook.text.Utf8Line(32);
        appendSeconds(line, fromSeconds, fromNanos, toSeconds, toNanos, digits);
        line.appendTo(sb);
    }

    /** As {@link #appendSeconds(StringBuilder, long, int, long, int, int)}, into a line of UTF-8 bytes. */
    public static void appendSeconds(io.wirebook.text.Utf8Line line, long fromSeconds, int fromNanos, long toSeconds,
            int toNanos, int digits) {
        long s = toSeconds - fromSeconds;
        int n = toNanos - fromNanos; // -999,999,999 .. 999,999,999
        if (s > 0 && n < 0) {
            s--;
            n += 1_000_000_000;
        } else if (s < 0 && n > 0) {
            s++;
            n -= 1_000_000_000;
        }
        if (s < 0 || n < 0) {
            line.ascii('-');
            s = -s;
            n = -n;
        }
        io.wirebook.capture.Timestamps.append(line, s, n, digits);
    }

    public static String seconds(long fromSeconds, int fromNanos, long toSeconds, int toNanos, int digits) {
        StringBuilder sb = new StringBuilder(16);
        appendSeconds(sb, fromSeconds, fromNanos, toSeconds, toNanos, digits);
        return sb.toString();
    }

    /** As {@link #appendSeconds(StringBuilder, long, int)}, into a line of UTF-8 bytes. */
    public static void appendSeconds(io.wirebook.text.Utf8Line line, long nanos, int digits) {
        if (nanos < 0) {
            line.ascii('-');
            nanos = -nanos;
        }
        io.wirebook.capture.Timestamps.append(line, nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), digits);
    }

    public static String seconds(long nanos, int digits) {
        StringBuilder sb = new StringBuilder(16);
        appendSeconds(sb, nanos, digits);
        return sb.toString();
    }
}
