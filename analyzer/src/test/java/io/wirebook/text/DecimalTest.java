package io.wirebook.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Decimal} writes what {@link Long#toString(long)} writes, at every digit count's edges and at random. */
class DecimalTest {
    private static List<Long> edges() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, (long) Integer.MIN_VALUE, 0xFFFFFFFFL, 1L << 32,
                (1L << 32) + 1, (1L << 32) + 99, (1L << 32) + 100, 0xFFFFFFFFL - 99));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1), 2 * p - 1, 9 * p}) {
                values.add(v);
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        return values;
    }

    private static void check(long v) {
        byte[] b = new byte[Decimal.MAX_LENGTH + 3];
        b[0] = 'x';
        int end = Decimal.put(b, 1, v);
        assertEquals(Long.toString(v), new String(b, 1, end - 1, StandardCharsets.US_ASCII), "value " + v);
        assertEquals('x', b[0], "nothing written before");
        if (v >= 0) {
            assertEquals(Long.toString(v).length(), Decimal.digits(v), "digits of " + v);
        }
    }

    @Test
    void everyDigitCountsEdgesAsLongToString() {
        for (long v : edges()) {
            check(v);
        }
    }

    @Test
    void belowTwoToThe32WhereTheDivisionIsAMultiplyEveryValueSampledIsRight() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 2_000_000; i++) {
            check(r.nextLong(1L << 32));
        }
    }

    @Test
    void fractionsAreTheFirstDigitsOfNineZerosFirst() {
        SplittableRandom r = new SplittableRandom(3);
        int[] edges = {0, 1, 9, 10, 99, 100, 999_999, 1_000_000, 23_740_000, 500_000_000, 999_999_999};
        for (int k = 0; k < 100_000 + edges.length; k++) {
            int nanos = k < edges.length ? edges[k] : r.nextInt(1_000_000_000);
            String nine = String.format("%09d", nanos);
            for (int digits = 0; digits <= 9; digits++) {
                byte[] b = new byte[12];
                b[0] = 'x';
                int end = Decimal.putFraction(b, 1, nanos, digits);
                assertEquals(1 + digits, end);
                assertEquals(nine.substring(0, digits), new String(b, 1, digits, StandardCharsets.US_ASCII),
                        nanos + " with " + digits + " digits");
                assertEquals('x', b[0]);
            }
        }
    }

    @Test
    void randomValuesOfEveryMagnitudeAsLongToString() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long v = r.nextLong() >> r.nextInt(64); // every bit length alike
            check(v);
        }
    }
}
