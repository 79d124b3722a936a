package io.wirebook.tutorial;

import io.wirebook.cli.ErrorLine;
import io.wirebook.cli.ExitCodes;
import io.wirebook.calls.Note;
import io.wirebook.calls.LogEntry;
import io.wirebook.tutorial.notebook.Book;
import io.wirebook.tutorial.notebook.KernelValues;
import io.wirebook.tutorial.notebook.ScenarioLibrary;
import io.wirebook.tutorial.site.SiteBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirebook site [-o DIR]}: the tutorial book as a static site, built from the scenario recordings. */
@Command(name = "site", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Build the tutorial site from the chapters and the scenarios' recordings.",
                "Build the tutorial site: every chapter of tutorial/chapters as HTML, Markdown (md/) and Jupyter "
                + "notebooks (notebooks/), each figure and table computed from a scenario's recording and every "
                + "claim checked against it. A claim that does not hold fails the build (exit 6) with its "
                + "evidence. Without --recordings the frozen recordings in captures/scenarios are used and every "
                + "page says so; the main job (wirebook all) captures the scenarios on this machine first and builds from "
                + "those."},
        footer = "%nExit codes:%n  0  ok%n  1  usage error%n  3  cannot read the chapters or the recordings%n"
                + "  5  cannot write the site%n  6  a claim does not hold, or a cell cannot be drawn%n"
                + io.wirebook.cli.ExitCodes.OUT_OF_MEMORY_HELP)
public final class SiteCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    io.wirebook.cli.HelpOptions helpOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where the site goes (default: site)")
    Path output = Path.of("site");

    @Option(names = "--recordings", paramLabel = "DIR", description = "Scenario recordings: NAME.pcapng + NAME.calls.jsonl (default: captures/scenarios of this project)")
    Path recordings;

    @Option(names = "--chapters", paramLabel = "DIR", description = "The chapter sources (default: tutorial/chapters of this project)")
    Path chapters;

    @Option(names = "--live", description = "The recordings were captured on this machine just now (./wirebook all): no frozen-recordings banner")
    boolean live;

    @Option(names = "--keep-going", description = "Check every claim and cell and list every failure, instead of stopping at the first")
    boolean keepGoing;

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    /** The project's root: the launcher says where it is; without it, the current directory. */
    static Path home() {
        String h = System.getProperty("wirebook.home");
        return Path.of(h == null || h.isEmpty() ? "." : h);
    }

    @Override
    public Integer call() {
        Path chapterDir = chapters != null ? chapters : home().resolve("tutorial/chapters");
        Path recordingDir = recordings != null ? recordings : home().resolve("captures/scenarios");
        long t0 = System.nanoTime();
        Book book;
        try {
            book = Book.read(chapterDir);
        } catch (IOException e) {
            stderr.println(ErrorLine.of("wirebook: chapters: " + e.getMessage()));
            return ExitCodes.CANNOT_OPEN;
        }
        if (!Files.isDirectory(recordingDir)) {
            stderr.println(ErrorLine.of("wirebook: " + recordingDir + ": no such directory of recordings"));
            return ExitCodes.CANNOT_OPEN;
        }
        ScenarioLibrary library = new ScenarioLibrary(recordingDir);
        KernelValues kernel = new KernelValues();
        String banner = banner(library, kernel, recordingDir);
        try {
            SiteBuilder.Result r = new SiteBuilder(book, library, kernel, banner, keepGoing).build(output);
            stderr.printf("wirebook: site: %d pages and %d checked claims in %s (%.1f s)%n", r.pages(), r.claims(), output,
                    (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        } catch (SiteBuilder.BuildFailed e) {
            for (String p : e.problems()) {
                // A claim's report spans several lines by design (its checks and evidence, one a line); the text
                // in it is escaped where the report is drawn, and each line is escaped again here as every error
                // line is, so nothing from a capture acts on the terminal and the layout stays as drawn.
                String[] lines = p.split("\n", -1);
                int n = lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
                for (int i = 0; i < n; i++) {
                    stderr.println(ErrorLine.of(i == 0 ? "wirebook: " + lines[i] : lines[i]));
                }
            }
            stderr.println(ErrorLine.of("wirebook: site not built: " + e.getMessage() + (keepGoing ? "" : " (--keep-going lists them all)")));
            return ExitCodes.BOOK_FAILED;
        } catch (IOException e) {
            stderr.println(ErrorLine.of("wirebook: site: " + e.getMessage()));
            return ExitCodes.CANNOT_WRITE;
        }
    }

    private String banner(ScenarioLibrary library, KernelValues kernel, Path dir) {
        String here = kernel.get("kernel.osrelease").orElse("unknown");
        if (live) {
            return "Built from captures made on this machine (Linux " + here + ") just before the build; every claim was"
                    + " checked against them.";
        }
        String recorded = "an unknown kernel";
        try {
            if (library.has("handshake")) {
                for (LogEntry e : library.get("handshake").recording().log()) {
                    if (e instanceof Note n && n.key().equals("kernel")) {
                        recorded = "Linux " + n.value();
                    }
                }
            }
        } catch (IOException e) {
            // the banner then names no kernel; the build itself reports the recording
        }
        return "Built from the frozen recordings in " + (recordings == null ? "captures/scenarios" : dir.toString()) + ", made on " + recorded
                + "; the claims were checked against those recordings, not on this machine (Linux " + here
                + "). Run ./wirebook all as root to capture the scenarios here and check every claim on this kernel.";
    }
}
