package io.wirebook.analysis;

import static io.wirebook.TcpCaptureBuilder.ACK;
import static io.wirebook.TcpCaptureBuilder.FIN;
import static io.wirebook.TcpCaptureBuilder.PSH;
import static io.wirebook.TcpCaptureBuilder.RST;
import static io.wirebook.TcpCaptureBuilder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.TcpCaptureBuilder;
import io.wirebook.TestCaptures;
import io.wirebook.cli.CliRunner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wirebook conversations}: against tshark's {@code -z conv,tcp} table for every bundled capture,
 * and Zeek's conn_state and history checked by hand on small connections built here and on bundled ones.
 */
class ConversationsTest {
    @TempDir
    Path tmp;

    static List<JsonNode> conversations(Path capture) throws IOException {
        CliRunner r = CliRunner.run("conversations", "--format", "jsonl", capture.toString());
        assertTrue(r.exitCode == 0 || r.exitCode == 2, r.stderr);
        return StrictJson.lines(r.stdout);
    }

    static JsonNode onlyTcp(Path capture) throws IOException {
        List<JsonNode> tcp = new ArrayList<>();
        for (JsonNode n : conversations(capture)) {
            if ("tcp".equals(n.path("proto").asText())) {
                tcp.add(n);
            }
        }
        assertEquals(1, tcp.size(), "one TCP connection in " + capture);
        return tcp.get(0);
    }

    static Stream<Path> capturesWithConv() {
        return TestCaptures.withTsharkReference().stream().filter(c -> TestCaptures.reference(c, "tshark-conv.txt") != null);
    }

