package io.wirebook.text;

/**
 * Decimal digits of a long written straight into a byte array, as {@link Long#toString(long)} gives them.
 *
 * <p>Hand-written for measured speed: the lines of {@code wirebook read} and the objects of its JSON Lines
 * carry a dozen numbers each, and {@code StringBuilder.append(long)} then the char-to-byte pass were the
 * largest single item in a profile of {@code read} (one sample in eight).
 */
public final class Decimal {
    private Decimal() {}

    /** The most bytes {@link #put} writes. */
    public static final int MAX_LENGTH = 20;

    /** "00" to "99": two digits per division. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Writes {@code v} at {@code b[at]}, which must have room for {@link #MAX_LENGTH} bytes.
     *
     * @return the index after the last digit
     */
    public static int put(byte[] b, int at, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                System.arraycopy(MIN_VALUE, 0, b, at, MIN_VALUE.length);
                return at + MIN_VALUE.length;
            }
            b[at++] = '-';
            v = -v;
        }
        int end = at + digits(v);
        int i = end;
        // A division is the costliest step, and C1 (which compiles most runs, cli.Jit) divides by a constant
        // with the divide instruction: below 2^32 (nearly every number written) u / 100 is a multiply and a
        // shift instead, exact there (0x51EB851F = ceil(2^37 / 100), as compilers make it); above, the long
        // division runs only until the rest is below 2^32.
        while (v >= 1L << 32) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            b[--i] = PAIRS[2 * r + 1];
            b[--i] = PAIRS[2 * r];
            v = q;
        }
        while (v >= 100) {
            long q = (v * 0x51EB851FL) >>> 37;
            int r = (int) (v - q * 100);
            b[--i] = PAIRS[2 * r + 1];
            b[--i] = PAIRS[2 * r];
            v = q;
        }
        int u = (int) v;
        if (u >= 10) {
            b[--i] = PAIRS[2 * u + 1];
            b[--i] = PAIRS[2 * u];
        } else {
            b[--i] = (byte) ('0' + u);
        }
        return end;
    }

    /** 10^(9 - d): what nanoseconds are divided by to keep their first d digits. */
    private static final int[] NANO_UNITS = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000,
        100, 10, 1};

    /**
     * Writes the first {@code digits} (0 to 9) of {@code nanos} (0 to 999,999,999) as nine digits, zeros
     * first, truncated: the fraction of a time in seconds ("023740" of 23,740,000 ns with 6 digits).
     *
     * @return the index after the last digit
     */
    public static int putFraction(byte[] b, int at, int nanos, int digits) {
        long v = nanos / NANO_UNITS[digits];
        int i = at + digits;
        for (int k = digits; k >= 2; k -= 2) {
            long q = (v * 0x51EB851FL) >>> 37;
            int r = (int) (v - q * 100);
            b[--i] = PAIRS[2 * r + 1];
            b[--i] = PAIRS[2 * r];
            v = q;
        }
        if (i > at) {
            b[--i] = (byte) ('0' + v);
        }
        return at + digits;
    }

    /** 10^0 to 10^18. */
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    /**
     * How many decimal digits {@code v >= 0} has. Below 10^8 (ports, lengths, windows, relative numbers:
     * nearly every number written) by comparisons alone; above, from its bit length (log10 2 ~ 1233 / 4096)
     * and one compare. The comparisons first because C1, which compiles most runs ({@code cli.Jit}), calls
     * {@code Long.numberOfLeadingZeros} as a method, where C2 makes it one instruction.
     */
    static int digits(long v) {
        if (v < 10_000) {
            return v < 100 ? (v < 10 ? 1 : 2) : (v < 1_000 ? 3 : 4);
        }
        if (v < 100_000_000) {
            return v < 1_000_000 ? (v < 100_000 ? 5 : 6) : (v < 10_000_000 ? 7 : 8);
        }
        int d = ((63 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12) + 1;
        return d < 19 && v >= POWERS[d] ? d + 1 : d;
    }
}
