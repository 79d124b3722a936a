package io.wirebook.tutorial.notebook;

import java.util.Map;

/**
 * A cell's frozen output in every format the site has: an HTML fragment, Markdown (GFM tables, code
 * blocks, image links to {@code files}), plain text, and the files Markdown links to (name to content,
 * e.g. a ladder's SVG). {@code svg} is set when the output is a figure, for notebooks.
 */
public record CellOutput(String html, String markdown, String text, String svg, Map<String, String> files) {
    public CellOutput {
        files = Map.copyOf(files);
    }

    static CellOutput of(String html, String markdown, String text) {
        return new CellOutput(html, markdown, text, null, Map.of());
    }
}
