package io.wirebook.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wirebook site}'s problem lines on a terminal. A claim's report spans several lines (the claim,
 * each check, its values and evidence), and its values quote the recording: here a socket named with a
 * title-setting escape sequence and a line end followed by a forged success line. The report keeps its
 * own layout, one line per item; what came from the recording is escaped inside its line.
 */
class SiteProblemLinesTest {
    /** A socket name that would retitle the terminal and print a line of its own that reads as success. */
    static final String EVIL = "client\u001b]2;owned\u0007\nwirebook: site: 1 pages and 1 checked claims\u009b31m";
    static final String SHOWN = "client\\x1b]2;owned\\x07\\x0awirebook: site: 1 pages and 1 checked claims\\x9b31m";

    @TempDir
    Path tmp;

    @Test
    void aFailedClaimQuotingTheRecordingKeepsItsLinesAndEscapesTheRecordingsText() throws Exception {
        Path rec = Files.createDirectories(tmp.resolve("recordings"));
        Files.copy(Path.of("../captures/scenarios/handshake.pcapng"), rec.resolve("evil.pcapng"));
        String json = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(EVIL));
        String calls = Files.readString(Path.of("../captures/scenarios/handshake.calls.jsonl"))
                .replace("\"sock\":\"client\"", "\"sock\":\"" + json + "\"")
                .replace("\"result\":\"client\"", "\"result\":\"" + json + "\"");
        Files.writeString(rec.resolve("evil.calls.jsonl"), calls);
        Path chapters = Files.createDirectories(tmp.resolve("chapters"));
        Files.writeString(chapters.resolve("01-evil.md"), """
                ---
                order: 1
                title: Evil
                ---

                # Evil

                ```wirebook claim scenario=evil
                The client connects.
                check: first(call[name=connect]).sock == "client"
                ```
                """);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SiteCommand site = new SiteCommand();
        site.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        site.stdout = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int rc = new CommandLine(site).execute("--chapters", chapters.toString(), "--recordings", rec.toString(),
                "-o", tmp.resolve("site").toString());
        String text = err.toString(StandardCharsets.UTF_8);

        assertEquals(ExitCodes.BOOK_FAILED, rc, text);
        for (char c : text.toCharArray()) {
            assertTrue(c == '\n' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)),
                    "a control character reached standard error: " + (int) c + "\n" + text);
        }
        List<String> lines = text.lines().toList();
        String where = lines.get(0).substring("wirebook: ".length(), lines.get(0).indexOf(": claim "));
        assertTrue(where.endsWith("01-evil.md:9"), lines.get(0));
        String check = where.substring(0, where.length() - 1) + "10";
        assertEquals("wirebook: " + where + ": claim does not hold: The client connects.", lines.get(0), text);
        assertEquals("  " + check + ": FAILS: check: first(call[name=connect]).sock == \"client\"", lines.get(1), text);
        assertEquals("    reason: it is false", lines.get(2), text);
        assertEquals("    first(call[name=connect]).sock == \"client\": left \"" + SHOWN + "\", right \"client\"",
                lines.get(3), text);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("wirebook: site: ")), "no forged line\n" + text);
        assertTrue(lines.stream().filter(l -> l.startsWith("    call: ")).allMatch(l -> l.contains(SHOWN)), text);
        assertEquals("wirebook: site not built: 1 problem in the book (--keep-going lists them all)",
                lines.get(lines.size() - 1), text);
    }

    @Test
    void aCellErrorIsOneLineWithItsQuotedTextEscaped() throws Exception {
        Path chapters = Files.createDirectories(tmp.resolve("chapters"));
        Files.writeString(chapters.resolve("01-bad.md"), "---\norder: 1\ntitle: Bad\n---\n\n# Bad\n\n"
                + "```wirebook packets scenario=no\u001b[2Jsuch\n```\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SiteCommand site = new SiteCommand();
        site.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = new CommandLine(site).execute("--chapters", chapters.toString(), "--recordings", "../captures/scenarios",
                "-o", tmp.resolve("site").toString());
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals(ExitCodes.BOOK_FAILED, rc, String.join("\n", lines));
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("wirebook: ") && lines.get(0).contains("01-bad.md:8: packets cell: no recording of "
                + "scenario \"no\\x1b[2Jsuch\""), lines.get(0));
    }
}
