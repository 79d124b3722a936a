package io.wirebook.tutorial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.cli.GenerateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wirebook report} as a user runs it, checked against tshark run on the same file: which connections
 * get a page, the findings counted by kind, the frames each page lists, and every connection and flow in
 * the tables; then the exit codes and lines for a damaged, missing or unwritable case.
 */
class ReportCommandTest {
    static final Path THIRD_PARTY = Path.of("../captures/third-party").toAbsolutePath();
    /** The kinds a page is chosen by: every finding but the window update, as tshark's field names. */
    static final List<String> KINDS = new ArrayList<>();
    static Path generated;

    static {
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            if (1 << i != AnalysisFlags.WINDOW_UPDATE) {
                KINDS.add(AnalysisFlags.name(i));
            }
        }
    }

    record Run(int code, String stderr, Path dir) {
        String page(String name) throws IOException {
            return Files.readString(dir.resolve(name));
        }
    }

    static Run report(Path dir, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReportCommand cmd = new ReportCommand();
        cmd.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<String> a = new ArrayList<>(List.of(args));
        a.add("-o");
        a.add(dir.toString());
        int code = new CommandLine(cmd).execute(a.toArray(String[]::new));
        return new Run(code, err.toString(StandardCharsets.UTF_8), dir);
    }

    @BeforeAll
    static void generate() throws IOException {
        Path dir = Path.of("target/report-test").toAbsolutePath();
        Files.createDirectories(dir);
        generated = dir.resolve("gen.pcap");
        int code = new CommandLine(new GenerateCommand()).execute("-n", "6000", "--seed", "7", "--anomaly-rate", "0.05",
                "-o", generated.toString());
        assertEquals(0, code, "wirebook generate");
    }

    /** tshark's fields, one array per frame. */
    static List<String[]> tshark(Path file, String filter, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields", "-E", "occurrence=f"));
        if (filter != null) {
            cmd.addAll(List.of("-Y", filter));
        }
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> out = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                out.add(line.split("\t", -1));
            }
        }
        assertEquals(0, p.waitFor(), "tshark " + cmd);
        return out;
    }

    static final Pattern ROW_LINK = Pattern.compile("<tr id=\"s(\\d+)\"><td>(?:<a href=\"tcp-(\\d+)\\.html\">)?\\d+");

    @Test
    void thePagesAreTheConnectionsWithTheMostFindingsAsTsharkCountsThem(@TempDir Path dir) throws Exception {
        Run r = report(dir, "--max-pages", "5", generated.toString());
        assertEquals(0, r.code(), r.stderr());
        // tshark: per stream, one finding per analysis field set on a frame (window updates aside).
        List<String> fields = new ArrayList<>(List.of("tcp.stream"));
        KINDS.forEach(k -> fields.add("tcp.analysis." + k));
        fields.add("tcp.analysis.window_update");
        Map<Integer, Integer> perStream = new HashMap<>();
        long[] perKind = new long[fields.size()];
        for (String[] f : tshark(generated, "tcp", fields.toArray(String[]::new))) {
            int stream = Integer.parseInt(f[0]);
            perStream.putIfAbsent(stream, 0);
            for (int i = 1; i < f.length; i++) {
                if (!f[i].isEmpty()) {
                    perKind[i]++;
                    if (i < f.length - 1) {
                        perStream.merge(stream, 1, Integer::sum);
                    }
                }
            }
        }
        List<Integer> expected = perStream.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Integer, Integer> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(5).map(Map.Entry::getKey).toList();
        assertTrue(perStream.get(expected.get(4)) > 0, "the test capture has five connections with findings");

        String index = r.page("index.html");
        Matcher m = Pattern.compile("<tr><td><a href=\"tcp-(\\d+)\\.html\">").matcher(index);
        List<Integer> listed = new ArrayList<>();
        while (m.find()) {
            listed.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(expected, listed, "the summary lists the pages best first");
        for (int s : expected) {
            assertTrue(Files.exists(dir.resolve("tcp-" + s + ".html")), "page of stream " + s);
            assertTrue(Files.exists(dir.resolve("md/tcp-" + s + ".md")) && Files.exists(dir.resolve("md/tcp-" + s + ".svg")));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(5, s.filter(p -> p.getFileName().toString().matches("tcp-\\d+\\.html")).count());
        }
        // The totals by kind, as tshark counts frames with each field.
        for (int i = 1; i < fields.size(); i++) {
            String name = fields.get(i);
            String row = "<td>" + name + "</td><td>" + String.format("%,d", perKind[i]) + "</td>";
            assertEquals(perKind[i] > 0, index.contains(row), name + ": " + perKind[i] + " frames");
        }
        // Every TCP connection in the table, in stream order, the paged ones linked.
        String table = r.page("conversations.html");
        Matcher rows = ROW_LINK.matcher(table);
        List<Integer> streams = new ArrayList<>();
        TreeSet<Integer> linked = new TreeSet<>();
        while (rows.find()) {
            streams.add(Integer.parseInt(rows.group(1)));
            if (rows.group(2) != null) {
                linked.add(Integer.parseInt(rows.group(2)));
            }
        }
        assertEquals(new ArrayList<>(new TreeSet<>(perStream.keySet())), streams);
        assertEquals(new TreeSet<>(expected), linked);
        assertTrue(index.contains(String.format("in %,d connections", perStream.size())), "the summary counts them");
    }

    @Test
    void everyUdpFlowIsInItsTableAndTheIcmpErrorsAreOnTheSummary(@TempDir Path dir) throws Exception {
        Path file = THIRD_PARTY.resolve("tcpdump/afs.pcap");
        Run r = report(dir, file.toString());
        assertEquals(0, r.code(), r.stderr());
        // tshark's UDP conversations, as address:port pairs in either order.
        List<String[]> udp = tshark(file, "udp && !icmp", "ip.src", "udp.srcport", "ip.dst", "udp.dstport");
        TreeSet<String> pairs = new TreeSet<>();
        for (String[] f : udp) {
            String a = f[0] + ":" + f[1], b = f[2] + ":" + f[3];
            pairs.add(a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
        }
        String table = r.page("udp.html");
        Matcher m = Pattern.compile("<tr id=\"u\\d+\"><td>\\d+</td><td>([^<]+)</td><td>([^<]+)</td>").matcher(table);
        TreeSet<String> shown = new TreeSet<>();
        while (m.find()) {
            String a = m.group(1), b = m.group(2);
            shown.add(a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
        }
        assertEquals(pairs, shown);
        // The ICMP errors tshark sees: each one the summary names is one of them, and the counts add up.
        TreeSet<Long> icmp = new TreeSet<>();
        for (String[] f : tshark(file, "icmp.type == 3", "frame.number")) {
            icmp.add(Long.parseLong(f[0]));
        }
        assertEquals(25, icmp.size(), "afs.pcap has 25 port unreachables");
        String index = r.page("index.html");
        String section = index.substring(index.indexOf("id=\"udp-errors\""));
        Matcher cell = Pattern.compile("<td>(frame [^<]+)</td></tr>").matcher(section);
        long total = 0;
        while (cell.find()) {
            String errors = cell.group(1);
            Matcher all = Pattern.compile("\\((\\d+) in all\\)").matcher(errors);
            Matcher frame = Pattern.compile("frame (\\d+) destination unreachable \\(port unreachable\\)").matcher(errors);
            long listed = 0;
            while (frame.find()) {
                assertTrue(icmp.contains(Long.parseLong(frame.group(1))), "frame " + frame.group(1) + " is an ICMP error");
                listed++;
            }
            total += all.find() ? Long.parseLong(all.group(1)) : listed;
        }
        assertEquals(icmp.size(), total, "every ICMP error counted on its flow");
        assertTrue(index.contains("4 flows drew an ICMP error"), "the sentence counts the flows");
    }

    @Test
    void aConnectionPageListsTheFramesTsharkFlagsAndDrawsEveryPacket(@TempDir Path dir) throws Exception {
        Path file = THIRD_PARTY.resolve("wireshark/http-ooo.pcap");
        Run r = report(dir, file.toString());
        assertEquals(0, r.code(), r.stderr());
        List<String> flagged = tshark(file, "tcp.analysis.flags && tcp.stream == 0", "frame.number").stream().map(f -> f[0]).toList();
        List<String> all = tshark(file, "tcp.stream == 0", "frame.number").stream().map(f -> f[0]).toList();
        String page = r.page("tcp-0.html");
        String findings = page.substring(page.indexOf("id=\"findings\""), page.indexOf("id=\"ladder\""));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td><a href=\"#f(\\d+)\">").matcher(findings);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertEquals(flagged, listed, "the findings are the frames tshark flags");
        String packets = page.substring(page.indexOf("id=\"packets\""));
        List<String> rows = new ArrayList<>();
        Matcher p = Pattern.compile("<tr id=\"f(\\d+)\">").matcher(packets);
        while (p.find()) {
            rows.add(p.group(1));
        }
        assertEquals(all, rows, "every packet of the connection in the table");
        String ladder = page.substring(page.indexOf("id=\"ladder\""), page.indexOf("id=\"packets\""));
        assertEquals(all.size(), count(ladder, "<g class=\"packet"), "an arrow per packet");
        assertTrue(page.contains("TCP Out-Of-Order"), "the out-of-order segments named as tshark tags them");
        String md = Files.readString(dir.resolve("md/tcp-0.md"));
        assertTrue(md.contains("![") && md.contains("](tcp-0.svg)"), "the Markdown shows the ladder from its file");
        assertEquals(Files.readString(dir.resolve("md/tcp-0.svg")).strip(), ladder.substring(ladder.indexOf("<svg"), ladder.indexOf("</svg>") + 6));
    }

    @Test
    void limitsCutTheLadderAndTheTableAndSaySo(@TempDir Path dir) throws Exception {
        Run r = report(dir, "--ladder-packets", "4", "--page-packets", "6", THIRD_PARTY.resolve("wireshark/http-ooo.pcap").toString());
        assertEquals(0, r.code(), r.stderr());
        String page = r.page("tcp-0.html");
        String ladder = page.substring(page.indexOf("id=\"ladder\""), page.indexOf("id=\"packets\""));
        assertEquals(4, count(ladder, "<g class=\"packet"));
        assertTrue(ladder.contains("The first 4 of its 16 packets"), ladder);
        assertEquals(6, count(page.substring(page.indexOf("id=\"packets\"")), "<tr id=\"f"));
        assertTrue(page.contains("The first 6 of 16 packets (--page-packets)"));
    }

    @Test
    void aDamagedCaptureIsReportedUpToTheDamageWithExitTwo(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(THIRD_PARTY.resolve("wireshark/http-ooo.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 30)); // the last record loses its end
        Run r = report(dir.resolve("out"), cut.toString());
        assertEquals(2, r.code(), r.stderr());
        String[] lines = r.stderr().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("wirebook: " + cut + ": record 16 at byte offset "), last);
        String index = r.page("index.html");
        assertTrue(index.contains("The capture is damaged: " + cut + ": record 16"), "the summary says so");
        assertTrue(index.contains("covers the 15 packets read before the damage"));
        assertTrue(Files.exists(dir.resolve("out/tcp-0.html")), "what was read still has its page");
    }

    @Test
    void aMissingFileStandardInputAndAnUnwritableDirectoryEachGetOneLineAndTheirCode(@TempDir Path dir) throws Exception {
        Run missing = report(dir.resolve("a"), dir.resolve("nope.pcap").toString());
        assertEquals(3, missing.code());
        assertEquals("wirebook: " + dir.resolve("nope.pcap") + ": no such file\n", missing.stderr());
        Run escaped = report(dir.resolve("a"), dir.resolve("x\u001b]2;owned\u0007.pcap").toString());
        assertEquals(3, escaped.code());
        assertEquals("wirebook: " + dir + "/x\\x1b]2;owned\\x07.pcap: no such file\n", escaped.stderr(),
                "the name's escape sequence is shown, not sent to the terminal");
        assertFalse(Files.exists(dir.resolve("a")), "nothing written");
        Run stdin = report(dir.resolve("b"), "-");
        assertEquals(1, stdin.code());
        assertTrue(stdin.stderr().contains("needs a file, not standard input"), stdin.stderr());
        Path file = dir.resolve("plain");
        Files.writeString(file, "not a directory");
        Run blocked = report(file.resolve("report"), THIRD_PARTY.resolve("wireshark/http-ooo.pcap").toString());
        assertEquals(5, blocked.code(), blocked.stderr());
        assertTrue(blocked.stderr().startsWith("wirebook: report: cannot write " + file.resolve("report")), blocked.stderr());
        assertEquals(1, blocked.stderr().split("\n").length, blocked.stderr());
    }

    @Test
    void aHostileFileNameIsEscapedEverywhere(@TempDir Path dir) throws Exception {
        Path evil = dir.resolve("<img src=x onerror=alert(1)>|`[x](javascript:alert(2))`.pcap");
        Files.copy(THIRD_PARTY.resolve("wireshark/http-ooo.pcap"), evil);
        Run r = report(dir.resolve("out"), "-q", evil.toString());
        assertEquals(0, r.code(), r.stderr());
        assertEquals("", r.stderr(), "-q: nothing on standard error");
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String s = Files.readString(p);
                assertFalse(s.contains("<img"), p + " holds the raw name");
                if (p.toString().endsWith(".md")) {
                    assertFalse(s.contains("[x](javascript"), p + ": a live Markdown link");
                }
            }
        }
        assertTrue(r.page("index.html").contains("&lt;img src=x onerror=alert(1)&gt;"), "the name shown, as text");
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
