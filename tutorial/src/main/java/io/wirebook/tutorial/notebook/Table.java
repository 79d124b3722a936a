package io.wirebook.tutorial.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * A table a cell (or a report page) shows: rendered as an HTML table and as a GFM table, every cell escaped
 * for its format. A table too long to hold can be written row by row with {@link #htmlOpen},
 * {@link #htmlRow} and {@link #HTML_CLOSE} (and their Markdown counterparts).
 */
public final class Table {
    private final String cssClass;
    private final List<String> head;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> rowIds = new ArrayList<>();

    public Table(String cssClass, String... head) {
        this.cssClass = cssClass;
        this.head = List.of(head);
    }

    /** A row; {@code id} (or null) becomes the row's HTML id, so a claim can link to it. */
    public Table row(String id, String... cells) {
        if (cells.length != head.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + head.size());
        }
        rows.add(List.of(cells));
        rowIds.add(id);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String html(String caption) {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 128);
        sb.append(htmlOpen(caption));
        for (int r = 0; r < rows.size(); r++) {
            htmlRow(sb, rowIds.get(r), null, rows.get(r));
        }
        return sb.append(HTML_CLOSE).toString();
    }

    /** The table's start and heading, for rows written one by one. */
    public String htmlOpen(String caption) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<div class=\"wb-table-wrap\"><table class=\"").append(cssClass).append("\">");
        if (caption != null) {
            sb.append("<caption>").append(Escape.html(caption)).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String h : head) {
            sb.append("<th scope=\"col\">").append(Escape.html(h)).append("</th>");
        }
        return sb.append("</tr></thead><tbody>").toString();
    }

    /** What ends a table begun with {@link #htmlOpen}. */
    public static final String HTML_CLOSE = "</tbody></table></div>";

    /**
     * One row: {@code id} (or null) is the row's HTML id; {@code href} (or null) makes the first cell a link
     * to a page of ours.
     */
    public static void htmlRow(StringBuilder sb, String id, String href, List<String> cells) {
        sb.append(id == null ? "<tr>" : "<tr id=\"" + Escape.html(id) + "\">");
        for (int i = 0; i < cells.size(); i++) {
            sb.append("<td>");
            if (i == 0 && href != null) {
                sb.append("<a href=\"").append(Escape.html(href)).append("\">").append(Escape.html(cells.get(i))).append("</a>");
            } else {
                sb.append(Escape.html(cells.get(i)));
            }
            sb.append("</td>");
        }
        sb.append("</tr>");
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 96);
        sb.append(markdownHead());
        for (List<String> row : rows) {
            markdownRow(sb, null, row);
        }
        return sb.toString();
    }

    /** The GFM table's heading and delimiter row. */
    public String markdownHead() {
        StringBuilder sb = new StringBuilder(128);
        sb.append('|');
        for (String h : head) {
            sb.append(' ').append(Escape.markdownCell(h)).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < head.size(); i++) {
            sb.append(" --- |");
        }
        return sb.append('\n').toString();
    }

    /** One GFM row; {@code href} (or null) makes the first cell a link to a page of ours. */
    public static void markdownRow(StringBuilder sb, String href, List<String> cells) {
        sb.append('|');
        for (int i = 0; i < cells.size(); i++) {
            sb.append(' ');
            if (i == 0 && href != null) {
                sb.append('[').append(Escape.markdownCell(cells.get(i))).append("](").append(href).append(')');
            } else {
                sb.append(Escape.markdownCell(cells.get(i)));
            }
            sb.append(" |");
        }
        sb.append('\n');
    }

    /** Aligned columns of plain text, for a notebook's text output. */
    public String text() {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> row : rows) {
                w[i] = Math.max(w[i], Math.min(60, row.get(i).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        for (List<String> row : rows) {
            line(sb, row, w);
        }
        return Escape.plain(sb.toString());
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(c);
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(Math.max(1, w[i] - c.length() + 2)));
            }
        }
        sb.append('\n');
    }
}
