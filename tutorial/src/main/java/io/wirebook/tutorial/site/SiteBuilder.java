package io.wirebook.tutorial.site;

import io.wirebook.calls.Recording;
import io.wirebook.render.TerminalText;
import io.wirebook.tutorial.demo.scenarios.LabScenario;
import io.wirebook.tutorial.demo.scenarios.Scenarios;
import io.wirebook.tutorial.notebook.Book;
import io.wirebook.tutorial.notebook.CellBlock;
import io.wirebook.tutorial.notebook.CellException;
import io.wirebook.tutorial.notebook.CellOutput;
import io.wirebook.tutorial.notebook.CellRenderer;
import io.wirebook.tutorial.notebook.Chapter;
import io.wirebook.tutorial.notebook.ClaimLedger;
import io.wirebook.tutorial.notebook.Escape;
import io.wirebook.tutorial.notebook.KernelValues;
import io.wirebook.tutorial.notebook.Page;
import io.wirebook.tutorial.notebook.ScenarioLibrary;
import io.wirebook.tutorial.notebook.SeedSections;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the site from the book's chapters and a directory of scenario recordings: every cell computed
 * from its scenario through the analyzer's pipeline, every claim checked, then the HTML pages, the
 * Markdown chapters with their SVG figures, and the notebooks. Same inputs, same bytes.
 */
public final class SiteBuilder {
    /** What went wrong: every cell that could not be rendered and every claim that did not hold. */
    public static final class BuildFailed extends Exception {
        private final List<String> problems;

        BuildFailed(List<String> problems) {
            super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the book");
            this.problems = List.copyOf(problems);
        }

        /**
         * One entry per problem, for a terminal: a claim's report spans several lines (its line ends are the
         * report's layout), and all text in a problem is escaped ({@link TerminalText}), so a line end or a
         * control character that came from a capture shows as {@code \x0a} or {@code \x1b} in its line.
         */
        public List<String> problems() {
            return problems;
        }
    }

    /** What a build made: pages written and claims checked. */
    public record Result(int pages, int claims, List<ClaimLedger.Entry> contradictions) {}

    private final Book book;
    private final ScenarioLibrary library;
    private final KernelValues kernel;
    private final String banner;
    private final boolean keepGoing;

    /**
     * @param banner    a sentence for every page saying what the site was built from, or null
     * @param keepGoing check every cell and claim and report them all, instead of stopping at the first
     */
    public SiteBuilder(Book book, ScenarioLibrary library, KernelValues kernel, String banner, boolean keepGoing) {
        this.book = book;
        this.library = library;
        this.kernel = kernel;
        this.banner = banner;
        this.keepGoing = keepGoing;
    }

    public Result build(Path out) throws IOException, BuildFailed {
        ClaimLedger ledger = new ClaimLedger();
        CellRenderer renderer = new CellRenderer(library, kernel, ledger);
        List<String> problems = new ArrayList<>();
        List<ChapterRendering> chapters = new ArrayList<>();
        for (Chapter c : book.chapters()) {
            chapters.add(render(c, renderer, ledger, problems));
        }
        ChapterRendering glossary = book.glossary() == null ? null : render(book.glossary(), renderer, ledger, problems);
        SeedSections seed = SeedSections.of(book);
        if (seed != null) {
            seed.unknownEntries(book).forEach(u -> problems.add(TerminalText.escape(u))); // a misspelt section would look uncovered
        }
        if (!problems.isEmpty()) {
            throw new BuildFailed(problems);
        }
        Files.createDirectories(out);
        Layout layout = new Layout(book.chapters(), banner);
        SearchIndex search = new SearchIndex();
        int pages = 0;
        StringBuilder print = new StringBuilder();
        for (ChapterRendering ch : chapters) {
            Chapter c = ch.chapter();
            write(out.resolve(c.slug() + ".html"), layout.page(c.title(), c, ch.toc(), ch.html(""), layout.prevNext(c)));
            print.append("<section class=\"wb-print-chapter\">").append(ch.html(c.slug() + "--")).append("</section>\n");
            search.add(ch);
            pages++;
        }
        if (glossary != null) {
            write(out.resolve("glossary.html"), layout.page("Glossary", null, "", glossary.html(""), ""));
            search.add(glossary);
            pages++;
        }
        write(out.resolve("index.html"), layout.page("Contents", null, "", index(), ""));
        write(out.resolve("print.html"), layout.page("The whole book", null, "", print.toString(), ""));
        write(out.resolve("contradictions.html"), layout.page("Where the kernel contradicts the seed", null, "",
                contradictions(ledger), ""));
        write(out.resolve("search.html"), layout.page("Search", null, "", SEARCH_PAGE, ""));
        if (seed != null) {
            write(out.resolve("coverage.html"), layout.page("What the seed covers, and where", null, "", coverage(seed), ""));
            pages++;
        }
        write(out.resolve("gallery.html"), layout.page("Scenario gallery", null, "", gallery(out, renderer, problems), ""));
        if (!problems.isEmpty()) {
            throw new BuildFailed(problems);
        }
        pages += 5;
        write(out.resolve("search-index.js"), search.script());
        try (InputStream in = SiteBuilder.class.getResourceAsStream("style.css")) {
            // One stylesheet: the site's, then the hex dump's rules from the analyzer's renderer.
            write(out.resolve("style.css"), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    + "\n" + io.wirebook.render.HexDumpHtml.stylesheet());
        }
        write(out.resolve("hexdump.js"), io.wirebook.render.HexDumpHtml.script());
        copyResource("wirebook.js", out);
        markdown(out.resolve("md"), chapters, glossary);
        Path nb = out.resolve("notebooks");
        Files.createDirectories(nb);
        for (ChapterRendering ch : chapters) {
            Files.write(nb.resolve(ch.chapter().slug() + ".ipynb"), NotebookWriter.write(ch));
        }
        return new Result(pages, ledger.entries().size(), ledger.contradictions());
    }

