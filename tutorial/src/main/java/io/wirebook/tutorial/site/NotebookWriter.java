package io.wirebook.tutorial.site;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.wirebook.tutorial.notebook.CellBlock;
import io.wirebook.tutorial.notebook.CellOutput;
import io.wirebook.tutorial.notebook.Chapter;
import io.wirebook.tutorial.notebook.Escape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * A chapter as a Jupyter notebook (nbformat 4.5): its prose as Markdown cells and each Wirebook cell as a
 * code cell whose source is the cell's request and whose frozen output carries the figure (SVG), the HTML
 * and the text, so JupyterLab and Git forges show it without running anything.
 */
final class NotebookWriter {
    private NotebookWriter() {}

    static byte[] write(ChapterRendering ch) throws IOException {
        MarkdownRenderer md = MarkdownRenderer.builder().extensions(List.of(TablesExtension.create())).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ", "\n")));
            g.writeStartObject();
            g.writeArrayFieldStart("cells");
            Chapter c = ch.chapter();
            StringBuilder prose = new StringBuilder();
            int n = 0;
            for (Node node = c.document().getFirstChild(); node != null; node = node.getNext()) {
                if (node instanceof CellBlock cell) {
                    n = markdownCell(g, prose, n);
                    codeCell(g, cell, ch.outputs().get(cell), ++n);
                } else {
                    prose.append(md.render(node));
                }
            }
            markdownCell(g, prose, n);
            g.writeEndArray();
            g.writeObjectFieldStart("metadata");
            g.writeObjectFieldStart("language_info");
            g.writeStringField("name", "wirebook");
            g.writeEndObject();
            g.writeStringField("title", c.title());
            g.writeEndObject();
            g.writeNumberField("nbformat", 4);
            g.writeNumberField("nbformat_minor", 5);
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static int markdownCell(JsonGenerator g, StringBuilder prose, int n) throws IOException {
        String text = prose.toString().strip();
        prose.setLength(0);
        if (text.isEmpty()) {
            return n;
        }
        g.writeStartObject();
        g.writeStringField("cell_type", "markdown");
        g.writeStringField("id", "md-" + (n + 1));
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
        source(g, text);
        g.writeEndObject();
        return n + 1;
    }

    private static void codeCell(JsonGenerator g, CellBlock cell, CellOutput o, int n) throws IOException {
        g.writeStartObject();
        g.writeStringField("cell_type", "code");
        g.writeStringField("id", "cell-" + n);
        g.writeNullField("execution_count");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("wirebook_cell", cell.kind());
        g.writeEndObject();
        StringBuilder src = new StringBuilder("wirebook ").append(cell.kind());
        cell.args().forEach((k, v) -> src.append(' ').append(k).append(v.isEmpty() ? "" : "=" + v));
        if (!cell.body().isEmpty()) {
            src.append('\n').append(cell.body().strip());
        }
        source(g, Escape.plain(src.toString()));
        g.writeArrayFieldStart("outputs");
        g.writeStartObject();
        g.writeStringField("output_type", "display_data");
        g.writeObjectFieldStart("data");
        if (o.svg() != null) {
            g.writeStringField("image/svg+xml", o.svg());
        }
        g.writeStringField("text/html", o.html());
        g.writeStringField("text/plain", o.text());
        g.writeEndObject();
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /** nbformat's multi-line string: a list of lines, each but the last ending with its newline. */
    private static void source(JsonGenerator g, String text) throws IOException {
        g.writeArrayFieldStart("source");
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            lines.add(text.substring(from));
        }
        for (String l : lines) {
            g.writeString(l);
        }
        g.writeEndArray();
    }
}
