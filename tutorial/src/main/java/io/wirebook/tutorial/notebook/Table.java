package io.wirebook.tutorial.notebook;

import java.util.ArrayList;
import java.util.List;

/** A table a cell shows: rendered as an HTML table and as a GFM table, every cell escaped for its format. */
final class Table {
    private final String cssClass;
    private final List<String> head;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> rowIds = new ArrayList<>();

    Table(String cssClass, String... head) {
        this.cssClass = cssClass;
        this.head = List.of(head);
    }

    /** A row; {@code id} (or null) becomes the row's HTML id, so a claim can link to it. */
    Table row(String id, String... cells) {
        if (cells.length != head.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + head.size());
        }
        rows.add(List.of(cells));
        rowIds.add(id);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html(String caption) {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 128);
        sb.append("<div class=\"wb-table-wrap\"><table class=\"").append(cssClass).append("\">");
        if (caption != null) {
            sb.append("<caption>").append(Escape.html(caption)).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String h : head) {
            sb.append("<th scope=\"col\">").append(Escape.html(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < rows.size(); r++) {
            sb.append(rowIds.get(r) == null ? "<tr>" : "<tr id=\"" + Escape.html(rowIds.get(r)) + "\">");
            for (String c : rows.get(r)) {
                sb.append("<td>").append(Escape.html(c)).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table></div>").toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 96);
        sb.append('|');
        for (String h : head) {
            sb.append(' ').append(Escape.markdownCell(h)).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < head.size(); i++) {
            sb.append(" --- |");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            sb.append('|');
            for (String c : row) {
                sb.append(' ').append(Escape.markdownCell(c)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Aligned columns of plain text, for a notebook's text output. */
    String text() {
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