    /** A row of tshark's TCP conversation table: "A:port <-> B:port  F bytes  F bytes  F bytes  start duration". */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+):(\\d+)\\s+<->\\s+(\\S+):(\\d+)\\s+(\\d+) (\\d+) (bytes|kB|MB)\\s+(\\d+) (\\d+) (bytes|kB|MB)\\s+"
                    + "(\\d+) (\\d+) (bytes|kB|MB)\\s+([\\d.]+)\\s+([\\d.]+)\\s*$");

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturesWithConv")
    void tcpConversationsMatchTsharksTable(Path capture) throws IOException {
        String conv = TestCaptures.readReference(TestCaptures.reference(capture, "tshark-conv.txt"));
        String section = conv.substring(conv.indexOf("TCP Conversations"));
        section = section.substring(0, section.indexOf("=====", section.indexOf("|\n")));
        List<String[]> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String[] g = new String[16];
                for (int i = 1; i <= 15; i++) {
                    g[i] = m.group(i);
                }
                rows.add(g);
            }
        }
        List<JsonNode> ours = new ArrayList<>();
        BigDecimal start = null;
        for (JsonNode n : conversations(capture)) {
            if ("tcp".equals(n.path("proto").asText()) && n.path("packets").path("a_to_b").asLong()
                    + n.path("packets").path("b_to_a").asLong() > 0) {
                ours.add(n);
            }
        }
        assertEquals(rows.size(), ours.size(), "TCP conversations in " + capture);
        if (rows.isEmpty() && ours.isEmpty()) {
            return;
        }
        String first = firstFrameTime(capture);
        List<String> diffs = new ArrayList<>();
        for (String[] row : rows) {
            JsonNode match = null;
            for (JsonNode n : ours) {
                if (row[1].equals(n.at("/a/addr").asText()) && row[2].equals(n.at("/a/port").asText())
                        && row[3].equals(n.at("/b/addr").asText()) && row[4].equals(n.at("/b/port").asText())
                        && Long.parseLong(row[8]) == n.at("/packets/a_to_b").asLong()) {
                    match = n;
                    break;
                }
            }
            if (match == null) {
                diffs.add("no conversation of ours for " + String.join(" ", row).replace("null ", ""));
                continue;
            }
            ours.remove(match);
            // "<-" is B to A, "->" is A to B.
            check(diffs, row, "frames b_to_a", row[5], null, match.at("/packets/b_to_a").asLong());
            check(diffs, row, "bytes b_to_a", row[6], row[7], match.at("/bytes/b_to_a").asLong());
            check(diffs, row, "frames a_to_b", row[8], null, match.at("/packets/a_to_b").asLong());
            check(diffs, row, "bytes a_to_b", row[9], row[10], match.at("/bytes/a_to_b").asLong());
            BigDecimal rel = new BigDecimal(match.path("first").asText()).subtract(new BigDecimal(first));
            if (rel.subtract(new BigDecimal(row[14])).abs().compareTo(new BigDecimal("0.000001")) > 0) {
                diffs.add(row[2] + ": relative start ours " + rel + " tshark " + row[14]);
            }
            BigDecimal dur = new BigDecimal(match.path("duration").asText());
            if (dur.subtract(new BigDecimal(row[15])).abs().compareTo(new BigDecimal("0.00006")) > 0) {
                diffs.add(row[2] + ": duration ours " + dur + " tshark " + row[15]);
            }
        }
        assertTrue(diffs.isEmpty(), capture + ":\n  " + String.join("\n  ", diffs));
    }

    private static String firstFrameTime(Path capture) throws IOException {
        String tsv = TestCaptures.readReference(TestCaptures.reference(capture, "tshark-fields.tsv"));
        String row = tsv.split("\n")[1];
        return row.split("\t")[1];
    }

    /** tshark prints bytes exactly below 10 kB, else truncated kB (or MB). */
    private static void check(List<String> diffs, String[] row, String what, String value, String unit, long ours) {
        long expected = Long.parseLong(value);
        long shown = unit == null || unit.equals("bytes") ? ours : unit.equals("kB") ? ours / 1000 : ours / 1_000_000;
        if (shown != expected) {
            diffs.add(row[1] + ":" + row[2] + " <-> " + row[3] + ":" + row[4] + ": " + what + " ours " + ours + " tshark "
                    + value + (unit != null ? " " + unit : ""));
        }
    }

    @Test
    void refusedConnectionIsRejWithHistorySr() throws IOException {
        // The client's SYN to a closed port is answered by RST+ACK (RFC 9293 3.10.7.1).
        Path f = new TcpCaptureBuilder()
                .seg(0, true, SYN, 1000, 0, 0)
                .seg(100, false, RST | ACK, 0, 1001, 0)
                .write(tmp.resolve("refused.pcap"));
        JsonNode c = onlyTcp(f);
        assertEquals("REJ", c.path("conn_state").asText());
        assertEquals("Sr", c.path("history").asText());
        assertEquals("RST from server", c.path("end").asText());
        assertEquals(false, c.path("handshake").asBoolean());
        assertEquals("CLOSED", c.at("/states/client").asText());
    }

    @Test
    void synWithoutAnswerIsS0() throws IOException {
        Path f = new TcpCaptureBuilder()
                .seg(0, true, SYN, 1000, 0, 0)
                .seg(1_000_000, true, SYN, 1000, 0, 0)
                .write(tmp.resolve("s0.pcap"));
        JsonNode c = onlyTcp(f);
        assertEquals("S0", c.path("conn_state").asText());
        assertEquals("S", c.path("history").asText(), "a retransmitted SYN with the same ISN adds no letter");
        assertEquals(1, c.path("retransmissions").asInt());
        assertEquals("SYN_SENT", c.at("/states/client").asText());
    }

    @Test
    void resetAfterDataIsRstoWithTheHistoryOfEachSide() throws IOException {
        Path f = handshake()
                .seg(3000, true, PSH | ACK, 1001, 5001, 10)
                .seg(4000, false, ACK, 5001, 1011, 0)
                .seg(5000, true, RST | ACK, 1011, 5001, 0)
                .write(tmp.resolve("rst.pcap"));
        JsonNode c = onlyTcp(f);
        assertEquals("RSTO", c.path("conn_state").asText());
        assertEquals("ShADaR", c.path("history").asText());
        assertEquals("RST from client", c.path("end").asText());
        assertEquals(true, c.path("handshake").asBoolean());
        assertEquals("0.002000000", c.path("handshake_rtt").asText());
        assertEquals("CLOSED", c.at("/states/client").asText());
        assertEquals("CLOSED", c.at("/states/server").asText());
    }

    @Test
    void halfCloseKeepsTheServerSendingAndIsS2() throws IOException {
        // The client shuts down its sending side; the server goes on sending (RFC 9293 3.6, half-close).
        Path f = handshake()
                .seg(3000, true, FIN | ACK, 1001, 5001, 0)
                .seg(4000, false, ACK, 5001, 1002, 0)
                .seg(5000, false, PSH | ACK, 5001, 1002, 100)
                .seg(6000, true, ACK, 1002, 5101, 0)
                .write(tmp.resolve("half.pcap"));
        JsonNode c = onlyTcp(f);
        assertEquals("S2", c.path("conn_state").asText());
        assertEquals("ShAFad", c.path("history").asText());
        assertEquals("half-closed by client", c.path("end").asText());
        assertEquals("FIN_WAIT_2", c.at("/states/client").asText());
        assertEquals("CLOSE_WAIT", c.at("/states/server").asText());
    }

    @Test
    void simultaneousCloseGoesThroughClosing() throws IOException {
        Path f = handshake()
                .seg(3000, true, FIN | ACK, 1001, 5001, 0)
                .seg(3001, false, FIN | ACK, 5001, 1001, 0)
                .seg(4000, true, ACK, 1002, 5002, 0)
                .seg(4001, false, ACK, 5002, 1002, 0)
                .write(tmp.resolve("simultaneous.pcap"));
        JsonNode c = onlyTcp(f);
        assertEquals("simultaneous close", c.path("end").asText());
        assertEquals("SF", c.path("conn_state").asText());
        assertEquals("TIME_WAIT", c.at("/states/client").asText());
        assertEquals("TIME_WAIT", c.at("/states/server").asText());
        String timeline = CliRunner.run("timeline", f.toString()).stdout;
        assertTrue(timeline.contains("CLOSING"), timeline);
    }

    @Test
    void simultaneousOpenGoesThroughSynReceived() throws IOException {
        Path f = new TcpCaptureBuilder()
                .seg(0, true, SYN, 1000, 0, 0)
                .seg(1, false, SYN, 5000, 0, 0)
                .seg(1000, true, SYN | ACK, 1000, 5001, 0)
                .seg(1001, false, SYN | ACK, 5000, 1001, 0)
                .write(tmp.resolve("simopen.pcap"));
        CliRunner r = CliRunner.run("read", "--format", "jsonl", f.toString());
        String[] lines = r.stdout.split("\n");
        assertTrue(lines[1].contains("\"states\":{\"client\":\"SYN_RECEIVED\",\"server\":\"SYN_RECEIVED\"}"), lines[1]);
        assertTrue(lines[3].contains("\"client\":\"ESTABLISHED\""), lines[3]);
    }

    @Test
    void kernelCaptureClosesWithAThreeWayFin() throws IOException {
        JsonNode c = onlyTcp(TestCaptures.get("kernel/sll2_any.pcap"));
        assertEquals("three-way FIN", c.path("end").asText());
        assertEquals("SF", c.path("conn_state").asText());
        assertEquals("ShADadFf", c.path("history").asText());
        assertEquals(true, c.path("handshake").asBoolean());
        assertEquals("0.000037000", c.path("handshake_rtt").asText());
        assertEquals("TIME_WAIT", c.at("/states/client").asText());
        assertEquals("CLOSED", c.at("/states/server").asText());
    }

    @Test
    void whoisServerClosesFirst() throws IOException {
        JsonNode c = onlyTcp(TestCaptures.get("third-party/tcpdump/whois.pcap"));
        assertEquals("SF", c.path("conn_state").asText());
        assertEquals("ShADadfF", c.path("history").asText());
        assertEquals("10.0.2.15", c.at("/a/addr").asText());
        assertEquals(43, c.at("/b/port").asInt());
    }

    @Test
    void dnsOverTcpClosesFourWay() throws IOException {
        JsonNode c = onlyTcp(TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"));
        assertEquals("four-way FIN", c.path("end").asText());
        assertEquals("SF", c.path("conn_state").asText());
        assertEquals("ShADadFf", c.path("history").asText());
    }

    private static TcpCaptureBuilder handshake() {
        return new TcpCaptureBuilder()
                .seg(0, true, SYN, 1000, 0, 0)
                .seg(1000, false, SYN | ACK, 5000, 1001, 0)
                .seg(2000, true, ACK, 1001, 5001, 0);
    }
}