    private ChapterRendering render(Chapter c, CellRenderer renderer, ClaimLedger ledger, List<String> problems)
            throws BuildFailed {
        Page page = new Page(c.slug());
        Map<CellBlock, CellOutput> outputs = new IdentityHashMap<>();
        for (CellBlock cell : c.cells()) {
            int failedBefore = ledger.failed().size();
            try {
                outputs.put(cell, renderer.render(cell, page));
            } catch (CellException e) {
                problems.add(TerminalText.escape(e.getMessage()));
            }
            for (ClaimLedger.Entry f : ledger.failed().subList(failedBefore, ledger.failed().size())) {
                problems.add(f.report());
            }
            if (!keepGoing && !problems.isEmpty()) {
                throw new BuildFailed(problems);
            }
        }
        return new ChapterRendering(c, outputs);
    }

    private String index() {
        StringBuilder sb = new StringBuilder("<h1>Wirebook: TCP and UDP, seen packet by packet</h1>\n")
                .append("<p>Each chapter watches real traffic between a small client and server on this machine's ")
                .append("loopback interface, with the socket calls that caused every packet. Every figure is drawn ")
                .append("from a capture, and every statement marked \u2713 was checked against it when this site was built.</p>\n")
                .append("<ol class=\"wb-chapters\">");
        for (Chapter c : book.chapters()) {
            sb.append("<li><a href=\"").append(c.slug()).append(".html\">").append(Escape.html(c.title()))
                    .append("</a><p>").append(Escape.html(c.summary())).append("</p></li>");
        }
        return sb.append("</ol>\n<p>Also: the <a href=\"glossary.html\">glossary</a>, the <a href=\"gallery.html\">")
                .append("scenario gallery</a> with every capture to open in Wireshark, <a href=\"contradictions.html\">")
                .append("where the kernel contradicts the seed text</a>, and <a href=\"print.html\">the whole book on ")
                .append("one page</a>. The same chapters as <a href=\"md/index.md\">Markdown</a> and as Jupyter notebooks ")
                .append("in <code>notebooks/</code>.</p>\n").toString();
    }

    /** The seed's sections in its order, each with the chapters that teach it and the claims they check. */
    private String coverage(SeedSections seed) {
        StringBuilder sb = new StringBuilder("<h1>What the seed covers, and where</h1>\n<p>This book teaches every ")
                .append("section of the text it follows (a blog post on Linux network programming, in Chinese), in its own words. ")
                .append("Each section of that text, in its order, with the chapters that cover it and the claims those chapters ")
                .append("check against captures when the site is built.</p>\n<div class=\"wb-table-wrap\"><table class=\"wb-coverage\">")
                .append("<thead><tr><th scope=\"col\">section of the seed</th><th scope=\"col\">about</th>")
                .append("<th scope=\"col\">chapters</th><th scope=\"col\">claims checked</th></tr></thead><tbody>");
        for (SeedSections.Coverage c : seed.coverage(book)) {
            sb.append("<tr><td lang=\"zh\">").append(Escape.html(c.section().name())).append("</td><td>")
                    .append(Escape.html(c.section().about())).append("</td><td>");
            if (c.chapters().isEmpty()) {
                sb.append("not yet covered");
            }
            for (int i = 0; i < c.chapters().size(); i++) {
                Chapter ch = c.chapters().get(i);
                sb.append(i > 0 ? "<br>" : "").append("<a href=\"").append(ch.slug()).append(".html\">")
                        .append(Escape.html(ch.title())).append("</a>");
            }
            sb.append("</td><td>").append(c.claims()).append("</td></tr>");
        }
        return sb.append("</tbody></table></div>\n").toString();
    }

