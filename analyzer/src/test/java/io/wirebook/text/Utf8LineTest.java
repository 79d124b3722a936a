package io.wirebook.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A line's bytes are the JDK's UTF-8 encoding of the same appends, and its numbers Long.toString's. */
class Utf8LineTest {
    private static byte[] bytes(Utf8Line l) {
        return Arrays.copyOf(l.bytes(), l.length());
    }

    @Test
    void everyCharAndEveryPairEncodesAsTheJdkEncodes() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = "a" + (char) c + "b";
            Utf8Line l = new Utf8Line(1);
            l.append(s);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes(l), "U+" + Integer.toHexString(c));
            Utf8Line viaChar = new Utf8Line(1).append('a').append((char) c).append('b');
            Utf8Line viaBuilder = new Utf8Line(1).append(new StringBuilder(s));
            assertArrayEquals(bytes(l), bytes(viaChar), "append(char) U+" + Integer.toHexString(c));
            assertArrayEquals(bytes(l), bytes(viaBuilder), "append(CharSequence) U+" + Integer.toHexString(c));
        }
        String pairs = "caf\u00e9 \uD83D\uDE00\uD83D\uDE00 \uDBFF\uDFFF\u00B7 \uDC00x\uD800";
        assertArrayEquals(pairs.getBytes(StandardCharsets.UTF_8), bytes(new Utf8Line(2).append(pairs)));
        assertArrayEquals(pairs.getBytes(StandardCharsets.UTF_8), bytes(new Utf8Line(2).append(new StringBuilder(pairs))));
        assertEquals(pairs.replace("\uDC00", "?").replace("\uD800", "?"), new Utf8Line(2).append(pairs).toString());
    }

    @Test
    void numbersAreLongToStrings() {
        Random r = new Random(7);
        Utf8Line l = new Utf8Line(1);
        StringBuilder expected = new StringBuilder();
        long[] edges = {0, 1, 9, 10, 99, 100, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, -1,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (long v : edges) {
            l.append(v).ascii(' ');
            expected.append(v).append(' ');
        }
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            l.append(v).append((int) v).ascii(',');
            expected.append(v).append((int) v).append(',');
        }
        assertEquals(expected.toString(), l.toString());
    }

    @Test
    void everyPowerOfTenAndItsNeighboursHasItsDigits() {
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1}) {
                assertEquals(Long.toString(v), new Utf8Line(1).append(v).toString());
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        assertEquals(Long.toString(Long.MAX_VALUE), new Utf8Line(1).append(Long.MAX_VALUE).toString());
    }

    @Test
    void setLengthCutsBackAndTheLineGrowsAsNeeded() {
        Utf8Line l = new Utf8Line(16);
        l.append("0123456789");
        int mark = l.length();
        l.append("  \u00B7  a note that is longer than the first capacity");
        l.setLength(mark);
        l.ascii('\n');
        assertEquals("0123456789\n", l.toString());
        StringBuilder sb = new StringBuilder("x");
        l.appendTo(sb);
        assertEquals("x0123456789\n", sb.toString());
    }

    @Test
    void paddingIsPrintfs() {
        Random r = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            int width = r.nextInt(25);
            String text = Long.toString(v).substring(0, 1 + r.nextInt(Long.toString(v).length()));
            Utf8Line l = new Utf8Line(1).append("ab");
            int at = l.length();
            l.append(v).alignRight(at, width).ascii('|').append(text).spaces(width - text.length()).ascii('|');
            String want = "ab" + String.format("%" + Math.max(1, width) + "d|%-" + Math.max(1, width) + "s|", v, text);
            assertEquals(want, l.toString(), "width " + width);
        }
        assertEquals("x", new Utf8Line(1).append("x").spaces(0).spaces(-3).toString());
    }

    @Test
    void aLiteralsBytesAreItsAscii() {
        byte[] seq = Utf8Line.literal(", seq ");
        Utf8Line l = new Utf8Line(1);
        for (int i = 0; i < 1000; i++) {
            l.ascii(seq).append(i);
        }
        StringBuilder want = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            want.append(", seq ").append(i);
        }
        assertEquals(want.toString(), l.toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Utf8Line.literal("caf\u00e9"));
    }
}
