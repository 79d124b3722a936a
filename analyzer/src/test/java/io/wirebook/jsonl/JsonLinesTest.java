package io.wirebook.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The one JSON Lines set-up: line ends, escaping (byte for byte as the outputs always had it, and nothing
 * that could act on a terminal left raw), duplicate keys.
 */
class JsonLinesTest {
    /**
     * Control characters (C0, DEL, C1), quotes, backslash, slash, Latin-1, the line separator, a
     * right-to-left override, a BMP symbol and an astral character.
     */
    private static final String AWKWARD = "a\"b\\c/d\te\nf\rg\u0001h\u001fi\u007fj\u0085\u009f\u00a0\u00e9k\u00b7\u2028"
            + "\u2029\u202e\u2066l\u20acm\ud83d\ude00n";
    /** JSON allows DEL, C1 and U+2028 raw; a capture's text must not reach a terminal raw, so they are escaped. */
    private static final String ESCAPED = "a\\\"b\\\\c/d\\te\\nf\\rg\\u0001h\\u001Fi\\u007Fj\\u0085\\u009F\u00a0\u00e9k\u00b7"
            + "\\u2028\\u2029\\u202E\\u2066l\u20acm";
    /** Jackson 2 writes a character beyond the BMP as two escaped surrogates into bytes, as itself into chars. */
    private static final String ASTRAL_IN_BYTES = "\\uD83D\\uDE00n", ASTRAL_IN_CHARS = "\ud83d\ude00n";

    private static void twoLines(JsonGenerator g) throws IOException {
        for (int i = 0; i < 2; i++) {
            g.writeStartObject();
            g.writeNumberField("n", i);
            g.writeStringField("s", AWKWARD);
            g.writeEndObject();
            JsonLines.endLine(g);
        }
        g.flush();
    }

    private static String expected(String astral) {
        return "{\"n\":0,\"s\":\"" + ESCAPED + astral + "\"}\n{\"n\":1,\"s\":\"" + ESCAPED + astral + "\"}\n";
    }

    @Test
    void everyLineEndsItsOwnObjectAndStringsAreEscapedAsBefore() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        twoLines(JsonLines.generator(bytes));
        assertArrayEquals(expected(ASTRAL_IN_BYTES).getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
        StringWriter chars = new StringWriter();
        twoLines(JsonLines.generator(chars));
        assertEquals(expected(ASTRAL_IN_CHARS), chars.toString());
    }

    @Test
    void theParserRejectsAKeyTwice() throws IOException {
        try (JsonParser p = JsonLines.parser("{\"kind\":\"exp\",\"kind\":\"tfo\"}")) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            JsonParseException e = assertThrows(JsonParseException.class, () -> {
                while (p.nextToken() != null) {
                    // read on
                }
            });
            assertTrue(e.getMessage().contains("Duplicate field 'kind'"), e.getMessage());
        }
        try (JsonParser p = JsonLines.parser("{\"a\":{\"kind\":1},\"b\":{\"kind\":2}}")) {
            while (p.nextToken() != null) {
                // the same key in two objects is fine
            }
        }
    }
}
