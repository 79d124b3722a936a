package io.wirebook;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How every test reads JSON: a key that appears twice in one object is an error. Without this a reader
 * keeps the last value, so a duplicate key (once {@code "kind":"exp","kind":"tfo"}) passes every test that
 * looks at the value and stays frozen in the golden files.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {}

    /** One JSON value. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not strict JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    /** Every non-empty line of JSON Lines text, each one JSON object. */
    public static List<JsonNode> lines(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                JsonNode n = tree(line);
                if (!n.isObject()) {
                    throw new IllegalArgumentException("a JSON Lines line that is not an object: " + line);
                }
                out.add(n);
            }
        }
        return out;
    }
}
