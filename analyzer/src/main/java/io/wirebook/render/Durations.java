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

    public static String seconds(long nanos, int digits) {
        StringBuilder sb = new StringBuilder(16);
        appendSeconds(sb, nanos, digits);
        return sb.toString();
    }
}
