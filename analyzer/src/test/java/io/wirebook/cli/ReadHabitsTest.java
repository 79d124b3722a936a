package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a tcpdump user types by habit, against tcpdump itself on the same files: a capture filter after the
 * file (libpcap's own semantics), -r, several files, -w, -n, -x/-X/-A and their doubled forms, -V, and
 * --version.
 */
class ReadHabitsTest {
    @TempDir
    Path tmp;

    private static final List<String> CAPTURES = List.of("third-party/wireshark/http-ooo.pcap",
            "third-party/wireshark/dns+icmp.pcapng", "third-party/tcpdump/afs.pcap", "third-party/tcpdump/dns_tcp.pcap",
            "third-party/wireshark/tcp-badsegments.pcap", "scenarios/handshake.pcapng", "scenarios/udp-unreachable.pcapng",
            "third-party/tcpdump/LINKTYPE_IPV6.pcap");
    private static final List<String> FILTERS = List.of("tcp", "udp", "tcp port 80", "port 53", "icmp or icmp6",
            "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0", "less 100", "ip6", "not tcp", "src host 127.0.0.1 and tcp",
            "udp and greater 200");

    /** One frame as a file holds it: microsecond time, lengths and bytes (tcpdump writes microseconds). */
    private record Rec(long micros, int orig, String bytes) {}

    private static List<Rec> records(Path file, List<Long> numbers) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (FrameSource s = CaptureFiles.open(file.toString())) {
            Frame f = new Frame();
            while (s.next(f)) {
                out.add(new Rec(f.epochSeconds * 1_000_000L + f.nanos / 1000, f.originalLength,
                        java.util.HexFormat.of().formatHex(f.data, f.offset, f.offset + f.capturedLength)));
                if (numbers != null) {
                    numbers.add(f.number);
                }
            }
        }
        return out;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static List<Long> printedFrames(String stdout) {
        List<Long> out = new ArrayList<>();
        for (String l : stdout.split("\n")) {
            Matcher m = Pattern.compile("^ *(\\d+) \\d\\d:\\d\\d:\\d\\d").matcher(l);
            if (m.find()) {
                out.add(Long.parseLong(m.group(1)));
            }
        }
        return out;
    }

    @Test
    void aFilterAfterTheFileSelectsExactlyTheFramesTcpdumpSelects() throws Exception {
        int nonEmpty = 0;
        for (String c : CAPTURES) {
            Path capture = TestCaptures.get(c);
            List<Long> numbers = new ArrayList<>();
            List<Rec> all = records(capture, numbers);
            for (String filter : FILTERS) {
                String at = c + " '" + filter + "'";
                Path theirs = tmp.resolve("theirs.pcap"), ours = tmp.resolve("ours.pcapng");
                java.nio.file.Files.deleteIfExists(theirs);
                run("tcpdump", "-r", capture.toString(), "-w", theirs.toString(), filter);
                // tcpdump refuses a filter that rejects every packet of the file's link type ("ip6" on raw
                // IPv4) and writes nothing: Wirebook selects nothing.
                List<Rec> expected = java.nio.file.Files.exists(theirs) ? records(theirs, null) : List.of();
                CliRunner w = CliRunner.run("read", capture.toString(), filter, "-w", ours.toString());
                assertEquals(0, w.exitCode, at + ": " + w.stderr);
                assertEquals(expected, records(ours, null), at + ": the frames written");
                // The frames printed keep their numbers in the whole file: tcpdump's, matched back in order.
                List<Long> want = new ArrayList<>();
                int i = 0;
                for (Rec r : expected) {
                    while (!all.get(i).equals(r)) {
                        i++;
                    }
                    want.add(numbers.get(i++));
                }
                CliRunner p = CliRunner.run("read", "--no-notes", capture.toString(), filter);
                assertEquals(want, printedFrames(p.stdout), at + ": the frames printed");
                nonEmpty += want.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(nonEmpty > 30, "most filters select something: " + nonEmpty);
    }

    @Test
    void aFilterLibpcapRejectsIsOneLineAndAUsageError() {
        CliRunner r = CliRunner.run("read", TestCaptures.get("third-party/tcpdump/dns_tcp.pcap").toString(), "tcp", "prot", "80");
        assertEquals(1, r.exitCode);
        assertEquals("wirebook: capture filter \"tcp prot 80\": can't parse filter expression: syntax error\n", r.stderr);
        assertEquals("", r.stdout);
    }

    @Test
    void severalFilesAreReadInOrderWithFrameNumbersContinuingAsMergecapWouldJoinThem() throws Exception {
        // Two link types (Ethernet, raw IPv4): mergecap keeps both in pcapng.
        Path a = TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"), b = TestCaptures.get("third-party/wireshark/http-ooo.pcap");
        Path merged = tmp.resolve("merged.pcapng");
        run("mergecap", "-a", "-F", "pcapng", "-w", merged.toString(), a.toString(), b.toString());
        String whole = CliRunner.run("read", merged.toString()).stdout;
        assertEquals(whole, CliRunner.run("read", "-r", a.toString(), "-r", b.toString()).stdout);
        assertEquals(whole, CliRunner.run("read", a.toString(), b.toString()).stdout);
        // A filter after several files; -n and -nn change nothing.
        assertEquals(CliRunner.run("read", merged.toString(), "tcp port 80").stdout,
                CliRunner.run("read", "-nn", a.toString(), b.toString(), "tcp", "port", "80").stdout);
        CliRunner missing = CliRunner.run("read", a.toString(), tmp.resolve("nope.pcap").toString());
        assertEquals(3, missing.exitCode);
        assertEquals("wirebook: " + tmp.resolve("nope.pcap") + ": no such file\n", missing.stderr);
        assertEquals("", missing.stdout, "nothing is printed before every file is open");
    }

    @Test
    void writeKeepsPacketCommentsInPcapng() throws Exception {
        Path capture = TestCaptures.get("scenarios/handshake.pcapng"), out = tmp.resolve("syn.pcapng");
        CliRunner r = CliRunner.run("read", capture.toString(), "tcp[tcpflags] & tcp-syn != 0", "-w", out.toString());
        assertEquals(0, r.exitCode, r.stderr);
        assertEquals("", r.stdout, "-w writes the file instead of printing, as tcpdump -w");
        String want = run("tshark", "-r", capture.toString(), "-Y", "tcp.flags.syn == 1", "-T", "fields", "-e", "frame.comment");
        String got = run("tshark", "-r", out.toString(), "-T", "fields", "-e", "frame.comment");
        assertEquals(want, got);
        assertTrue(got.contains("connect()"), got);
        CliRunner both = CliRunner.run("read", capture.toString(), "-c", "1", "-w", tmp.resolve("one.pcap").toString(), "--print");
        assertEquals(1, both.stdout.lines().count(), both.stdout);
    }

    /** tcpdump's lines under each packet line (every line that is not a packet line), packet by packet. */
    private static List<String> under(String out, Pattern packetLine) {
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = null;
        for (String l : out.split("\n", -1)) {
            if (packetLine.matcher(l).find()) {
                if (cur != null) {
                    blocks.add(cur.toString());
                }
                cur = new StringBuilder();
            } else if (cur != null) {
                cur.append(l).append('\n');
            }
        }
        if (cur != null) {
            blocks.add(cur.toString());
        }
        return blocks;
    }

    @Test
    void hexAndAsciiAreTcpdumpsOwn() throws Exception {
        Pattern tcpdumpLine = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ "), ourLine = Pattern.compile("^ *\\d+ \\d\\d:\\d\\d:\\d\\d");
        for (String c : List.of("third-party/wireshark/http-ooo.pcap", "third-party/tcpdump/afs.pcap",
                "third-party/tcpdump/LINKTYPE_IPV6.pcap", "scenarios/handshake.pcapng")) {
            String capture = TestCaptures.get(c).toString();
            for (String flag : List.of("-x", "-xx", "-X", "-XX", "-A", "-AA")) {
                List<String> want = under(run("env", "TZ=UTC", "tcpdump", "-nn", "-r", capture, flag), tcpdumpLine);
                CliRunner r = CliRunner.run("read", "--no-notes", flag, capture);
                assertEquals(0, r.exitCode, r.stderr);
                List<String> got = under(r.stdout, ourLine);
                assertEquals(want.size(), got.size(), c + " " + flag);
                for (int i = 0; i < want.size(); i++) {
                    assertEquals(want.get(i), got.get(i), c + " " + flag + ", packet " + (i + 1));
                }
            }
        }
    }

    @Test
    void detailsShowEachFieldWithItsOffsets() {
        CliRunner r = CliRunner.run("read", "-V", "-c", "1", TestCaptures.get("third-party/tcpdump/dns_tcp.pcap").toString());
        assertEquals(0, r.exitCode, r.stderr);
        List<String> lines = r.stdout.lines().toList();
        assertTrue(lines.get(0).startsWith("    1 09:21:03.720289 IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [S]"), lines.get(0));
        String tree = String.join("\n", lines.subList(1, lines.size()));
        // The TCP header of an Ethernet + IPv4 frame starts at byte 34; its source port is bytes 34-35.
        assertTrue(tree.lines().anyMatch(l -> l.matches(" +34-35 +Source Port: 33779")), tree);
        assertTrue(tree.lines().anyMatch(l -> l.matches(" +26-29 +Source Address: 192\\.168\\.1\\.11")), tree);
        assertTrue(tree.lines().anyMatch(l -> l.matches(" +14-73 +Internet Protocol Version 4, Src: 192\\.168\\.1\\.11, Dst: 209\\.87\\.249\\.18")), tree);
        assertFalse(r.stdout.contains("wirebook 0."), "-V is the details flag, not --version");
    }

    @Test
    void versionIsItsOwnLongOptionOnEveryCommand() {
        for (String[] args : new String[][] {{"--version"}, {"read", "--version"}, {"conversations", "--version"},
                {"timeline", "--version"}}) {
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.exitCode, Arrays.toString(args));
            assertTrue(r.stdout.startsWith("wirebook "), Arrays.toString(args) + ": " + r.stdout);
        }
    }

    @Test
    void aMistypedCommandGetsTheClosestNameAndAFileGetsRead() {
        CliRunner r = CliRunner.run("raed", "x.pcap");
        assertEquals(1, r.exitCode);
        assertTrue(r.stderr.startsWith("wirebook: 'raed' is not a command; did you mean read?\n"), r.stderr);
        CliRunner c = CliRunner.run("conversatoins");
        assertTrue(c.stderr.startsWith("wirebook: 'conversatoins' is not a command; did you mean conversations?"), c.stderr);
        String file = TestCaptures.get("third-party/tcpdump/dns_tcp.pcap").toString();
        CliRunner f = CliRunner.run(file);
        assertEquals(1, f.exitCode);
        assertEquals("wirebook: '" + file + "' is not a command; to read the capture: wirebook read " + file + "\n", f.stderr);
        CliRunner far = CliRunner.run("xyzzy");
        assertTrue(far.stderr.startsWith("wirebook: 'xyzzy' is not a command\nCommands: read, "), far.stderr);
        CliRunner hostile = CliRunner.run("\u001b[31mred");
        assertFalse(hostile.stderr.contains("\u001b"), "no escape sequence reaches the terminal: " + hostile.stderr);
    }

    @Test
    void helpWrapsAtEightyColumnsAtWordBoundaries() {
        for (String cmd : List.of("read", "conversations", "timeline", "capture", "generate", "bench")) {
            CliRunner r = CliRunner.run(cmd, "--help");
            for (String l : r.stdout.split("\n")) {
                assertTrue(l.length() <= 80, cmd + ": " + l.length() + " columns: " + l);
            }
        }
        // The summaries of the command list are whole sentences (each entry with its continuation lines).
        String top = CliRunner.run("--help").stdout;
        String list = top.substring(top.indexOf("Commands:") + 10, top.indexOf("Exit codes:"));
        List<String> entries = new ArrayList<>();
        for (String l : list.split("\n")) {
            if (l.matches("  [a-z]+ .*")) {
                entries.add(l.strip());
            } else if (!l.isBlank() && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + l.strip());
            }
        }
        assertTrue(entries.size() >= 5, list);
        for (String e : entries) {
            assertTrue(e.endsWith("."), "a whole sentence: " + e);
        }
    }
}
