package io.wirebook.tutorial.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * One chapter source: {@code tutorial/chapters/NN-name.md}, a front-matter block ({@code order},
 * {@code title}, {@code summary}, {@code seed}: the sections of the seed text it covers) and CommonMark
 * with GFM tables and cells.
 *
 * @param slug the file name without {@code .md}; the page is {@code SLUG.html}
 */
public record Chapter(Path file, String slug, int order, String title, String summary, List<String> seed,
        Node document, List<CellBlock> cells) {

    /** The parser every chapter goes through: front matter, GFM tables, heading anchors, cells. */
    static Parser parser(String where) {
        return Parser.builder()
                .extensions(List.of(YamlFrontMatterExtension.create(), TablesExtension.create(),
                        HeadingAnchorExtension.create(), CellsExtension.create(where, c -> null)))
                .includeSourceSpans(IncludeSourceSpans.BLOCKS)
                .build();
    }

    /** Reads and parses a chapter; a missing or malformed front matter is an error naming the file. */
    public static Chapter read(Path file, String where) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Node doc = parser(where).parse(text);
        YamlFrontMatterVisitor fm = new YamlFrontMatterVisitor();
        doc.accept(fm);
        Map<String, List<String>> meta = fm.getData();
        String name = file.getFileName().toString();
        String slug = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        String title = one(meta, "title", where);
        int order;
        try {
            order = Integer.parseInt(one(meta, "order", where));
        } catch (NumberFormatException e) {
            throw new IOException(where + ": front matter: order must be a number");
        }
        // The front matter is data, not text: the pages show it their own way.
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomBlock b) {
                if (b instanceof org.commonmark.ext.front.matter.YamlFrontMatterBlock) {
                    b.unlink();
                }
            }
        });
        List<CellBlock> cells = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomBlock b) {
                if (b instanceof CellBlock c) {
                    cells.add(c);
                }
                visitChildren(b);
            }
        });
        return new Chapter(file, slug, order, title, meta.containsKey("summary") ? one(meta, "summary", where) : "",
                List.copyOf(meta.getOrDefault("seed", List.of())), doc, List.copyOf(cells));
    }

    private static String one(Map<String, List<String>> meta, String key, String where) throws IOException {
        List<String> v = meta.get(key);
        if (v == null || v.isEmpty() || v.get(0).isBlank()) {
            throw new IOException(where + ": front matter needs " + key + ": (order, title, summary, seed)");
        }
        return v.get(0).trim();
    }

    /** The chapter's second-level headings: text and the anchor id the heading-anchor extension gives. */
    public List<String> headings() {
        List<String> out = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading h) {
                if (h.getLevel() == 2) {
                    out.add(textOf(h));
                }
            }
        });
        return out;
    }

    static String textOf(Node n) {
        StringBuilder sb = new StringBuilder();
        n.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                sb.append(t.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code c) {
                sb.append(c.getLiteral());
            }
        });
        return sb.toString();
    }
}
