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
 * <p>Stored as parallel primitive arrays so that looking an interface up per packet touches no objects.
 */
final class InterfaceTable {
    /**
     * Most interfaces one section may define. The obsolete Packet Block numbers interfaces in 16 bits; without
     * a bound, a file of nothing but IDBs would make this table grow with the file.
     */
    static final int MAX_INTERFACES = 65_536;
    /** 10^-n with n above 19 or 2^-n with n above 63 would need a unit count beyond 64 bits per second. */
    static final int MAX_DECIMAL_EXPONENT = 19;
    static final int MAX_BINARY_EXPONENT = 63;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Conversion kinds. */
    private static final byte DECIMAL_COARSE = 0; // 10^-n, n <= 9: nanos = remainder * 10^(9-n)
    private static final byte DECIMAL_FINE = 1;   // 10^-n, n > 9: nanos = remainder / 10^(n-9)
    private static final byte BINARY = 2;         // 2^-n: seconds = ts >>> n, nanos = fraction * 10^9 >> n

    private int count;
    private int[] linkType = new int[4];
    private long[] snaplen = new long[4];
    private byte[] kind = new byte[4];
    /** Units per second (DECIMAL_*), unused for BINARY. */
    private long[] unitsPerSecond = new long[4];
    /** 10^(9-n) for DECIMAL_COARSE, 10^(n-9) for DECIMAL_FINE, unused for BINARY. */
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
     * Why an {@code if_tsresol} value cannot be used, or null when it can.
     */
    static String checkResolution(int tsresol) {
        int n = tsresol & 0x7F;
        if ((tsresol & 0x80) == 0 ? n > MAX_DECIMAL_EXPONENT : n > MAX_BINARY_EXPONENT) {
            return "if_tsresol " + ((tsresol & 0x80) == 0 ? "10^-" : "2^-") + n
                    + " is finer than this reader supports (at most 10^-19 or 2^-63)";
        }
        return null;
    }

    /**
     * Adds the next interface of the section. The caller has checked {@link #checkResolution} and
     * {@link #MAX_INTERFACES}.
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
        if ((tsresol & 0x80) != 0) {
            kind[i] = BINARY;
            shift[i] = n;
            digits[i] = 9;
        } else {
            long units = pow10(n);
            unitsPerSecond[i] = units;
            if (n <= 9) {
                kind[i] = DECIMAL_COARSE;
                scale[i] = pow10(9 - n);
                digits[i] = n;
            } else {
                kind[i] = DECIMAL_FINE;
                scale[i] = pow10(n - 9);
                digits[i] = 9;
            }
        }
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
            case DECIMAL_FINE: {
                long units = unitsPerSecond[id];
                seconds = divideUnsigned(ts, units);
                nanos = divideUnsigned(ts - seconds * units, scale[id]);
                break;
            }
            default: {
                int n = shift[id];
                if (n == 0) {
                    seconds = ts; // 2^0: whole seconds
                    nanos = 0;
                } else {
                    seconds = ts >>> n;
                    long fraction = ts & ((1L << n) - 1); // < 2^63, so the signed products below are exact
                    // fraction * 10^9 is up to 93 bits: take the 128-bit product and shift it right by n.
                    long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
                    long low = fraction * NANOS_PER_SECOND;
                    nanos = (low >>> n) | (high << (64 - n));
                }
                break;
            }
        }
        f.epochSeconds = seconds + offsetSeconds[id];
        f.nanos = (int) nanos;
        f.tsDigits = digits[id];
        f.hasTimestamp = true;
    }

    /** Digits of sub-second precision of interface {@code id}: n for 10^-n up to 9, else 9. */
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
