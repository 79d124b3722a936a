package io.wirebook.tutorial.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.wirebook.tutorial.notebook.CellBlock;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * The search index, built with the site as a script ({@code search-index.js} sets {@code WB_INDEX}): a
 * script, unlike a JSON file fetched at run time, loads from {@code file://} too. One entry per section
 * of every chapter and per glossary term: title, page and anchor, and the section's words.
 */
final class SearchIndex {
    private record Entry(String title, String page, String url, String text) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a chapter's sections ({@code ##} headings and what follows each) and the text before the first. */
    void add(ChapterRendering ch) {
        IdGenerator ids = IdGenerator.builder().build();
        String page = ch.chapter().slug() + ".html";
        String section = ch.chapter().title(), url = page;
        StringBuilder text = new StringBuilder();
        for (Node n = ch.chapter().document().getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h) {
                String t = ChapterRendering.textOf(h);
                String id = ids.generateId(t);
                if (h.getLevel() == 2) {
                    flush(section, ch.chapter().title(), url, text);
                    section = t;
                    url = page + "#" + id;
                    continue;
                }
            }
            if (!(n instanceof CellBlock)) {
                text.append(ChapterRendering.textOf(n)).append(' ');
            }
        }
        flush(section, ch.chapter().title(), url, text);
    }

    private void flush(String title, String page, String url, StringBuilder text) {
        String t = text.toString().replaceAll("\\s+", " ").trim();
        if (!t.isEmpty() || !title.isEmpty()) {
            entries.add(new Entry(title, page, url, t.length() > 4000 ? t.substring(0, 4000) : t));
        }
        text.setLength(0);
    }

    /** The script. {@code <}, {@code >} and {@code &} are escaped, so no text can end or open a tag. */
    String script() throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.setCharacterEscapes(new HtmlSafe());
            g.writeStartArray();
            for (Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("t", e.title());
                g.writeStringField("p", e.page());
                g.writeStringField("u", e.url());
                g.writeStringField("x", e.text());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.writeEndArray();
        }
        return "window.WB_INDEX = " + w + ";\n";
    }

    private static final class HtmlSafe extends CharacterEscapes {
        private final int[] table = CharacterEscapes.standardAsciiEscapesForJSON();

        HtmlSafe() {
            table['<'] = CharacterEscapes.ESCAPE_STANDARD;
            table['>'] = CharacterEscapes.ESCAPE_STANDARD;
            table['&'] = CharacterEscapes.ESCAPE_STANDARD;
            table['\u007f'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // U+2028 and U+2029 end a line in older JavaScript parsers.
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
