package io.wirebook.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the table keeps: the second sighting of one String object, up to half its slots, never a lookalike. */
class EncodedStringsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStringIsKeptTheSecondTimeTheSameObjectComes() {
        EncodedStrings t = new EncodedStrings(64);
        String s = new String("window update");
        assertNull(t.get(s));
        assertFalse(t.offer(s), "seen once: not kept yet");
        assertTrue(t.offer(s), "the same object again: keep it");
        byte[] b = utf8(s);
        t.keep(s, b);
        assertSame(b, t.get(s));
        String lookalike = new String("window update");
        assertNull(t.get(lookalike), "equal text, another object: not the kept one");
    }

    @Test
    void freshStringsNeverTakeASlot() {
        EncodedStrings t = new EncodedStrings(64);
        for (int i = 0; i < 10_000; i++) {
            assertFalse(t.offer("frame " + i));
        }
        String literal = "keep-alive";
        assertFalse(t.offer(literal));
        assertTrue(t.offer(literal), "the table has all its room left");
    }

    @Test
    void itFillsToHalfItsSlotsAndFindsEveryStringItKept() {
        EncodedStrings t = new EncodedStrings(64);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String s = "literal " + i;
            if (t.offer(s) || t.offer(s)) {
                t.keep(s, utf8(s));
                kept.add(s);
            }
        }
        assertEquals(32, kept.size(), "half of 64 slots");
        for (String s : kept) {
            assertArrayEquals(utf8(s), t.get(s), s);
        }
        assertNull(t.get("literal 99"));
    }

    @Test
    void longTextIsNotKept() {
        EncodedStrings t = new EncodedStrings(64);
        String s = "x".repeat(EncodedStrings.MAX_LENGTH + 1);
        assertFalse(t.offer(s));
        assertFalse(t.offer(s));
    }

    /** Through a line: the same literal appended many times (kept after the second) gives the JDK's bytes each time. */
    @Test
    void aLineAppendsKeptStringsAsTheJdkEncodesThem() {
        String[] texts = {"", "ACK", "  \u00B7  ", "caf\u00e9 \uD83D\uDE00", "lone \uD800 and \uDC00", "x".repeat(160),
                "y".repeat(161), "\u20ac\u0000\u007f"};
        Utf8Line l = new Utf8Line(1);
        StringBuilder expected = new StringBuilder();
        for (int round = 0; round < 5; round++) {
            for (String s : texts) {
                l.append(s).ascii('|');
                expected.append(s.replace("\uD800", "?").replace("\uDC00", "?")).append('|');
            }
        }
        assertArrayEquals(utf8(expected.toString()), java.util.Arrays.copyOf(l.bytes(), l.length()));
    }

    /** Even a table with every slot taken (racing threads could overfill it) answers a miss, and keeps nothing more. */
    @Test
    void aFullTableStillAnswersAMiss() {
        EncodedStrings t = new EncodedStrings(16);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String s = "slot " + i;
            t.keep(s, utf8(s)); // past offer's limit on purpose
            kept.add(s);
        }
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertNull(t.get("not kept"));
            int found = 0;
            for (String s : kept) {
                found += t.get(s) != null ? 1 : 0;
            }
            assertEquals(16, found, "one per slot");
        });
    }
}
