package io.wirebook.tutorial.report;

import io.wirebook.tutorial.notebook.Escape;

/**
 * The frame of every report page: the site's stylesheet, a header naming the capture, and links to the
 * summary and the tables. No script: nothing on a report page needs one.
 */
final class ReportLayout {
    private final String capture;

    /** @param capture the capture's name as the user gave it (shown escaped) */
    ReportLayout(String capture) {
        this.capture = capture;
    }

    /** Everything before the page's own content. */
    String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"color-scheme\" content=\"light dark\">\n"
                + "<title>" + Escape.html(title) + " \u2014 " + Escape.html(capture) + " \u2014 Wirebook report</title>\n"
                + "<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body class=\"wb-report\">\n"
                + "<a class=\"wb-skip\" href=\"#main\">Skip to the report</a>\n"
                + "<header class=\"wb-top\"><a class=\"wb-brand\" href=\"index.html\">Wirebook report</a>"
                + "<span class=\"wb-tagline\">" + Escape.html(capture) + "</span>"
                + "<nav class=\"wb-report-nav\" aria-label=\"Report\"><a href=\"index.html\">Summary</a> "
                + "<a href=\"conversations.html\">TCP connections</a> <a href=\"udp.html\">UDP flows</a></nav></header>\n"
                + "<main id=\"main\">\n";
    }

    static final String FOOT = "</main>\n</body>\n</html>\n";

    /** A whole page. */
    String page(String title, String body) {
        return head(title) + body + FOOT;
    }
}
