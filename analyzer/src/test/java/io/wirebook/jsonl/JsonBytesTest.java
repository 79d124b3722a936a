package io.wirebook.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import io.wirebook.text.Utf8Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JsonBytes must write what Jackson's generator (as JsonLines sets it up) writes for the same calls. */
class JsonBytesTest {
    private interface Calls {
        void on(JsonOut out) throws IOException;
    }

    private static byte[] jackson(Calls c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonOut j = JsonOut.of(JsonLines.generator(out))) {
            c.on(j);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(Calls c, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonOut j = new JsonBytes(out, bufferSize)) {
            c.on(j);
        }
        return out.toByteArray();
    }

    private static void same(Calls c) throws IOException {
        byte[] expected = jackson(c);
        sameBytes(expected, bytes(c, 1 << 16));
        // A small buffer drains in the middle of names, numbers and escapes.
        sameBytes(expected, bytes(c, 4096));
    }

    /** Equal, or a failure that shows the first difference with some bytes around it (as Latin-1). */
    private static void sameBytes(byte[] expected, byte[] actual) {
        int i = 0;
        while (i < expected.length && i < actual.length && expected[i] == actual[i]) {
            i++;
        }
        if (i == expected.length && i == actual.length) {
            return;
        }
        int from = Math.max(0, i - 40);
        assertEquals(around(expected, from, i), around(actual, from, i), "first difference at byte " + i);
    }

    private static String around(byte[] b, int from, int at) {
        int to = Math.min(b.length, at + 40);
        return from >= to ? "" : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyCharIsEscapedAsJacksonEscapesIt() throws IOException {
        same(j -> {
            for (int c = 0; c <= 0xFFFF; c++) {
                j.startObject();
                j.field("s", "a" + (char) c + "b");
                j.field("t", new StringBuilder().append((char) c));
                j.field("u", new Utf8Line(4).append("a" + (char) c + "b"));
                j.endObject();
                j.endLine();
            }
        });
    }

    @Test
    void pairedSurrogatesAndEmojiAreTwoEscapes() throws IOException {
        same(j -> {
            j.startObject();
            j.field("emoji", "caf\u00e9 \uD83D\uDE00 \u00B7 \u20AC \"q\" \\ \t\n\r\f\b \u0000\u001F\u007F");
            j.field("lone", "\uDC00x\uD800");
            j.endObject();
            j.endLine();
        });
    }

    @Test
    void numbersBooleansNullsAndNestingMatch() throws IOException {
        long[] numbers = {0, 1, -1, 9, 10, 99, 100, 65535, 4294967295L, -4294967296L, 999999999999999999L,
            1000000000000000000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MIN_VALUE};
        same(j -> {
            j.startObject();
            for (long v : numbers) {
                j.field("n", v);
            }
            j.field("yes", true);
            j.field("no", false);
            j.nullField("nothing");
            j.field("absent", (String) null);
            j.startArray("list");
            for (long v : numbers) {
                j.value(v);
            }
            j.value("x");
            j.value((String) null);
            j.startObject();
            j.endObject();
            j.startArray();
            j.endArray();
            j.startObject();
            j.field("deep", 1);
            j.endObject();
            j.endArray();
            j.startObject("empty");
            j.endObject();
            j.startArray("none");
            j.endArray();
            j.field("after", "end");
            j.endObject();
            j.endLine();
            j.startObject();
            j.endObject();
            j.endLine();
        });
    }

    @Test
    void randomTextOfEveryKindMatches() throws IOException {
        same(j -> {
            Random r = new Random(12); // the same text for each writer
            for (int line = 0; line < 2000; line++) {
                j.startObject();
                int fields = r.nextInt(6);
                for (int f = 0; f < fields; f++) {
                    StringBuilder s = new StringBuilder();
                    int len = r.nextInt(line % 100 == 0 ? 9000 : 40);
                    for (int i = 0; i < len; i++) {
                        int kind = r.nextInt(5);
                        s.append((char) (kind == 0 ? r.nextInt(0x20) : kind == 1 ? 0x20 + r.nextInt(0x60)
                                : kind == 2 ? 0x80 + r.nextInt(0x780) : kind == 3 ? 0xD800 + r.nextInt(0x800)
                                : r.nextInt(0x10000)));
                    }
                    j.field("f" + f, s.toString());
                    j.field("g" + f, new Utf8Line(16).append(s)); // the notes' way: any text
                    j.field("h" + f, new Utf8Line(16).append(s.chars().filter(c -> c < 0x80) // and ASCII (theirs)
                            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)));
                }
                j.endObject();
                j.endLine();
            }
        });
    }

    /**
     * Names and string values that come again and again as the same objects (literals, as the packet writers
     * use) are copied from the bytes kept the first times: the copies must be what escaping them again gives,
     * whatever the text and wherever the buffer drains.
     */
    @Test
    void theSameStringsAgainAndAgainMatch() throws IOException {
        Random r = new Random(5);
        String[] names = new String[40];
        String[] values = new String[60];
        for (int i = 0; i < names.length; i++) {
            names[i] = "name_" + i + "_" + "x".repeat(r.nextInt(30));
        }
        for (int i = 0; i < values.length; i++) {
            StringBuilder s = new StringBuilder();
            int len = i == 0 ? 0 : i == 1 ? 160 : i == 2 ? 161 : r.nextInt(50);
            for (int k = 0; k < len; k++) {
                int kind = r.nextInt(4);
                s.append((char) (kind == 0 ? r.nextInt(0x20) : kind == 1 ? 0x20 + r.nextInt(0x60)
                        : kind == 2 ? 0x80 + r.nextInt(0x780) : r.nextInt(0x10000)));
            }
            values[i] = s.toString();
        }
        same(j -> {
            Random pick = new Random(9);
            for (int line = 0; line < 3000; line++) {
                j.startObject();
                for (int f = 0; f < 8; f++) {
                    j.field(names[pick.nextInt(names.length)], values[pick.nextInt(values.length)]);
                }
                j.startArray(names[line % names.length]);
                j.value(values[line % values.length]);
                j.endArray();
                j.endObject();
                j.endLine();
            }
        });
    }

    /**
     * Names made once ({@link JsonName}) give the bytes their Strings give, in every call that takes a name,
     * mixed with String names and through a buffer that drains between them; Jackson writes them as Strings.
     */
    @Test
    void namesMadeOnceWriteWhatTheirStringsWrite() throws IOException {
        JsonName frame = JsonName.of("frame");
        JsonName tcp = JsonName.of("tcp");
        JsonName flags = JsonName.of("flags");
        JsonName note = JsonName.of("note");
        JsonName none = JsonName.of("none");
        JsonName yes = JsonName.of("yes");
        JsonName text = JsonName.of("text");
        JsonName chars = JsonName.of("chars");
        Utf8Line line = new Utf8Line(64).append("a note \"quoted\"");
        same(out -> {
            for (int i = 0; i < 500; i++) {
                out.startObject();
                out.field(frame, (long) i);
                out.field("src", "127.0.0.1");
                out.startObject(tcp);
                out.startArray(flags);
                out.value("SYN");
                out.endArray();
                out.field(yes, i % 2 == 0);
                out.endObject();
                out.nullField(none);
                out.field(text, i % 3 == 0 ? null : "v" + i);
                out.field(chars, new StringBuilder("c").append(i));
                out.field(note, line);
                out.endObject();
                out.endLine();
            }
        });
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> JsonName.of("a\"b"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> JsonName.of("caf\u00e9"));
    }
}
