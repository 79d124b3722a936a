package io.wirebook.capture;

import java.util.Arrays;

/**
 * The interfaces of one pcapng section (one entry per Interface Description Block, numbered from 0 in order)
 * and the exact conversion of their timestamps.
 *
 * <p>A pcapng timestamp is a 64-bit count of units since the epoch; the unit is the interface's
 * {@code if_tsresol}: 10^-n s when bit 7 is clear, 2^-n s when it is set (default 10^-6), and
 * {@code if_tsoffset} seconds are added. Everything that depends only on the interface (the unit, the
 * multiplier or divisor to nanoseconds, the shift) is computed once here when the block is read, so per
 * packet the conversion is one division or one shift, in integers only.
 *
 * <p>The conversion is tshark 4.0's (wiretap's pcapng reader), so that every frame time equals tshark's
 * {@code frame.time_epoch}: seconds = ts / units and nanoseconds = ((ts mod units) x 10^9) / units in
 * unsigned 64-bit arithmetic, where the product wraps modulo 2^64 once units pass 1.8 x 10^10 (10^-11 and
 * finer, 2^-35 and finer: tshark's nanoseconds are then not the exact ones, and neither are these); a
 * resolution whose units do not fit 64 bits (10^-20 and finer, 2^-64 and finer) counts in units of
 * 2^64 - 1 per second, as tshark does. The digits shown are tshark's precision for the units per second:
 * 9 from 10^9, 6 from 10^6, 3 from 10^3, 2 from 100, 1 from 10, else 0.
 *
 * <p>Stored as parallel primitive arrays so that looking an interface up per packet touches no objects.
 */
final class InterfaceTable {
    /**
     * Most interfaces one section may define. The obsolete Packet Block numbers interfaces in 16 bits; without
     * a bound, a file of nothing but IDBs would make this table grow with the file.
     */
    static final int MAX_INTERFACES = 65_536;
    /** 10^-n with n above 19 or 2^-n with n above 63 would need a unit count beyond 64 bits per second: tshark takes 2^64 - 1. */
    static final int MAX_DECIMAL_EXPONENT = 19;
    static final int MAX_BINARY_EXPONENT = 63;
    /** Units per second of the finer resolutions, as tshark takes them: 2^64 - 1 (G_MAXUINT64). */
    private static final long ALL_ONES = -1L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Conversion kinds. */
    private static final byte DECIMAL_COARSE = 0; // 10^-n, n <= 9: nanos = remainder * 10^(9-n)
    private static final byte DIVIDE = 1;         // 10^-n, n > 9, or finer than 64 bits: nanos = remainder * 10^9 / units
    private static final byte BINARY = 2;         // 2^-n: seconds = ts >>> n, nanos = fraction * 10^9 >>> n

    private int count;
    private int[] linkType = new int[4];
    private long[] snaplen = new long[4];
    private byte[] kind = new byte[4];
    /** Units per second (unsigned) for DECIMAL_COARSE and DIVIDE, unused for BINARY. */
    private long[] unitsPerSecond = new long[4];
    /** 10^(9-n) for DECIMAL_COARSE, unused otherwise. */
    private long[] scale = new long[4];
    /** n of 2^-n for BINARY. */
    private int[] shift = new int[4];
    private long[] offsetSeconds = new long[4];
    private int[] digits = new int[4];

    /** Forgets every interface: a new section starts its numbering again at 0. */
    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    int linkType(int id) {
        return linkType[id];
    }

    /** Snapshot length (unsigned 32-bit; 0 means no limit). */
    long snaplen(int id) {
        return snaplen[id];
    }

