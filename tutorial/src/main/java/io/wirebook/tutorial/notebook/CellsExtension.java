package io.wirebook.tutorial.notebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.commonmark.Extension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.Parser;
import org.commonmark.parser.PostProcessor;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.markdown.MarkdownNodeRendererContext;
import org.commonmark.renderer.markdown.MarkdownNodeRendererFactory;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import java.util.Set;

/**
 * The commonmark-java extension for cells, in the manner of its {@code TaskListItemsExtension}: a parser
 * post-processor swaps each fenced block whose info string starts with {@code wirebook} for a
 * {@link CellBlock}, and node renderers that claim only that node type write the cell's frozen output,
 * which {@code outputs} gives (computed before rendering, so rendering itself never fails).
 */
public final class CellsExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension,
        MarkdownRenderer.MarkdownRendererExtension {
    private final String file;
    private final Function<CellBlock, CellOutput> outputs;

    private CellsExtension(String file, Function<CellBlock, CellOutput> outputs) {
        this.file = file;
        this.outputs = outputs;
    }

    /**
     * @param file    the chapter's path as messages name it
     * @param outputs each cell's output (only the renderers ask; parsing alone needs none)
     */
    public static Extension create(String file, Function<CellBlock, CellOutput> outputs) {
        return new CellsExtension(file, outputs);
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.postProcessor(new CellPostProcessor(file));
    }

    @Override
    public void extend(HtmlRenderer.Builder builder) {
        builder.nodeRendererFactory(context -> new HtmlCellRenderer(context, outputs));
    }

    @Override
    public void extend(MarkdownRenderer.Builder builder) {
        builder.nodeRendererFactory(new MarkdownNodeRendererFactory() {
            @Override
            public NodeRenderer create(MarkdownNodeRendererContext context) {
                return new MarkdownCellRenderer(context, outputs);
            }

            @Override
            public Set<Character> getSpecialCharacters() {
                return Set.of();
            }
        });
    }

    /** Parses the info string: {@code wirebook KIND key=value key=value}. */
    static CellBlock cell(FencedCodeBlock fence, String file) {
        String[] words = fence.getInfo().trim().split("\\s+");
        String kind = words.length > 1 ? words[1] : "";
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                args.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            } else {
                args.put(words[i], "");
            }
        }
        List<SourceSpan> spans = fence.getSourceSpans();
        String where = file + (spans.isEmpty() ? "" : ":" + (spans.get(0).getLineIndex() + 1));
        return new CellBlock(kind, args, fence.getLiteral(), where);
    }

    static boolean isCell(FencedCodeBlock fence) {
        String info = fence.getInfo() == null ? "" : fence.getInfo().trim();
        return info.equals("wirebook") || info.startsWith("wirebook ");
    }

    private static final class CellPostProcessor implements PostProcessor {
        private final String file;

        CellPostProcessor(String file) {
            this.file = file;
        }

        @Override
        public Node process(Node document) {
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock fence) {
                    if (isCell(fence)) {
                        CellBlock c = cell(fence, file);
                        c.setSourceSpans(fence.getSourceSpans());
                        fence.insertAfter(c);
                        fence.unlink();
                    }
                }
            });
            return document;
        }
    }

    private static final class HtmlCellRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final Function<CellBlock, CellOutput> outputs;

        HtmlCellRenderer(HtmlNodeRendererContext context, Function<CellBlock, CellOutput> outputs) {
            this.context = context;
            this.outputs = outputs;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(CellBlock.class);
        }

        @Override
        public void render(Node node) {
            context.getWriter().line();
            context.getWriter().raw(outputs.apply((CellBlock) node).html());
            context.getWriter().line();
        }
    }

    private static final class MarkdownCellRenderer implements NodeRenderer {
        private final MarkdownNodeRendererContext context;
        private final Function<CellBlock, CellOutput> outputs;

        MarkdownCellRenderer(MarkdownNodeRendererContext context, Function<CellBlock, CellOutput> outputs) {
            this.context = context;
            this.outputs = outputs;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(CellBlock.class);
        }

        @Override
        public void render(Node node) {
            context.getWriter().raw(outputs.apply((CellBlock) node).markdown());
            context.getWriter().block();
        }
    }
}
