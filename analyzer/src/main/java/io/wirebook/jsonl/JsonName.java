package io.wirebook.jsonl;

import java.nio.charset.StandardCharsets;

/**
 * A field name of a schema with its JSON made once: {@code "name":}, quoted, with the colon. Hand-written
 * for measured speed: {@link JsonBytes} copies these bytes with no lookup, where a String name is found in a
 * cache by identity first (EncodedStrings, about 8% of {@code read --format jsonl}'s JSON thread). The
 * name must be ASCII that needs no escaping, as the schema's literals are.
 */
public final class JsonName {
    private final String name;
    final byte[] quoted;

    private JsonName(String name) {
        this.name = name;
        this.quoted = ('"' + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** The name {@code name}; refuses one that JSON would have to escape, or that is not printable ASCII. */
    public static JsonName of(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException("a JSON name of printable ASCII, without \" or \\: " + name);
            }
        }
        return new JsonName(name);
    }

    /** The name itself. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
