package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.oracle.Tshark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wirebook follow} against tshark 4.0's {@code -q -z follow,tcp,MODE,N}, run live on real captures
 * (tcpdump's and Wireshark's test captures, a loopback recording) and on a generated capture full of
 * retransmissions and reordering. The outputs must be the same bytes, except where Wirebook differs by
 * design (its help says so), which {@link #asWirebookPrintsIt} applies to tshark's output:
 * <ul>
 * <li>a hole: tshark's chunk {@code [N bytes missing in capture file]} and its NUL become the line
 *     {@code [N bytes missing in capture]} (in ascii and raw; in hex the offsets differ too, see
 *     {@link #hexWithHolesShowsTheBytesAtTheirStreamOffsets});
 * <li>in ascii, a carriage return not followed by a line feed is {@code .} (tshark prints it, and it
 *     moves the terminal's cursor).
 * </ul>
 */
class FollowCommandTest {
    private static final Pattern TSHARK_HOLE = Pattern.compile("(\t?)\\d+\n\\[(\\d+) bytes missing in capture file\\]\\.\n");
    private static final Pattern RAW_LINE = Pattern.compile("(?m)^(\t?)([0-9a-f]+)$");
    private static final Pattern OUR_HOLE = Pattern.compile("(?m)^\t?\\[(\\d+) bytes? missing in capture\\]$");

    @TempDir
    static Path shared;
    /** A generated capture (full payloads) with many retransmissions and reorderings, and its labels. */
    private static Path generated;
    private static Path labels;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() {
        generated = shared.resolve("anomalies.pcap");
        labels = shared.resolve("anomalies.labels");
        CliRunner g = CliRunner.run("generate", "-n", "20000", "--anomaly-rate", "0.2", "-o", generated.toString(),
                "--labels", labels.toString());
        assertEquals(ExitCodes.OK, g.exitCode, g.stderr);
    }

    static Stream<Arguments> streams() {
        List<Arguments> a = new ArrayList<>();
        Object[][] chosen = {
                {"third-party/tcpdump/whois.pcap", 0},               // a short exchange, one chunk each way
                {"third-party/tcpdump/dns_tcp.pcap", 0},             // binary, a lone carriage return
                {"third-party/tcpdump/resp_1_benchmark.pcap", 0},    // many small segments, Linux cooked
                {"third-party/wireshark/http-ooo.pcap", 0},          // out of order, overlapping, sent twice
                {"third-party/wireshark/tcp-badsegments.pcap", 0},   // overlaps, retransmissions, acked holes
                {"third-party/wireshark/http2-data-reassembly.pcap", 0},
                {"third-party/wireshark/tls12-chacha20poly1305.pcap", 2},
                {"third-party/wireshark/tls-fragmented-handshakes.pcap", 1},
                {"third-party/tcpdump/bgp-role.pcapng", 0},          // pcapng, a hole
                {"scenarios/bulk.pcapng", 0},                        // loopback, large segments
        };
        for (Object[] c : chosen) {
            for (String mode : new String[] {"ascii", "hex", "raw"}) {
                a.add(Arguments.of(c[0], c[1], mode));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} stream {1} {2}")
    @MethodSource("streams")
    void printsWhatTsharkPrints(String capture, int stream, String mode) {
        Path f = TestCaptures.get(capture);
        String tshark = Tshark.follow(f, mode, stream);
        CliRunner r = CliRunner.run("follow", "-s", Integer.toString(stream), "--format", mode, f.toString());
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        if (mode.equals("hex") && TSHARK_HOLE.matcher(Tshark.follow(f, "ascii", stream)).find()) {
            hexWithHolesShowsTheBytesAtTheirStreamOffsets(f, stream, r.stdout);
        } else {
            assertEquals(asWirebookPrintsIt(tshark, mode), r.stdout);
        }
    }

    /** Streams of the generated capture that hold a retransmission, and some that hold a segment out of order. */
    static Stream<Arguments> generatedStreams() throws IOException {
        List<Arguments> a = new ArrayList<>();
        for (String label : new String[] {"retransmission", "out_of_order"}) {
            List<String> frames = new ArrayList<>();
            for (String l : Files.readAllLines(labels)) {
                String[] w = l.split(" ");
                if (w[1].equals(label) && frames.size() < 20) {
                    frames.add(w[0]);
                }
            }
            Set<Integer> streams = new LinkedHashSet<>();
            for (String[] row : Tshark.fields(generated, "frame.number in {" + String.join(",", frames) + "}", "tcp.stream")) {
                streams.add(Integer.parseInt(row[0]));
            }
            for (int s : streams.stream().limit(2).toList()) {
                for (String mode : new String[] {"ascii", "hex", "raw"}) {
                    a.add(Arguments.of(label, s, mode));
                }
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "generated, {0} in stream {1}, {2}")
    @MethodSource("generatedStreams")
    void retransmittedAndReorderedSegmentsComeOutInSequenceAsTsharkPutsThem(String label, int stream, String mode) {
        CliRunner r = CliRunner.run("follow", "-s", Integer.toString(stream), "-F", mode, generated.toString());
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        assertEquals(asWirebookPrintsIt(Tshark.follow(generated, mode, stream), mode), r.stdout);
        if (label.equals("retransmission")) {
            assertTrue(r.stderr.contains(" retransmitted (left out)"), "the summary counts what came twice: " + r.stderr);
        }
        assertTrue(!r.stderr.contains("missing"), "nothing is missing from a capture with whole payloads: " + r.stderr);
    }

    @Test
    void outFilesHoldEachDirectionsBytesAsTsharksRawModeDecoded() throws IOException {
        Path f = TestCaptures.get("third-party/wireshark/tls12-chacha20poly1305.pcap");
        Path dir = tmp.resolve("new/streams");
        CliRunner r = CliRunner.run("follow", "-s", "1", "--out", dir.toString(), f.toString());
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        byte[][] want = rawBytes(Tshark.follow(f, "raw", 1));
        byte[] client = Files.readAllBytes(dir.resolve("stream-1-client.bin"));
        byte[] server = Files.readAllBytes(dir.resolve("stream-1-server.bin"));
        assertArrayEquals(want[0], client);
        assertArrayEquals(want[1], server);
        String[] err = r.stderr.split("\n");
        assertEquals("client 10.42.0.1:41834: " + client.length + " bytes; written to " + dir.resolve("stream-1-client.bin"),
                err[0]);
        assertTrue(err[1].startsWith("server 10.42.0.243:443: " + server.length + " bytes"), err[1]);
    }

    @Test
    void aSegmentMissingFromTheCaptureIsAGapLineInItsPlace() throws IOException {
        // tls12 stream 0: the server sends three segments (frames 6, 7, 8); without frame 6, 7 and 8 wait
        // until the client's ACK (frame 9, now 8) shows that the bytes before them arrived.
        Path full = TestCaptures.get("third-party/wireshark/tls12-chacha20poly1305.pcap");
        int lost = Integer.parseInt(Tshark.fields(full, "frame.number == 6", "tcp.len").get(0)[0]);
        Path cut = tmp.resolve("cut.pcap");
        Tshark.editcap(full.toString(), cut.toString(), "6");
        for (String mode : new String[] {"ascii", "raw"}) {
            CliRunner r = CliRunner.run("follow", "-F", mode, cut.toString());
            assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
            assertTrue(r.stdout.contains("\n\t[" + lost + " bytes missing in capture]\n"), r.stdout);
            assertEquals(asWirebookPrintsIt(Tshark.follow(cut, mode, 0), mode), r.stdout);
            assertTrue(r.stderr.contains(", " + lost + " missing in 1 hole"), r.stderr);
        }
        // --out leaves the hole out: the server's file is tshark's bytes without its placeholder chunk.
        Path dir = tmp.resolve("out");
        CliRunner r = CliRunner.run("follow", "--out", dir.toString(), cut.toString());
        assertArrayEquals(rawBytes(Tshark.follow(cut, "raw", 0))[1], Files.readAllBytes(dir.resolve("stream-0-server.bin")));
        assertTrue(r.stderr.contains("written to " + dir.resolve("stream-0-server.bin") + " without the missing bytes"),
                r.stderr);
    }

    @Test
    void outputsThatCannotBeWrittenAreOneLineAndExitFiveAClosedPipeIsQuiet() throws Exception {
        String whois = TestCaptures.get("third-party/tcpdump/whois.pcap").toString();
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        CliRunner notDir = CliRunner.run("follow", "--out", file.toString(), whois);
        assertEquals(ExitCodes.CANNOT_WRITE, notDir.exitCode);
        assertEquals("wirebook: " + file + ": cannot create: Not a directory\n", notDir.stderr);
        CliProcess full = CliProcess.toFile(Path.of("/dev/full"), "follow", whois);
        assertEquals(ExitCodes.CANNOT_WRITE, full.exitCode);
        assertEquals("wirebook: standard output: write error: No space left on device\n", full.stderr);
        // 5 MB of hex; the reader stops after 1000 bytes: no error, and no summary either.
        String bulk = TestCaptures.get("scenarios/bulk.pcapng").toString();
        CliProcess pipe = CliProcess.closingPipeAfter(1000, "follow", "-F", "hex", bulk);
        assertEquals(ExitCodes.OK, pipe.exitCode);
        assertEquals("", pipe.stderr);
        assertArrayEquals(java.util.Arrays.copyOf(Tshark.follow(TestCaptures.get("scenarios/bulk.pcapng"), "hex", 0)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 1000), pipe.stdout);
    }

    @Test
    void aLoneCarriageReturnIsADotAndTheRestOfTheBytesAsTsharkShowsThem() {
        // dns_tcp's answer holds a 0x0d byte before a byte other than 0x0a.
        Path f = TestCaptures.get("third-party/tcpdump/dns_tcp.pcap");
        String tshark = Tshark.follow(f, "ascii", 0);
        assertTrue(Pattern.compile("\r(?!\n)").matcher(tshark).find(), "the capture still has a lone CR");
        String ours = CliRunner.run("follow", f.toString()).stdout;
        assertTrue(ours.chars().allMatch(c -> c == '\n' || c == '\t' || c == '\r' || c >= 0x20 && c < 0x7F), ours);
        assertEquals(tshark.replaceAll("\r(?!\n)", "."), ours);
    }

    @Test
    void aStreamThatIsNotThereIsOneLineNamingTheStreamsThatAre() {
        Path whois = TestCaptures.get("third-party/tcpdump/whois.pcap");
        String[] first = Tshark.fields(whois, "frame.number == 1", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport").get(0);
        for (String command : new String[] {"follow", "timeline"}) {
            CliRunner r = CliRunner.run(command, "-s", "9", whois.toString());
            assertEquals(ExitCodes.USAGE, r.exitCode);
            assertEquals("", r.stdout);
            assertEquals("wirebook: no TCP stream 9 in " + whois + ": it has stream 0 (0: " + first[0] + ":" + first[1]
                    + " > " + first[2] + ":" + first[3] + ")\n", r.stderr);
        }
        Path many = TestCaptures.get("third-party/wireshark/tls-fragmented-handshakes.pcap");
        int last = Tshark.fields(many, null, "tcp.stream").stream().mapToInt(row -> Integer.parseInt(row[0])).max().orElseThrow();
        CliRunner r = CliRunner.run("follow", "-s", "500", many.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode);
        assertEquals(1, r.stderr.lines().count(), r.stderr);
        assertTrue(r.stderr.startsWith("wirebook: no TCP stream 500 in " + many + ": it has streams 0-" + last + " (0: "),
                r.stderr);
        assertTrue(r.stderr.endsWith(", ...; wirebook follow --list " + many + " shows them all)\n"), r.stderr);
        CliRunner udp = CliRunner.run("timeline", TestCaptures.get("third-party/tcpdump/dns_udp.pcap").toString());
        assertEquals(ExitCodes.USAGE, udp.exitCode);
        assertTrue(udp.stderr.endsWith(": it has no TCP stream\n"), udp.stderr);
        assertEquals(ExitCodes.USAGE, CliRunner.run("follow", "-s", "-1", whois.toString()).exitCode);
        assertEquals(ExitCodes.USAGE, CliRunner.run("follow", "-F", "ebcdic", whois.toString()).exitCode);
    }

    @Test
    void listHasOneLinePerStreamWithTsharksCountsAndTimes() {
        Path f = TestCaptures.get("third-party/wireshark/tls-fragmented-handshakes.pcap");
        List<String[]> frames = Tshark.fields(f, "tcp", "tcp.stream", "frame.time_relative", "ip.src", "tcp.srcport",
                "ip.dst", "tcp.dstport", "tcp.flags.syn", "tcp.flags.ack");
        int streams = frames.stream().mapToInt(row -> Integer.parseInt(row[0])).max().orElseThrow() + 1;
        List<String> want = new ArrayList<>();
        want.add(String.format("%6s  %-29s %-29s %8s %12s %12s", "stream", "client", "server", "packets", "first", "last"));
        for (int s = 0; s < streams; s++) {
            int n = s;
            List<String[]> of = frames.stream().filter(row -> Integer.parseInt(row[0]) == n).toList();
            String[] opener = of.get(0);
            // The client sent the SYN, or else spoke first; none of these streams starts with a SYN/ACK.
            assertTrue(opener[6].equals("0") || opener[7].equals("0"), String.join(" ", opener));
            want.add(String.format("%6d  %-29s %-29s %8d %12s %12s", s, opener[2] + ":" + opener[3],
                    opener[4] + ":" + opener[5], of.size(), micros(opener[1]), micros(of.get(of.size() - 1)[1])));
        }
        for (String command : new String[] {"follow", "timeline"}) {
            CliRunner r = CliRunner.run(command, "--list", f.toString());
            assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
            assertEquals(want, r.stdout.lines().toList());
        }
    }

    /** tshark's frame.time_relative ("0.011539000") as the list writes it, 6 digits. */
    private static String micros(String relative) {
        return relative.substring(0, relative.indexOf('.') + 7);
    }

    /**
     * Where the stream has holes, the hex dump shows every byte tshark's raw mode shows (its placeholders
     * aside), each line at the direction's stream offset, which counts the missing bytes and not the
     * placeholder's text; and there is a hole line for each placeholder of tshark's.
     */
    private static void hexWithHolesShowsTheBytesAtTheirStreamOffsets(Path f, int stream, String hex) {
        String raw = Tshark.follow(f, "raw", stream);
        byte[][] want = rawBytes(raw);
        ByteArrayOutputStream[] got = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        long[] offset = new long[2];
        Pattern line = Pattern.compile("\t?[0-9A-F]{8}  .*");
        int holes = 0;
        for (String l : hex.split("\n")) {
            Matcher hole = OUR_HOLE.matcher(l);
            if (hole.matches()) {
                offset[l.startsWith("\t") ? 1 : 0] += Long.parseLong(hole.group(1));
                holes++;
                continue;
            }
            if (!line.matcher(l).matches()) {
                continue; // the header and the separators
            }
            int side = l.startsWith("\t") ? 1 : 0;
            String row = l.substring(side);
            assertEquals(offset[side], Long.parseLong(row.substring(0, 8), 16), l);
            // tshark's columns: the offset, 2 spaces, 16 bytes in hex (a space after the 8th), 2 spaces, text
            byte[] bytes = HexFormat.of().parseHex(row.substring(10, Math.min(row.length(), 58)).replace(" ", ""));
            got[side].writeBytes(bytes);
            offset[side] += bytes.length;
        }
        assertArrayEquals(want[0], got[0].toByteArray());
        assertArrayEquals(want[1], got[1].toByteArray());
        assertEquals(TSHARK_HOLE.matcher(Tshark.follow(f, "ascii", stream)).results().count(), holes);
    }

    /** tshark's output with Wirebook's designed differences applied (see the class comment). */
    static String asWirebookPrintsIt(String tshark, String mode) {
        if (mode.equals("ascii")) {
            return TSHARK_HOLE.matcher(tshark.replaceAll("\r(?!\n)", "."))
                    .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + hole(m.group(2)) + "\n"));
        }
        if (mode.equals("raw")) {
            return RAW_LINE.matcher(tshark).replaceAll(m -> {
                String text = new String(HexFormat.of().parseHex(m.group(2)), java.nio.charset.StandardCharsets.ISO_8859_1);
                Matcher h = Pattern.compile("\\[(\\d+) bytes missing in capture file\\]\0").matcher(text);
                return Matcher.quoteReplacement(h.matches() ? m.group(1) + hole(h.group(1)) : m.group());
            });
        }
        return tshark;
    }

    private static String hole(String n) {
        return "[" + n + (n.equals("1") ? " byte" : " bytes") + " missing in capture]";
    }

    /** tshark's raw mode decoded: the client's bytes and the server's (tab-marked lines), placeholders left out. */
    static byte[][] rawBytes(String raw) {
        ByteArrayOutputStream[] sides = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        Matcher m = RAW_LINE.matcher(raw);
        while (m.find()) {
            byte[] b = HexFormat.of().parseHex(m.group(2));
            String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!text.matches("\\[\\d+ bytes missing in capture file\\]\0")) {
                sides[m.group(1).isEmpty() ? 0 : 1].writeBytes(b);
            }
        }
        return new byte[][] {sides[0].toByteArray(), sides[1].toByteArray()};
    }
}
