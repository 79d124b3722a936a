package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Exact timestamp conversion at the edges of if_tsresol, checked against BigInteger arithmetic. */
class InterfaceTableTest {
    private static Frame stamp(int tsresol, long tsoffset, long ts) {
        assertNull(InterfaceTable.checkResolution(tsresol));
        InterfaceTable t = new InterfaceTable();
        t.add(1, 0, tsresol, tsoffset);
        Frame f = new Frame();
        t.stamp(f, 0, ts);
        return f;
    }

    /** seconds and nanos of unsigned ts / unitsPerSecond, truncated, by BigInteger. */
    private static void assertExact(int tsresol, long ts) {
        BigInteger units = (tsresol & 0x80) != 0 ? BigInteger.TWO.pow(tsresol & 0x7F) : BigInteger.TEN.pow(tsresol);
        BigInteger t = new BigInteger(Long.toUnsignedString(ts));
        BigInteger[] qr = t.divideAndRemainder(units);
        long nanos = qr[1].multiply(BigInteger.valueOf(1_000_000_000)).divide(units).longValueExact();
        Frame f = stamp(tsresol, 0, ts);
        assertEquals(qr[0].longValue(), f.epochSeconds, "seconds for " + tsresol + " " + Long.toUnsignedString(ts));
        assertEquals(nanos, f.nanos, "nanos for " + tsresol + " " + Long.toUnsignedString(ts));
    }

    @Test
    void everyResolutionIsExact() {
        long[] samples = {0, 1, 999, 1_700_000_000_123_456_789L, Long.MAX_VALUE, -1L, Long.MIN_VALUE + 12345,
                0x5555_5555_5555_5555L, 1L << 40};
        for (int n = 0; n <= InterfaceTable.MAX_DECIMAL_EXPONENT; n++) {
            for (long ts : samples) {
                assertExact(n, ts);
            }
        }
        for (int n = 0; n <= InterfaceTable.MAX_BINARY_EXPONENT; n++) {
            for (long ts : samples) {
                assertExact(0x80 | n, ts);
            }
        }
    }

    @Test
    void digitsAndOffset() {
        assertEquals(6, stamp(6, 0, 1).tsDigits);
        assertEquals(0, stamp(0, 0, 1).tsDigits);
        assertEquals(9, stamp(12, 0, 1).tsDigits);
        assertEquals(9, stamp(0x80 | 20, 0, 1).tsDigits);
        Frame f = stamp(3, -3600, 1_700_000_000_500L);
        assertEquals(1_699_996_400L, f.epochSeconds);
        assertEquals(500_000_000, f.nanos);
        assertEquals("1699996400.500", f.timestampString(f.tsDigits));
    }

    @Test
    void resolutionsBeyondSixtyFourBitsAreRefused() {
        assertNull(InterfaceTable.checkResolution(19));
        assertNull(InterfaceTable.checkResolution(0x80 | 63));
        assertEquals("if_tsresol 10^-20 is finer than this reader supports (at most 10^-19 or 2^-63)",
                InterfaceTable.checkResolution(20));
        assertEquals("if_tsresol 2^-64 is finer than this reader supports (at most 10^-19 or 2^-63)",
                InterfaceTable.checkResolution(0x80 | 64));
    }
}
