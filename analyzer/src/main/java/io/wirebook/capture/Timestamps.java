package io.wirebook.capture;

/** Formatting of exact decimal epoch timestamps (no floating point anywhere). */
public final class Timestamps {
    private Timestamps() {}

    /** Formats seconds.nanos with the given number of fractional digits (0..9), truncating. */
    public static String format(long seconds, int nanos, int digits) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, seconds, nanos, digits);
        return sb.toString();
    }

    /** As {@link #append(StringBuilder, long, int, int)}, into a line of UTF-8 bytes. */
    public static void append(io.wirebook.text.Utf8Line line, long seconds, int nanos, int digits) {
        line.append(seconds);
        if (digits <= 0) {
            return;
        }
        line.ascii('.');
        line.fraction(nanos, Math.min(digits, 9));
    }

    public static void append(StringBuilder sb, long seconds, int nanos, int digits) {
        sb.append(seconds);
        if (digits <= 0) {
            return;
        }
        sb.append('.');
        int div = 100_000_000;
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + (nanos / div) % 10));
            div /= 10;
        }
    }
}