    private static String contradictions(ClaimLedger ledger) {
        StringBuilder sb = new StringBuilder("<h1>Where the kernel contradicts the seed</h1>\n<p>The text this book ")
                .append("follows says some things that the Linux kernel does not do. Each is listed here with the ")
                .append("claim that was checked against a capture when this site was built, and a link to the proof.</p>\n<ol>");
        for (ClaimLedger.Entry e : ledger.contradictions()) {
            sb.append("<li><p><strong>The seed says:</strong> ").append(Escape.html(e.seedSays())).append("</p><p><strong>")
                    .append(e.holds() ? "\u2713 The kernel does this:" : "\u2717 Not shown:").append("</strong> ")
                    .append(Escape.html(e.sentence())).append(" <a href=\"").append(e.page()).append(".html#").append(e.cellId())
                    .append("\">The proof</a></p></li>");
        }
        return sb.append("</ol>\n").toString();
    }

    private String gallery(Path out, CellRenderer renderer, List<String> problems) throws IOException {
        Path copies = out.resolve("scenarios");
        boolean same = Files.exists(copies) && Files.isSameFile(copies, library.directory());
        Files.createDirectories(copies);
        Page page = new Page("gallery");
        StringBuilder sb = new StringBuilder("<h1>Scenario gallery</h1>\n<p>Every demo scenario: what it does, its ")
                .append("ladder and socket calls, and its capture (pcapng, the calls as packet comments) to open in ")
                .append("Wireshark.</p>\n");
        for (LabScenario s : Scenarios.all()) {
            if (!library.has(s.name())) {
                continue;
            }
            if (!same) {
                Files.copy(Recording.capturePath(library.directory(), s.name()), Recording.capturePath(copies, s.name()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(Recording.callsPath(library.directory(), s.name()), Recording.callsPath(copies, s.name()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            sb.append("<section class=\"wb-scenario\" id=\"").append(Escape.html(s.name())).append("\"><h2>")
                    .append(Escape.html(s.name())).append("</h2><p>").append(Escape.html(s.description())).append("</p>");
            boolean silent = library.get(s.name()).timeline().packets().isEmpty();
            if (silent) {
                sb.append("<p>Its capture holds no packet at all: everything it does happens in the socket calls.</p>");
            }
            for (String kind : silent ? List.of("calls") : List.of("ladder", "calls")) {
                CellBlock cell = CellBlock.of(kind, Map.of("scenario", s.name()), "", "gallery:" + s.name());
                try {
                    sb.append(renderer.render(cell, page).html());
                } catch (CellException e) {
                    problems.add(TerminalText.escape(e.getMessage()));
                }
            }
            sb.append("<p><a href=\"scenarios/").append(Escape.html(s.name())).append(".pcapng\" download>")
                    .append(Escape.html(s.name())).append(".pcapng</a> \u00b7 <a href=\"scenarios/")
                    .append(Escape.html(s.name())).append(".calls.jsonl\">socket calls (JSON Lines)</a></p></section>\n");
        }
        return sb.toString();
    }

    private static void markdown(Path md, List<ChapterRendering> chapters, ChapterRendering glossary) throws IOException {
        Files.createDirectories(md);
        StringBuilder index = new StringBuilder("# Wirebook\n\n");
        for (ChapterRendering ch : chapters) {
            write(md.resolve(ch.chapter().slug() + ".md"), ch.markdown());
            index.append("1. [").append(Escape.markdownCell(ch.chapter().title())).append("](").append(ch.chapter().slug())
                    .append(".md): ").append(Escape.markdownCell(ch.chapter().summary())).append('\n');
            for (CellOutput o : ch.outputs().values()) {
                for (Map.Entry<String, String> f : o.files().entrySet()) {
                    write(md.resolve(f.getKey()), f.getValue());
                }
            }
        }
        if (glossary != null) {
            write(md.resolve("glossary.md"), glossary.markdown());
            index.append("\nSee also the [glossary](glossary.md).\n");
        }
        write(md.resolve("index.md"), index.toString());
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void copyResource(String name, Path out) throws IOException {
        try (InputStream in = SiteBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource missing from the jar: " + name);
            }
            Files.write(out.resolve(name), in.readAllBytes());
        }
    }

    private static final String SEARCH_PAGE = "<h1>Search</h1>\n<div id=\"wb-results\" aria-live=\"polite\">"
            + "<p class=\"wb-noscript\">Searching needs JavaScript. Every chapter is listed on the "
            + "<a href=\"index.html\">contents page</a>, and the <a href=\"print.html\">whole book</a> is one page your "
            + "browser can search.</p></div>\n";
}
