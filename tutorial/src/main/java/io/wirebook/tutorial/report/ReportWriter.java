package io.wirebook.tutorial.report;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.render.Durations;
import io.wirebook.render.SortedRows;
import io.wirebook.tutorial.notebook.Escape;
import io.wirebook.tutorial.notebook.PacketRows;
import io.wirebook.tutorial.notebook.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Writes a {@link CaptureReport} as HTML ({@code DIR/*.html} and the site's stylesheet) and as Markdown with
 * SVG ladders beside it ({@code DIR/md/}). Everything from the capture goes through {@link Escape}.
 */
final class ReportWriter {
    private final CaptureReport report;
    private final String capture;
    private final ReportLayout layout;
    private final Set<Integer> paged = new HashSet<>();

    ReportWriter(CaptureReport report, String capture) {
        this.report = report;
        this.capture = capture;
        this.layout = new ReportLayout(capture);
        for (ConnectionPage p : report.pages) {
            paged.add(p.summary.stream);
        }
    }

    /** @return the number of files written */
    int write(Path dir) throws IOException {
        Path md = dir.resolve("md");
        Files.createDirectories(md);
        int files = 0;
        try (InputStream in = ReportWriter.class.getResourceAsStream("/io/wirebook/tutorial/site/style.css")) {
            Files.write(dir.resolve("style.css"), in.readAllBytes());
            files++;
        }
        Files.writeString(dir.resolve("index.html"), layout.page("Summary", summaryHtml()), StandardCharsets.UTF_8);
        Files.writeString(md.resolve("index.md"), summaryMarkdown(), StandardCharsets.UTF_8);
        files += 2;
        files += tcpTables(dir, md);
        files += udpTables(dir, md);
        for (ConnectionPage p : report.pages) {
            files += connection(dir, md, p);
        }
        return files;
    }

    // ---- the summary page

    private Table overview() {
        Table t = new Table("wb-card", "field", "value");
        t.row(null, "packets", String.format("%,d", report.packets));
        if (report.firstNanos != Long.MIN_VALUE) {
            t.row(null, "time span", Durations.seconds(report.lastNanos - report.firstNanos, 6) + " s");
        }
        t.row(null, "TCP", String.format("%,d packets in %,d connection%s", report.tcpPackets, report.tcpConnections, report.tcpConnections == 1 ? "" : "s"));
        t.row(null, "UDP", String.format("%,d packets in %,d flow%s (%,d with ICMP errors)", report.udpPackets,
                report.udpFlows, report.udpFlows == 1 ? "" : "s", report.udpFlowsWithErrors));
        t.row(null, "other", String.format("%,d packets (ICMP, ARP, other protocols)", report.otherPackets));
        t.row(null, "malformed", String.format("%,d packets (each a flagged row, not dropped)", report.malformed));
        return t;
    }

    private Table findingTotals() {
        Table t = new Table("wb-findings", "finding (as tshark tags it)", "tshark field", "frames");
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            if (report.findingTotals[i] > 0) {
                t.row(null, AnalysisFlags.tag(i), "tcp.analysis." + AnalysisFlags.name(i), String.format("%,d", report.findingTotals[i]));
            }
        }
        return t;
    }

    private Table pageList() {
        Table t = new Table("wb-pages", "stream", "client", "server", "packets", "end", "conn_state", "findings");
        for (ConnectionPage p : report.pages) {
            List<String> c = ReportTables.tcpCells(p.summary, report.firstNanos);
            t.row(null, c.get(0), c.get(1), c.get(2), Long.toString(p.summary.aPackets + p.summary.bPackets), c.get(8),
                    c.get(10), c.get(12).isEmpty() ? "none" : c.get(12));
        }
        return t;
    }

    private Table udpErrors() {
        Table t = ReportTables.udpTable();
        for (List<String> c : report.udpErrorRows) {
            t.row(null, c.toArray(String[]::new));
        }
        return t;
    }

    private String pagesSentence() {
        int n = report.pages.size();
        String s = n == 0 ? "No connection has a page of its own" : n + (n == 1 ? " connection has" : " connections have")
                + " a page of its own";
        s += " (at most " + report.limits.maxPages() + ", --max-pages): those with the most expert findings first, then the earliest. "
                + String.format("%,d of %,d TCP connection%s %s findings (window updates not counted).",
                report.connectionsWithFindings, report.tcpConnections, report.tcpConnections == 1 ? "" : "s",
                report.connectionsWithFindings == 1 ? "has" : "have");
        return s;
    }

    private String faultSentence() {
        return "The capture is damaged: " + report.fault + ". This report covers the " + String.format("%,d", report.packets)
                + " packets read before the damage.";
    }

    private String summaryHtml() {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<h1>").append(Escape.html(capture)).append("</h1>\n");
        if (report.fault != null) {
            sb.append("<p class=\"wb-fault\" role=\"alert\">").append(Escape.html(faultSentence())).append("</p>\n");
        }
        sb.append(overview().html("What the capture holds")).append('\n');
        sb.append("<h2 id=\"findings\">Expert findings</h2>\n");
        Table f = findingTotals();
        sb.append(f.isEmpty() ? "<p>tshark's expert analysis would flag nothing in this capture.</p>\n" : f.html(null) + "\n");
        sb.append("<h2 id=\"pages\">Connection pages</h2>\n<p>").append(Escape.html(pagesSentence()))
                .append(" Every connection is in the <a href=\"conversations.html\">TCP table</a>.</p>\n");
        if (!report.pages.isEmpty()) {
            sb.append(linkFirstCells(pageList().html(null))).append('\n');
        }
        sb.append("<h2 id=\"udp-errors\">UDP flows with ICMP errors</h2>\n");
        if (report.udpErrorRows.isEmpty()) {
            sb.append("<p>No UDP flow drew an ICMP error.</p>\n");
        } else {
            sb.append("<p>").append(Escape.html(udpErrorSentence())).append(" Every flow is in the <a href=\"udp.html\">UDP table</a>.</p>\n")
                    .append(udpErrors().html(null)).append('\n');
        }
        return sb.toString();
    }

    private String udpErrorSentence() {
        return report.udpFlowsWithErrors > report.udpErrorRows.size()
                ? String.format("The first %,d of the %,d flows that drew an ICMP error.", report.udpErrorRows.size(), report.udpFlowsWithErrors)
                : String.format("%,d %s drew an ICMP error (the frames of the errors are listed).", report.udpFlowsWithErrors,
                report.udpFlowsWithErrors == 1 ? "flow" : "flows");
    }

    /** The page list's first cells as links: the stream numbers are ours, digits only. */
    private static String linkFirstCells(String html) {
        return html.replaceAll("<tr><td>(\\d+)</td>", "<tr><td><a href=\"tcp-$1.html\">$1</a></td>");
    }

    private String summaryMarkdown() {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("# ").append(Escape.markdownCell(capture)).append("\n\n");
        sb.append("[Summary](index.md) \u00b7 [TCP connections](conversations.md) \u00b7 [UDP flows](udp.md)\n\n");
        if (report.fault != null) {
            sb.append("**").append(Escape.markdownCell(faultSentence())).append("**\n\n");
        }
        sb.append(overview().markdown()).append("\n## Expert findings\n\n");
        Table f = findingTotals();
        sb.append(f.isEmpty() ? "tshark's expert analysis would flag nothing in this capture.\n" : f.markdown());
        sb.append("\n## Connection pages\n\n").append(Escape.markdownCell(pagesSentence())).append("\n\n");
        if (!report.pages.isEmpty()) {
            sb.append(pageList().markdown().replaceAll("(?m)^\\| (\\d+) \\|", "| [$1](tcp-$1.md) |"));
        }
        sb.append("\n## UDP flows with ICMP errors\n\n");
        sb.append(report.udpErrorRows.isEmpty() ? "No UDP flow drew an ICMP error.\n"
                : Escape.markdownCell(udpErrorSentence()) + "\n\n" + udpErrors().markdown());
        return sb.toString();
    }

    // ---- the conversation tables, paged

    private int tcpTables(Path dir, Path md) throws IOException {
        return pagedTables(dir, md, "conversations", "TCP connections", "<p>Every TCP connection of the capture, by stream number"
                + " (tshark's tcp.stream). Packets and bytes are whole frames, as tshark -z conv,tcp counts them; conn_state and"
                + " history are Zeek's. A linked stream has a page.</p>\n", "No TCP connection in this capture.",
                ReportTables.tcpTable(), report.tcpConnections, report.tcpHtml, report.tcpMd,
                key -> paged.contains((int) key)
                        ? "<tr id=\"s" + key + "\"><td><a href=\"tcp-" + key + ".html\">" + key + "</a></td>"
                        : "<tr id=\"s" + key + "\"><td>" + key + "</td>",
                key -> paged.contains((int) key) ? "| [" + key + "](tcp-" + key + ".md) |" : "| " + key + " |");
    }

    private int udpTables(Path dir, Path md) throws IOException {
        return pagedTables(dir, md, "udp", "UDP flows", "<p>Every UDP flow (a pair of address:port seen in either direction),"
                + " a being the first sender, with the ICMP errors that quote it (port unreachable: nobody listens there).</p>\n",
                "No UDP flow in this capture.", ReportTables.udpTable(), report.udpFlows, report.udpHtml, report.udpMd,
                key -> "<tr id=\"u" + key + "\"><td>" + key + "</td>", key -> "| " + key + " |");
    }

    /** One sorted table as pages of HTML and of Markdown; each row's first cell is written by the given function. */
    private int pagedTables(Path dir, Path md, String name, String title, String intro, String empty, Table t, long total,
            SortedRows htmlRows, SortedRows mdRows, LongFunction<String> htmlStart, LongFunction<String> mdStart)
            throws IOException {
        int per = report.limits.rowsPerTablePage();
        TablePages html = new TablePages(dir, name, "html", per, total, new TablePages.Frame() {
            public String head(int page, int pages) {
                return layout.head(title + of(page, pages)) + "<h1>" + title + of(page, pages) + "</h1>\n" + intro
                        + pagerHtml(name, page, pages) + t.htmlOpen(null);
            }

            public String foot(int page, int pages) {
                return Table.HTML_CLOSE + (total == 0 ? "<p>" + empty + "</p>" : "") + pagerHtml(name, page, pages) + ReportLayout.FOOT;
            }

            public String rowStart(long key) {
                return htmlStart.apply(key);
            }
        });
        html.write(htmlRows);
        TablePages markdown = new TablePages(md, name, "md", per, total, new TablePages.Frame() {
            public String head(int page, int pages) {
                return "# " + title + of(page, pages) + "\n\n[Summary](index.md)\n\n" + pagerMarkdown(name, page, pages) + t.markdownHead();
            }

            public String foot(int page, int pages) {
                return "\n" + pagerMarkdown(name, page, pages);
            }

            public String rowStart(long key) {
                return mdStart.apply(key);
            }
        });
        markdown.write(mdRows);
        return html.pages() + markdown.pages();
    }

    private static String of(int page, int pages) {
        return pages <= 1 ? "" : " (page " + page + " of " + pages + ")";
    }

    private static String pagerHtml(String name, int page, int pages) {
        if (pages <= 1) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<nav class=\"wb-prevnext\" aria-label=\"Pages of the table\">");
        if (page > 1) {
            sb.append("<a rel=\"prev\" href=\"").append(TablePages.fileName(name, "html", page - 1)).append("\">\u2190 page ")
                    .append(page - 1).append("</a>");
        }
        if (page < pages) {
            sb.append("<a rel=\"next\" href=\"").append(TablePages.fileName(name, "html", page + 1)).append("\">page ")
                    .append(page + 1).append(" \u2192</a>");
        }
        return sb.append("</nav>\n").toString();
    }

    private static String pagerMarkdown(String name, int page, int pages) {
        if (pages <= 1) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (page > 1) {
            sb.append("[\u2190 page ").append(page - 1).append("](").append(TablePages.fileName(name, "md", page - 1)).append(") ");
        }
        if (page < pages) {
            sb.append("[page ").append(page + 1).append(" \u2192](").append(TablePages.fileName(name, "md", page + 1)).append(')');
        }
        return sb.append("\n\n").toString();
    }

    // ---- one connection's page

    private int connection(Path dir, Path md, ConnectionPage p) throws IOException {
        ConversationSummary s = p.summary;
        List<String> c = ReportTables.tcpCells(s, report.firstNanos);
        String title = "TCP stream " + s.stream + ": " + c.get(1) + " \u2192 " + c.get(2);
        Table summary = ReportTables.tcpCard(c);
        Table findings = PacketRows.table();
        for (List<String> row : p.findings) {
            findings.row(null, row.toArray(String[]::new));
        }
        Table packets = PacketRows.table();
        for (List<String> row : p.rows) {
            packets.row("f" + row.get(0), row.toArray(String[]::new));
        }
        String svg = p.ladderSvg();
        String findingsSentence = p.findingFrames == 0 ? "tshark's expert analysis flags no packet of this connection."
                : p.findingFrames > p.findings.size()
                ? String.format("%,d packets carry findings; the first %,d are listed.", p.findingFrames, p.findings.size())
                : String.format("%,d %s findings.", p.findingFrames, p.findingFrames == 1 ? "packet carries" : "packets carry");
        String ladderSentence = (p.ladderPackets() < p.packets
                ? String.format("The first %,d of its %,d packets", p.ladderPackets(), p.packets)
                : String.format("Its %,d packets", p.packets))
                + ", client on the left, server on the right, time flowing down (idle gaps drawn as breaks).";
        String tableSentence = (p.rows.size() < p.packets
                ? String.format("The first %,d of %,d packets (--page-packets)", p.rows.size(), p.packets)
                : String.format("All %,d packets", p.packets))
                + "; time is since the connection's first packet.";

        StringBuilder h = new StringBuilder(svg.length() + 65536);
        h.append("<h1>").append(Escape.html(title)).append("</h1>\n").append(summary.html("The connection")).append('\n')
                .append("<h2 id=\"findings\">Expert findings</h2>\n<p>").append(Escape.html(findingsSentence)).append("</p>\n");
        if (!findings.isEmpty()) {
            h.append(findings.html(null).replaceAll("<tr><td>(\\d+)</td>", "<tr><td><a href=\"#f$1\">$1</a></td>")).append('\n');
        }
        h.append("<h2 id=\"ladder\">Ladder</h2>\n<figure class=\"wb-cell wb-ladder\">").append(svg).append("<figcaption>")
                .append(Escape.html(ladderSentence)).append("</figcaption></figure>\n")
                .append("<h2 id=\"packets\">Packets</h2>\n").append(packets.html(tableSentence)).append('\n')
                .append("<p><a href=\"index.html\">Summary</a> \u00b7 <a href=\"conversations.html#s").append(s.stream)
                .append("\">this connection in the TCP table</a></p>\n");
        Files.writeString(dir.resolve("tcp-" + s.stream + ".html"), layout.page(title, h.toString()), StandardCharsets.UTF_8);

        String svgFile = "tcp-" + s.stream + ".svg";
        Files.writeString(md.resolve(svgFile), svg, StandardCharsets.UTF_8);
        StringBuilder m = new StringBuilder(65536);
        m.append("# ").append(Escape.markdownCell(title)).append("\n\n[Summary](index.md) \u00b7 [TCP connections](conversations.md)\n\n")
                .append(summary.markdown()).append("\n## Expert findings\n\n").append(Escape.markdownCell(findingsSentence)).append("\n\n");
        if (!findings.isEmpty()) {
            m.append(findings.markdown()).append('\n');
        }
        m.append("## Ladder\n\n![").append(Escape.markdownCell(ladderSentence)).append("](").append(svgFile).append(")\n\n")
                .append("## Packets\n\n").append(Escape.markdownCell(tableSentence)).append("\n\n").append(packets.markdown());
        Files.writeString(md.resolve("tcp-" + s.stream + ".md"), m.toString(), StandardCharsets.UTF_8);
        return 3;
    }
}
