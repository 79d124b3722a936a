package io.wirebook.jsonl;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * JSON Lines (one JSON object per line, every line ending in {@code \n}, the last one too), written and
 * read the same way everywhere.
 *
 * <p>Generators have no root-value separator: Jackson's would go <em>before</em> each object after the
 * first, so the last line would lack its newline; each writer calls {@link #endLine} after each object
 * instead. No pretty printer either (it sends every field through a slower path, measured at a fifth of a
 * {@code read} run). Strings are escaped as Jackson does by default: quotes, backslashes and control
 * characters (the short forms such as {@code \n} where JSON has one, else a backslash, u and four hex
 * digits); and so, though JSON allows them raw, are DEL, the C1 controls (U+0080..U+009F), the line and
 * paragraph separators (U+2028, U+2029: line ends to JavaScript and to some editors) and the bidirectional
 * controls, since text from a capture (a pcapng comment) must not act on the terminal of a user who
 * pages through the JSON ({@link Escapes}). Every other character, non-ASCII included, is written as
 * itself, except that a character
 * beyond the BMP (an emoji) becomes two escaped surrogates when the generator writes bytes (Jackson 2's
 * default). Packets and conversations have always been written as bytes and call logs as chars; each keeps
 * its kind, so every output stays byte for byte what it was.
 *
 * <p>Parsers fail on a key that appears twice in one object, rather than keeping the last value silently.
 */
public final class JsonLines {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .characterEscapes(new Escapes())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonLines() {}

    /**
     * Jackson's escapes, and DEL, C1, U+2028/U+2029 and the bidirectional controls as {@code \\u} and four
     * upper-case hex digits, the form Jackson writes for the other controls.
     */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean escaped = (ch >= 0x80 && ch < 0xa0) || ch == 0x2028 || ch == 0x2029 || (ch >= 0x202a && ch <= 0x202e)
                    || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x200e || ch == 0x200f || ch == 0x061c;
            return escaped ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }

    /** A generator writing UTF-8 to {@code out}; closing it closes {@code out}. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** A generator writing to {@code out}; closing it closes {@code out}. */
    public static JsonGenerator generator(Writer out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** Ends the line of the object just closed. */
    public static void endLine(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    /** A parser of one line (or any JSON text) that rejects duplicate keys. */
    public static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }
}
