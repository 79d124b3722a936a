package io.wirebook.bench;

import java.util.Arrays;

/** Median, minimum and maximum of a few measurements (of the runs that were measured). */
public final class Stats {
    private Stats() {}

    /**
     * The median of {@code values}: the middle one, or the mean of the two middle ones for an even count
     * (rounded down). Negative values mean "not measured" and are left out; -1 when none is left.
     */
    public static long median(long[] values) {
        long[] v = measured(values);
        if (v.length == 0) {
            return -1;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : v[mid - 1] + (v[mid] - v[mid - 1]) / 2;
    }

    /** The smallest measured value, or -1. */
    public static long min(long[] values) {
        long[] v = measured(values);
        return v.length == 0 ? -1 : v[0];
    }

    /** The largest measured value, or -1. */
    public static long max(long[] values) {
        long[] v = measured(values);
        return v.length == 0 ? -1 : v[v.length - 1];
    }

    private static long[] measured(long[] values) {
        return Arrays.stream(values).filter(x -> x >= 0).sorted().toArray();
    }
}
