package io.wirebook.tutorial.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.commonmark.node.CustomBlock;

/**
 * A cell: a fenced block such as {@code ```wirebook ladder scenario=handshake frames=1-3}, its kind
 * ({@code ladder}), its {@code key=value} arguments in order, its body (the lines inside the fence; a claim's
 * sentence and checks) and where it stands in the chapter, for messages.
 */
public final class CellBlock extends CustomBlock {
    private final String kind;
    private final Map<String, String> args;
    private final String body;
    private final String where;

    CellBlock(String kind, Map<String, String> args, String body, String where) {
        this.kind = kind;
        this.args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        this.body = body;
        this.where = where;
    }

    /** A cell made by the site itself (the gallery's figures), not read from a chapter. */
    public static CellBlock of(String kind, Map<String, String> args, String body, String where) {
        return new CellBlock(kind, args, body, where);
    }

    public String kind() {
        return kind;
    }

    public Map<String, String> args() {
        return args;
    }

    /** An argument, or {@code fallback} when the cell does not give it. */
    public String arg(String key, String fallback) {
        return args.getOrDefault(key, fallback);
    }

    public String body() {
        return body;
    }

    /** {@code chapters/01-handshake.md:42}: the chapter file and the line of the cell's fence. */
    public String where() {
        return where;
    }
}
