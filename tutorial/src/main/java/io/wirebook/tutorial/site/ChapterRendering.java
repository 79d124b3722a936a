package io.wirebook.tutorial.site;

import io.wirebook.tutorial.notebook.CellBlock;
import io.wirebook.tutorial.notebook.CellOutput;
import io.wirebook.tutorial.notebook.CellsExtension;
import io.wirebook.tutorial.notebook.Chapter;
import io.wirebook.tutorial.notebook.Escape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/** One chapter's document with its cells' frozen outputs, rendered as HTML (page and print) and Markdown. */
final class ChapterRendering {
    private final Chapter chapter;
    private final Map<CellBlock, CellOutput> outputs;

    ChapterRendering(Chapter chapter, Map<CellBlock, CellOutput> outputs) {
        this.chapter = chapter;
        this.outputs = outputs;
    }

    Chapter chapter() {
        return chapter;
    }

    Map<CellBlock, CellOutput> outputs() {
        return outputs;
    }

    /** The chapter's HTML; {@code idPrefix} (empty on its own page) keeps heading ids unique on the print page. */
    String html(String idPrefix) {
        HtmlRenderer r = HtmlRenderer.builder()
                // Before the extensions: the first renderer registered for a node type is the one used.
                .nodeRendererFactory(ScrollingTable::new)
                .extensions(List.of(TablesExtension.create(),
                        HeadingAnchorExtension.builder().idPrefix(idPrefix).build(),
                        CellsExtension.create(chapter.slug(), outputs::get)))
                .attributeProviderFactory(context -> MD_LINKS)
                .build();
        return r.render(chapter.document());
    }

    /** The chapter as GFM, its cells as tables, code blocks and links to the SVG files beside it. */
    String markdown() {
        MarkdownRenderer r = MarkdownRenderer.builder()
                .extensions(List.of(TablesExtension.create(), CellsExtension.create(chapter.slug(), outputs::get)))
                .build();
        return r.render(chapter.document());
    }

    /** The page's table of contents: its second-level headings, linked by the ids the anchor extension gives. */
    String toc() {
        List<String[]> entries = new ArrayList<>();
        IdGenerator ids = IdGenerator.builder().build();
        chapter.document().accept(new AbstractVisitor() {
            @Override
            public void visit(Heading h) {
                String text = textOf(h);
                String id = ids.generateId(text);
                if (h.getLevel() == 2) {
                    entries.add(new String[] {text, id});
                }
            }
        });
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<nav class=\"wb-toc\" aria-label=\"In this chapter\"><h2>In this chapter</h2><ul>");
        for (String[] e : entries) {
            sb.append("<li><a href=\"#").append(Escape.html(e[1])).append("\">").append(Escape.html(e[0])).append("</a></li>");
        }
        return sb.append("</ul></nav>\n").toString();
    }

    static String textOf(org.commonmark.node.Node n) {
        StringBuilder sb = new StringBuilder();
        n.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Text t) {
                sb.append(t.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code c) {
                sb.append(c.getLiteral());
            }
        });
        return sb.toString();
    }

    /**
     * A table of the chapter's own text, in the same scrolling box as the cells' tables
     * ({@code wb-table-wrap}), so that on a narrow screen the table scrolls sideways and the page does not.
     * Its head and body are still drawn by the tables extension.
     */
    private static final class ScrollingTable implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        ScrollingTable(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(TableBlock.class);
        }

        @Override
        public void render(Node node) {
            html.line();
            html.tag("div", Map.of("class", "wb-table-wrap"));
            html.tag("table", context.extendAttributes(node, "table", Map.of()));
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            html.tag("/table");
            html.tag("/div");
            html.line();
        }
    }

    /** Links to another chapter's source ({@code glossary.md#syn}) point at its page ({@code glossary.html#syn}). */
    private static final AttributeProvider MD_LINKS = (node, tag, attributes) -> {
        if (node instanceof Link) {
            String href = attributes.get("href");
            if (href != null && !href.contains(":") && !href.startsWith("/")) {
                int hash = href.indexOf('#');
                String path = hash < 0 ? href : href.substring(0, hash);
                if (path.endsWith(".md")) {
                    attributes.put("href", path.substring(0, path.length() - 3) + ".html" + (hash < 0 ? "" : href.substring(hash)));
                }
            }
        }
    };
}
