package io.wirebook.tutorial.site;

import io.wirebook.tutorial.notebook.Chapter;
import io.wirebook.tutorial.notebook.Escape;
import java.util.List;

/** The frame around every HTML page: header with search, the banner, the chapter sidebar, prev/next. */
final class Layout {
    private final List<Chapter> chapters;
    private final String banner;

    /** @param banner a sentence shown on every page (how the site was built), or null */
    Layout(List<Chapter> chapters, String banner) {
        this.chapters = chapters;
        this.banner = banner;
    }

    /**
     * A whole page.
     *
     * @param current the chapter this page is, or null
     * @param toc     the page's own table of contents (HTML list) or empty
     */
    String page(String title, Chapter current, String toc, String body, String prevNext) {
        StringBuilder sb = new StringBuilder(body.length() + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>").append(Escape.html(title)).append(" \u2014 Wirebook</title>\n")
                .append("<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n")
                .append("<a class=\"wb-skip\" href=\"#main\">Skip to the text</a>\n")
                .append("<header class=\"wb-top\"><a class=\"wb-brand\" href=\"index.html\">Wirebook</a>")
                .append("<span class=\"wb-tagline\">TCP and UDP, seen packet by packet</span>")
                .append("<form class=\"wb-search\" role=\"search\" action=\"search.html\" method=\"get\">")
                .append("<label for=\"wb-q\" class=\"wb-visually-hidden\">Search the book</label>")
                .append("<input id=\"wb-q\" type=\"search\" name=\"q\" placeholder=\"Search the book\">")
                .append("<button type=\"submit\">Search</button></form></header>\n");
        if (banner != null) {
            sb.append("<p class=\"wb-banner\">").append(Escape.html(banner)).append("</p>\n");
        }
        sb.append("<div class=\"wb-layout\">\n<nav class=\"wb-sidebar\" aria-label=\"Chapters\"><ol>");
        for (Chapter c : chapters) {
            sb.append("<li>");
            if (c == current) {
                sb.append("<a aria-current=\"page\" href=\"").append(c.slug()).append(".html\">");
            } else {
                sb.append("<a href=\"").append(c.slug()).append(".html\">");
            }
            sb.append(Escape.html(c.title())).append("</a></li>");
        }
        sb.append("</ol><ul class=\"wb-more\">")
                .append("<li><a href=\"glossary.html\">Glossary</a></li>")
                .append("<li><a href=\"gallery.html\">Scenario gallery</a></li>")
                .append("<li><a href=\"contradictions.html\">Where the kernel contradicts the seed</a></li>")
                .append("<li><a href=\"coverage.html\">What the seed covers, and where</a></li>")
                .append("<li><a href=\"print.html\">The whole book on one page</a></li>")
                .append("</ul></nav>\n<main id=\"main\">\n");
        if (!toc.isEmpty()) {
            sb.append(toc);
        }
        sb.append(body);
        sb.append(prevNext);
        sb.append("</main>\n</div>\n<script src=\"search-index.js\"></script>\n<script src=\"wirebook.js\"></script>\n<script src=\"hexdump.js\"></script>\n")
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    /** Links to the chapters before and after {@code c}. */
    String prevNext(Chapter c) {
        int i = chapters.indexOf(c);
        if (i < 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<nav class=\"wb-prevnext\" aria-label=\"Previous and next chapter\">");
        if (i > 0) {
            Chapter p = chapters.get(i - 1);
            sb.append("<a rel=\"prev\" href=\"").append(p.slug()).append(".html\">\u2190 ").append(Escape.html(p.title())).append("</a>");
        }
        if (i + 1 < chapters.size()) {
            Chapter n = chapters.get(i + 1);
            sb.append("<a rel=\"next\" href=\"").append(n.slug()).append(".html\">").append(Escape.html(n.title())).append(" \u2192</a>");
        }
        return sb.append("</nav>\n").toString();
    }
}
