package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Timestamp conversion at the edges of if_tsresol, checked against a BigInteger model of tshark 4.0's
 * (wiretap's) arithmetic: seconds = ts / units, nanoseconds = ((ts mod units) x 10^9 mod 2^64) / units,
 * unsigned, with 2^64 - 1 units for resolutions that do not fit 64 bits. TimestampEdgesTsharkTest runs
 * tshark itself on such files.
 */
class InterfaceTableTest {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private static Frame stamp(int tsresol, long tsoffset, long ts) {
        InterfaceTable t = new InterfaceTable();
        t.add(1, 0, tsresol, tsoffset);
        Frame f = new Frame();
        t.stamp(f, 0, ts);
        return f;
    }

    /** Units per second as tshark takes them for {@code tsresol}. */
    private static BigInteger units(int tsresol) {
        int n = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0) {
            return n < 64 ? BigInteger.TWO.pow(n) : TWO_TO_64.subtract(BigInteger.ONE);
        }
        return n < 20 ? BigInteger.TEN.pow(n) : TWO_TO_64.subtract(BigInteger.ONE);
    }

    private static void assertTsharks(int tsresol, long ts) {
        BigInteger units = units(tsresol);
        BigInteger t = new BigInteger(Long.toUnsignedString(ts));
        BigInteger[] qr = t.divideAndRemainder(units);
        long nanos = qr[1].multiply(BigInteger.valueOf(1_000_000_000)).mod(TWO_TO_64).divide(units).longValueExact();
        Frame f = stamp(tsresol, 0, ts);
        assertEquals(qr[0].longValue(), f.epochSeconds, "seconds for " + tsresol + " " + Long.toUnsignedString(ts));
        assertEquals(nanos, f.nanos, "nanos for " + tsresol + " " + Long.toUnsignedString(ts));
    }

    @Test
    void everyResolutionIsConvertedAsTsharkConvertsIt() {
        long[] samples = {0, 1, 999, 1_700_000_000_123_456_789L, Long.MAX_VALUE, -1L, Long.MIN_VALUE + 12345,
                0x5555_5555_5555_5555L, 1L << 40};
        for (int n = 0; n <= 127; n++) {
            for (long ts : samples) {
                assertTsharks(n, ts);
                assertTsharks(0x80 | n, ts);
            }
        }
    }

    /** Exact where tshark is: every resolution up to 10^-10 and 2^-34, whose products fit 64 bits. */
    @Test
    void exactWhereTheProductFitsSixtyFourBits() {
        Frame micro = stamp(6, 0, 1_700_000_000_999_999L);
        assertEquals(1_700_000_000L, micro.epochSeconds);
        assertEquals(999_999_000, micro.nanos);
        Frame binary = stamp(0x80 | 34, 0, (5L << 34) + (1L << 34) - 1);
        assertEquals(5, binary.epochSeconds);
        assertEquals(999_999_999, binary.nanos, "(2^34 - 1) / 2^34 s, truncated");
    }

    @Test
    void digitsAreTsharksPrecisionAndTheOffsetIsAdded() {
        int[][] digits = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 3}, {5, 3}, {6, 6}, {7, 6}, {8, 6}, {9, 9}, {12, 9},
                {20, 9}, {0x80, 0}, {0x80 | 3, 0}, {0x80 | 4, 1}, {0x80 | 7, 2}, {0x80 | 10, 3}, {0x80 | 20, 6},
                {0x80 | 29, 6}, {0x80 | 30, 9}, {0xFF, 9}};
        for (int[] d : digits) {
            assertEquals(d[1], stamp(d[0], 0, 1).tsDigits, "digits for if_tsresol " + d[0]);
        }
        Frame f = stamp(3, -3600, 1_700_000_000_500L);
        assertEquals(1_699_996_400L, f.epochSeconds);
        assertEquals(500_000_000, f.nanos);
        assertEquals("1699996400.500", f.timestampString(f.tsDigits));
    }
}
