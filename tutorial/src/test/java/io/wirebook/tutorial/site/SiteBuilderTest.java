package io.wirebook.tutorial.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.tutorial.notebook.Book;
import io.wirebook.tutorial.notebook.KernelValues;
import io.wirebook.tutorial.notebook.ScenarioLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site built from fixture chapters over the frozen recordings: pages, Markdown, notebooks, determinism. */
class SiteBuilderTest {
    static final Path RECORDINGS = Path.of("../captures/scenarios");

    @TempDir
    Path tmp;

    private Path chapters(String... files) throws IOException {
        Path dir = tmp.resolve("chapters");
        Files.createDirectories(dir);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
        }
        return dir;
    }

    static final String TABLES = """
            ---
            order: 1
            title: Tables
            summary: Every table cell kind.
            ---

            # Tables

            Links to the [glossary](glossary.md#syn).

            | layer | unit |
            | --- | --- |
            | transport | segment |

            ## Packets

            ```wirebook packets scenario=handshake frames=1-3
            ```

            ## Calls and connections

            ```wirebook calls scenario=refused side=client
            ```

            ```wirebook conversation scenario=refused
            ```

            ```wirebook timeline scenario=refused
            ```

            ```wirebook kernel scenario=no-accept keys=net.core.somaxconn
            ```
            """;

    static final String GLOSSARY = """
            ---
            order: 100
            title: Glossary
            ---

            # Glossary

            ## SYN

            The first segment.
            """;

    private SiteBuilder.Result build(Path chapters, Path out) throws Exception {
        return new SiteBuilder(Book.read(chapters), new ScenarioLibrary(RECORDINGS), new KernelValues(),
                "Built from the frozen recordings.", false).build(out);
    }

    @Test
    void aUdpScenariosConversationShowsItsFlowsAndTheirIcmpErrors() throws Exception {
        Path ch = chapters("01-udp.md", """
                ---
                order: 1
                title: UDP
                ---

                # UDP

                ```wirebook conversation scenario=udp-unreachable
                ```

                ```wirebook packets scenario=udp-unreachable
                ```
                """, "glossary.md", GLOSSARY);
        build(ch, tmp.resolve("site"));
        String page = Files.readString(tmp.resolve("site/01-udp.html"));
        // tshark -z conv,udp: one flow each for the connected and the unconnected socket; the connected one's
        // datagram drew ICMP port unreachable in frame 2 (tcpdump: "udp port N unreachable, length 40").
        assertTrue(page.contains("udp-unreachable: UDP flows"), page);
        assertTrue(page.contains("<td>#2 destination unreachable (port unreachable)</td>"), page);
        assertFalse(page.contains("udp-unreachable: TCP connections"), "no empty TCP table for a UDP scenario");
        assertTrue(page.contains("<td>ICMP</td><td></td><td></td><td>40</td>"), "the ICMP message's length, as tcpdump's");
    }

    @Test
    void tableCellsBecomeHtmlMarkdownAndNotebookOutputs() throws Exception {
        Path ch = chapters("01-tables.md", TABLES, "glossary.md", GLOSSARY);
        build(ch, tmp.resolve("site"));
        String page = Files.readString(tmp.resolve("site/01-tables.html"));
        // The handshake's first three packets, as wirebook read shows them (relative numbers).
        assertTrue(page.contains("<tr id=\"01-tables-c1-f1\"><td>1</td><td>0.000000</td><td>client \u2192 server</td><td>S</td><td>0</td><td></td><td>0</td><td>65495</td>"), page);
        assertTrue(page.contains("<td>2</td>") && page.contains("<td>S.</td><td>0</td><td>1</td><td>0</td><td>65483</td>"));
        assertTrue(page.contains("id=\"01-tables-c1-f3\"") && !page.contains("id=\"01-tables-c1-f4\""), "frames=1-3 stops at frame 3");
        assertTrue(page.contains("connect(client, 127.0.0.1:36983) = -1 ECONNREFUSED"), "the refused connect with its errno");
        assertTrue(page.contains("<td>REJ</td>"), "Zeek's conn_state of a refused connection");
        assertTrue(page.contains("href=\"glossary.html#syn\""), "links to .md sources point at the pages");
        assertTrue(page.contains("<div class=\"wb-table-wrap\"><table>\n<thead>\n<tr>\n<th>layer</th>"),
                "a table of the text scrolls in its own box, as the cells' tables do: " + page);
        assertTrue(page.contains("Built from the frozen recordings."), "the banner on every page");
        assertTrue(page.contains("<a href=\"#packets\">Packets</a>"), "the page's table of contents");
        String md = Files.readString(tmp.resolve("site/md/01-tables.md"));
        assertTrue(md.contains("| # | time | direction | flags | seq | ack | len | win | findings | note |"), md);
        assertTrue(md.contains("(glossary.md#syn)"), "Markdown keeps links to the Markdown files");
        assertTrue(Files.exists(tmp.resolve("site/md/glossary.md")));
        for (String p : List.of("index.html", "glossary.html", "gallery.html", "contradictions.html", "print.html",
                "search.html", "search-index.js", "style.css", "wirebook.js", "hexdump.js", "scenarios/handshake.pcapng")) {
            assertTrue(Files.exists(tmp.resolve("site").resolve(p)), p);
        }
        String index = Files.readString(tmp.resolve("site/search-index.js"));
        assertTrue(index.startsWith("window.WB_INDEX = [") && index.contains("\"u\":\"01-tables.html#packets\""), index);
    }

    @Test
    void notebooksAreValidNbformat() throws Exception {
        Path ch = chapters("01-tables.md", TABLES);
        build(ch, tmp.resolve("site"));
        Path nb = tmp.resolve("site/notebooks/01-tables.ipynb");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); "
                        + "print(len(nb.cells), sum(1 for c in nb.cells if c.cell_type == 'code'))", nb.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "nbformat (Debian python3-nbformat, installed by the set-up) rejects it: " + out);
        String[] counts = out.split(" ");
        assertEquals("5", counts[1], "one code cell per wirebook cell");
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws Exception {
        Path ch = chapters("01-tables.md", TABLES, "glossary.md", GLOSSARY);
        build(ch, tmp.resolve("a"));
        build(ch, tmp.resolve("b"));
        assertEquals(files(tmp.resolve("a")), files(tmp.resolve("b")));
    }

    @Test
    void aCellThatCannotBeDrawnFailsTheBuildNamingItsLine() throws Exception {
        Path ch = chapters("01-bad.md", """
                ---
                order: 1
                title: Bad
                ---

                # Bad

                ```wirebook packets scenario=no-such-scenario
                ```
                """);
        SiteBuilder.BuildFailed e = assertThrows(SiteBuilder.BuildFailed.class, () -> build(ch, tmp.resolve("site")));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("chapters/01-bad.md:8: packets cell: no recording of scenario \"no-such-scenario\""),
                e.problems().get(0));
    }

    @Test
    void figuresChooseTheirFramesByExpressions() throws Exception {
        // loss: the tail's three copies of the 100-byte message and the first fast retransmission, whatever
        // their frame numbers in the recording.
        Path ch = chapters("01-sel.md", """
                ---
                order: 1
                title: Selected
                ---

                # Selected

                ```wirebook packets scenario=loss
                from: nth(packet[side=client, len=100], 1).frame - 3
                to: nth(packet[side=client, len=100], 3)
                ```

                ```wirebook hex scenario=loss
                frame: first(packet[finding=fast_retransmission])
                ```
                """);
        build(ch, tmp.resolve("site"));
        String page = Files.readString(tmp.resolve("site/01-sel.html"));
        // The frames those packets have in the recording, found without the claim language.
        io.wirebook.calls.Recording r = io.wirebook.calls.Recording.load(RECORDINGS, "loss");
        List<Long> tail = new ArrayList<>();
        long fast = 0;
        for (io.wirebook.timeline.TimelineEvent.PacketSeen p : io.wirebook.timeline.TimelineBuilder.build(r.frames(), r.log()).packets()) {
            if (p.result().isTcp() && p.result().fromClient() && p.result().packet().tcp.payloadLength == 100) {
                tail.add(p.frame().number);
            }
            if (fast == 0 && p.result().analysis() != null
                    && (p.result().analysis().flags & io.wirebook.analysis.AnalysisFlags.FAST_RETRANSMISSION) != 0) {
                fast = p.frame().number;
            }
        }
        assertEquals(3, tail.size(), "the tail is sent three times");
        long from = tail.get(0) - 3, to = tail.get(2);
        assertTrue(page.contains("id=\"01-sel-c1-f" + from + "\"") && page.contains("id=\"01-sel-c1-f" + to + "\""), page);
        assertFalse(page.contains("id=\"01-sel-c1-f" + (from - 1) + "\"") || page.contains("id=\"01-sel-c1-f" + (to + 1) + "\""),
                "from " + from + " to " + to + " only");
        assertTrue(page.contains("<figure class=\"wb-hex\" data-frame=\"" + fast + "\">"), "the hex cell drew frame " + fast
                + ", the first fast retransmission");
    }

    @Test
    void aFrameExpressionThatNamesNoFrameFailsNamingItsLine() throws Exception {
        String[][] cases = {
            {"```wirebook ladder scenario=handshake\nfrom: first(packet[flags=S.]).ts\n```",
             "chapters/01-bad.md:8: ladder cell: chapters/01-bad.md:9: first(packet[flags=S.]).ts is ", "not a packet or a frame number"},
            {"```wirebook ladder scenario=handshake\nfrom: first(packet[flags=S.).frame\n```",
             "chapters/01-bad.md:8: ladder cell: chapters/01-bad.md:9:", "expected"},
            {"```wirebook ladder scenario=handshake frames=1-3\nto: last(packet).frame\n```",
             "chapters/01-bad.md:8: ladder cell: ", "gives frames= and an expression in its body"},
            {"```wirebook ladder scenario=handshake\nfrom: last(packet)\nto: first(packet)\n```",
             "chapters/01-bad.md:8: ladder cell: ", "selects frames 11 to 1"},
            {"```wirebook hex scenario=handshake\nfrom: first(packet)\n```",
             "chapters/01-bad.md:8: hex cell: ", "expected 'frame: EXPR'"},
        };
        for (String[] c : cases) {
            Path ch = chapters("01-bad.md", "---\norder: 1\ntitle: Bad\n---\n\n# Bad\n\n" + c[0] + "\n");
            SiteBuilder.BuildFailed e = assertThrows(SiteBuilder.BuildFailed.class, () -> build(ch, tmp.resolve("site")), c[0]);
            String problem = e.problems().get(0);
            assertTrue(problem.startsWith(c[1]) && problem.contains(c[2]), c[0] + "\n" + problem);
        }
    }

    @Test
    void aFalseClaimFailsTheBuildWithItsEvidence() throws Exception {
        Path ch = chapters("01-false.md", """
                ---
                order: 1
                title: False
                ---

                # False

                ```wirebook claim scenario=handshake
                accept() sends the SYN/ACK.
                check: first(packet[flags=S.]).cause == "accept"
                ```
                """);
        SiteBuilder.BuildFailed e = assertThrows(SiteBuilder.BuildFailed.class, () -> build(ch, tmp.resolve("site")));
        String report = e.problems().get(0);
        assertTrue(report.startsWith("chapters/01-false.md:9: claim does not hold: accept() sends the SYN/ACK."), report);
        assertTrue(report.contains("chapters/01-false.md:10: FAILS: check: first(packet[flags=S.]).cause == \"accept\""), report);
        assertTrue(report.contains("left \"kernel\", right \"accept\""), report);
        assertTrue(report.contains("frames: #2"), "the evidence: the SYN/ACK's frame\n" + report);
    }

    @Test
    void theBookBuildsEveryClaimHoldsAndEveryLadderHasItsPackets() throws Exception {
        SiteBuilder.Result r = build(Path.of("chapters"), tmp.resolve("site"));
        assertTrue(r.claims() >= 7, "claims checked: " + r.claims());
        assertTrue(r.contradictions().stream().anyMatch(c -> c.seedSays().contains("accept()") && c.holds()),
                "the accept() contradiction is listed and proven");
        String page = Files.readString(tmp.resolve("site/01-handshake.html"));
        // The first figure is the handshake scenario's ladder: one arrow per captured packet (11).
        String first = page.substring(page.indexOf("<figure class=\"wb-cell wb-ladder\""));
        first = first.substring(0, first.indexOf("</figure>"));
        assertEquals(11, first.split("<g class=\"packet ", -1).length - 1);
        assertTrue(Files.exists(tmp.resolve("site/md/01-handshake-c1-handshake.svg")), "the Markdown's figures beside it");
        String contradictions = Files.readString(tmp.resolve("site/contradictions.html"));
        assertTrue(contradictions.contains("href=\"01-handshake.html#01-handshake-c"), contradictions);
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))));
            }
        }
        return m;
    }
}