    /**
     * Adds the next interface of the section, with any {@code if_tsresol} (tshark reads every value; see the
     * class comment for the finest). The caller has checked {@link #MAX_INTERFACES}.
     *
     * @param tsresol the {@code if_tsresol} byte (6 when absent)
     * @param tsoffset {@code if_tsoffset} in seconds (0 when absent)
     */
    void add(int linkType, long snaplen, int tsresol, long tsoffset) {
        if (count == this.linkType.length) {
            grow();
        }
        int i = count++;
        this.linkType[i] = linkType;
        this.snaplen[i] = snaplen;
        this.offsetSeconds[i] = tsoffset;
        int n = tsresol & 0x7F;
        long units;
        if ((tsresol & 0x80) != 0 && n <= MAX_BINARY_EXPONENT) {
            kind[i] = BINARY;
            shift[i] = n;
            units = 1L << n;
        } else if ((tsresol & 0x80) == 0 && n <= 9) {
            kind[i] = DECIMAL_COARSE;
            units = pow10(n);
            scale[i] = pow10(9 - n);
        } else {
            kind[i] = DIVIDE;
            units = (tsresol & 0x80) == 0 && n <= MAX_DECIMAL_EXPONENT ? pow10(n) : ALL_ONES;
        }
        unitsPerSecond[i] = units;
        digits[i] = precision(units);
    }

    /** tshark's precision for a number of units per second (unsigned): the digits its times show. */
    static int precision(long units) {
        long[] from = {1_000_000_000L, 1_000_000L, 1_000L, 100L, 10L};
        int[] digits = {9, 6, 3, 2, 1};
        for (int i = 0; i < from.length; i++) {
            if (Long.compareUnsigned(units, from[i]) >= 0) {
                return digits[i];
            }
        }
        return 0;
    }

    /**
     * Sets {@code f}'s time from a raw timestamp of interface {@code id}: exact, truncated (never rounded) to
     * whole nanoseconds, like tshark.
     */
    void stamp(Frame f, int id, long ts) {
        long seconds;
        long nanos;
        switch (kind[id]) {
            case DECIMAL_COARSE: {
                long units = unitsPerSecond[id];
                seconds = divideUnsigned(ts, units);
                nanos = (ts - seconds * units) * scale[id];
                break;
            }
            case DIVIDE: {
                long units = unitsPerSecond[id];
                seconds = divideUnsigned(ts, units);
                // tshark's product, wrapping modulo 2^64 when the remainder passes 1.8 x 10^10 (see the class comment).
                nanos = divideUnsigned((ts - seconds * units) * NANOS_PER_SECOND, units);
                break;
            }
            default: {
                int n = shift[id];
                seconds = ts >>> n;
                // As tshark: the product wraps modulo 2^64 for n of 35 and more; the unsigned shift divides it.
                nanos = ((ts & ((1L << n) - 1)) * NANOS_PER_SECOND) >>> n;
                break;
            }
        }
        f.epochSeconds = seconds + offsetSeconds[id];
        f.nanos = (int) nanos;
        f.tsDigits = digits[id];
        f.hasTimestamp = true;
    }

    /** Digits of sub-second precision of interface {@code id}, as tshark shows them (see {@link #precision}). */
    int tsDigits(int id) {
        return digits[id];
    }

    /** Unsigned division; the signed path covers every timestamp before the year 2262 in nanoseconds. */
    private static long divideUnsigned(long dividend, long divisor) {
        return dividend >= 0 && divisor > 0 ? dividend / divisor : Long.divideUnsigned(dividend, divisor);
    }

    /** 10^n for 0 <= n <= 19, as an unsigned 64-bit value (10^19 exceeds Long.MAX_VALUE). */
    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    private void grow() {
        int n = linkType.length * 2;
        linkType = Arrays.copyOf(linkType, n);
        snaplen = Arrays.copyOf(snaplen, n);
        kind = Arrays.copyOf(kind, n);
        unitsPerSecond = Arrays.copyOf(unitsPerSecond, n);
        scale = Arrays.copyOf(scale, n);
        shift = Arrays.copyOf(shift, n);
        offsetSeconds = Arrays.copyOf(offsetSeconds, n);
        digits = Arrays.copyOf(digits, n);
    }
}
