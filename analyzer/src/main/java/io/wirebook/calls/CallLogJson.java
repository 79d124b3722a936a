package io.wirebook.calls;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.wirebook.capture.Timestamps;
import io.wirebook.jsonl.JsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Lines form of a {@link CallLog}: one object per line, in timeline order.
 *
 * <pre>
 * {"type":"call","ts":"1764057918.460491979","end_ts":"1764057918.460512003","side":"client","call":"connect",
 *  "args":{"sock":"client","fd":"7","addr":"127.0.0.1","port":"40123"},"result":"0","errno":null,
 *  "exception":null,"thread":"client"}
 * {"type":"note","ts":"1764057918.712000111","side":"client","key":"proc_net_tcp","value":"...","thread":"client"}
 * </pre>
 *
 * Timestamps are decimal strings of CLOCK_REALTIME epoch seconds with exactly nine fractional digits, so
 * they survive any JSON reader exactly (a double holds only about seven digits after the point at today's
 * epoch). {@code side} is {@code null} on a note about the whole scenario. Every field is always written;
 * a reader ignores fields it does not know and lines whose {@code type} it does not know, so later writers
 * may add both; a field named twice in one line is an error, not a silent choice of one value.
 */
public final class CallLogJson {
    private CallLogJson() {}

    /** Writes the entries, one JSON object per line, each line ending in {@code \n}. */
    public static void write(List<? extends LogEntry> entries, Writer out) throws IOException {
        try (JsonGenerator g = JsonLines.generator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            for (LogEntry e : entries) {
                g.writeStartObject();
                if (e instanceof SocketCall c) {
                    g.writeStringField("type", "call");
                    writeCallFields(g, c);
                } else {
                    g.writeStringField("type", "note");
                    writeNoteFields(g, (Note) e);
                }
                g.writeEndObject();
                JsonLines.endLine(g);
            }
        }
    }

    /** A call's fields (all but {@code type}) into an object the caller opened: the timeline adds its own. */
    public static void writeCallFields(JsonGenerator g, SocketCall c) throws IOException {
        g.writeStringField("ts", timestamp(c.ts()));
        g.writeStringField("end_ts", timestamp(c.endTs()));
        g.writeStringField("side", c.side().wireName());
        g.writeStringField("call", c.call());
        g.writeObjectFieldStart("args");
        for (Map.Entry<String, String> a : c.args().entrySet()) {
            g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        g.writeStringField("result", c.result());
        g.writeStringField("errno", c.errno());
        g.writeStringField("exception", c.exception());
        g.writeStringField("thread", c.thread());
    }

    /** A note's fields (all but {@code type}) into an object the caller opened. */
    public static void writeNoteFields(JsonGenerator g, Note n) throws IOException {
        g.writeStringField("ts", timestamp(n.ts()));
        g.writeStringField("side", n.side() == null ? null : n.side().wireName());
        g.writeStringField("key", n.key());
        g.writeStringField("value", n.value());
        g.writeStringField("thread", n.thread());
    }

    /** Reads every entry; blank lines are skipped. Errors name the 1-based line. */
    public static List<LogEntry> read(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<LogEntry> out = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                LogEntry e = parseLine(line);
                if (e != null) {
                    out.add(e);
                }
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                throw new CallLogFormatException(number, e.getMessage(), e);
            }
        }
        return out;
    }

    /** Parses one line; {@code null} for a line whose type this reader does not know. */
    static LogEntry parseLine(String line) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> args = null;
        try (JsonParser p = JsonLines.parser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("args") && t == JsonToken.START_OBJECT) {
                    args = readArgs(p);
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren(); // a field from a later writer
                } else {
                    fields.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value on the line");
            }
        }
        String type = required(fields, "type");
        String thread = required(fields, "thread");
        Instant ts = parseTimestamp(required(fields, "ts"));
        String sideName = fields.get("side");
        Side side = sideName == null ? null : Side.fromWireName(sideName);
        return switch (type) {
            case "call" -> new SocketCall(
                    requireSide(side), required(fields, "call"), args, fields.get("result"), fields.get("errno"),
                    fields.get("exception"), thread, ts, parseTimestamp(required(fields, "end_ts")));
            case "note" -> new Note(side, required(fields, "key"), required(fields, "value"), thread, ts);
            default -> null;
        };
    }

    private static Map<String, String> readArgs(JsonParser p) throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("args." + key + " must be a string, not " + t);
            }
            args.put(key, t == JsonToken.VALUE_NULL ? null : p.getText());
        }
        return args;
    }

    private static Side requireSide(Side side) {
        if (side == null) {
            throw new IllegalArgumentException("a call needs a side");
        }
        return side;
    }

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return v;
    }

    /** {@code seconds.nnnnnnnnn}, always nine fractional digits. */
    public static String timestamp(Instant t) {
        return Timestamps.format(t.getEpochSecond(), t.getNano(), 9);
    }

    /**
     * Parses a decimal epoch timestamp exactly: {@code 1764057918}, {@code 1764057918.46} or
     * {@code 1764057918.460491979}. More than nine fractional digits is an error rather than a silent cut.
     */
    public static Instant parseTimestamp(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String frac = dot < 0 ? "" : s.substring(dot + 1);
        if (whole.isEmpty() || !digits(whole) || !digits(frac) || frac.length() > 9 || (dot >= 0 && frac.isEmpty())) {
            throw new IllegalArgumentException("timestamp must be seconds[.fraction] with up to 9 digits: \"" + s + "\"");
        }
        long seconds = Long.parseLong(whole);
        int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
