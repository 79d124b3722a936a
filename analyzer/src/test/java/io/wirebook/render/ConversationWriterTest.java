package io.wirebook.render;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.FIN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.RST;
import static io.wirebook.pipeline.Segments.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wirebook.capture.Frame;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.Segments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wirebook conversations}: a row per TCP connection and per UDP flow, as a table or JSON Lines.
 * Packets and bytes are whole frames each way, as {@code tshark -q -z conv,tcp} counts them (checked on the
 * same frames); states are RFC 9293's, {@code conn_state} and {@code history} Zeek's.
 */
class ConversationWriterTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final String ETH = "000000000002 000000000001 0800";
    private static final long C = 1000, S = 9000;
    private final Segments s = new Segments(41000);

    /** Every connection and flow of the frames, summarised by the pipeline and written as they end. */
    private static String conversations(boolean jsonl, List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frame first = frames.get(0);
        ConversationWriter w = new ConversationWriter(out, jsonl, first.epochSeconds * 1_000_000_000L + first.nanos);
        PacketPipeline p = PacketPipeline.summarising(EvictionPolicy.never(), c -> {
            try {
                w.tcp(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, f -> {
            try {
                w.udp(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (Frame f : frames) {
            p.next(f);
        }
        p.finish();
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> objects(String jsonl) throws IOException {
        assertTrue(jsonl.endsWith("}\n"), "every object ends its line, the last one too");
        assertFalse(jsonl.contains("\n\n"));
        List<JsonNode> out = new ArrayList<>();
        for (String line : jsonl.lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static JsonNode json(String apostrophes) throws IOException {
        return JSON.readTree(apostrophes.replace('\'', '"'));
    }

    /** Client port 41000: handshake, then a four-way close, 10 µs between frames. */
    private List<Frame> fourWay(Segments a, long t) {
        return List.of(
                a.client(t, SYN, C, 0, 0, 1000),                      // [S] seq 0
                a.server(t + 10, SYN | ACK, S, C + 1, 0, 1000),       // [S.] seq 0, ack 1
                a.client(t + 20, ACK, C + 1, S + 1, 0, 1000),         // [.] ack 1
                a.client(t + 30, FIN | ACK, C + 1, S + 1, 0, 1000),   // [F.] seq 1, ack 1
                a.server(t + 40, ACK, S + 1, C + 2, 0, 1000),         // [.] ack 2
                a.server(t + 50, FIN | ACK, S + 1, C + 2, 0, 1000),   // [F.] seq 1, ack 2
                a.client(t + 60, ACK, C + 2, S + 2, 0, 1000));        // [.] ack 2
    }

    /** Seven connections, each ending another way (client ports 41000-41006, 100 µs apart). */
    private List<Frame> everyEnd() {
        Segments refused = s.port(41001), clientRst = s.port(41002), serverRst = s.port(41003), half = s.port(41004),
                open = s.port(41005), unanswered = s.port(41006);
        List<Frame> f = new ArrayList<>(fourWay(s, 0));
        f.add(refused.client(100, SYN, C, 0, 0, 1000));
        f.add(refused.server(110, RST | ACK, 0, C + 1, 0, 0));              // [R.] seq 0, ack 1000001
        for (Segments x : List.of(clientRst, serverRst, half, open)) {
            long t = 100L * (x == clientRst ? 2 : x == serverRst ? 3 : x == half ? 4 : 5);
            f.add(x.client(t, SYN, C, 0, 0, 1000));
            f.add(x.server(t + 10, SYN | ACK, S, C + 1, 0, 1000));
            f.add(x.client(t + 20, ACK, C + 1, S + 1, 0, 1000));
            if (x == clientRst) {
                f.add(x.client(t + 30, PSH | ACK, C + 1, S + 1, 10, 1000));  // [P.] seq 1:11, ack 1, length 10
                f.add(x.client(t + 40, RST | ACK, C + 11, S + 1, 0, 0));     // [R.] seq 11, ack 1
            } else if (x == serverRst) {
                f.add(x.server(t + 30, RST, S + 1, 0, 0, 0));                // [R] seq 1
            } else if (x == half) {
                f.add(x.client(t + 30, FIN | ACK, C + 1, S + 1, 0, 1000));   // [F.] seq 1, ack 1
                f.add(x.server(t + 40, ACK, S + 1, C + 2, 0, 1000));         // [.] ack 2
            }
        }
        f.add(unanswered.client(600, SYN, C, 0, 0, 1000));
        return f;
    }

    @Test
    void eachConnectionSaysHowItEndedInRfcStatesAndZeeksWords() throws IOException {
        List<String> rows = new ArrayList<>();
        for (JsonNode o : objects(conversations(true, everyEnd()))) {
            rows.add(o.get("stream").asInt() + " " + o.get("end").asText() + " | " + o.get("states").get("client").asText()
                    + "/" + o.get("states").get("server").asText() + " | " + o.get("conn_state").asText() + " "
                    + o.get("history").asText() + " | handshake " + o.get("handshake").asBoolean());
        }
        assertEquals(List.of(
                "0 four-way FIN | TIME_WAIT/CLOSED | SF ShAFaf | handshake true",
                // The refusing port never had a socket.
                "1 RST from server | CLOSED/NO_SOCKET | REJ Sr | handshake false",
                "2 RST from client | CLOSED/CLOSED | RSTO ShADR | handshake true",
                "3 RST from server | CLOSED/CLOSED | RSTR ShAr | handshake true",
                "4 half-closed by client | FIN_WAIT_2/CLOSE_WAIT | S2 ShAFa | handshake true",
                "5 still open | ESTABLISHED/ESTABLISHED | S1 ShA | handshake true",
                // The server never answered: a capture cannot show its state (UNKNOWN, see the README).
                "6 no answer | SYN_SENT/UNKNOWN | S0 S | handshake false"), rows);
    }

    @Test
    void aTcpConnectionAsOneJsonObject() throws IOException {
        List<JsonNode> o = objects(conversations(true, fourWay(s, 0)));
        assertEquals(1, o.size());
        // Every frame is 54 bytes (Ethernet 14, IPv4 20, TCP 20): 4 and 3 of them.
        assertEquals(json("{'proto':'tcp','stream':0,'a':{'addr':'10.0.0.1','port':41000},"
                + "'b':{'addr':'10.0.0.2','port':80},'client':'a','first':'1700000000.000000000',"
                + "'last':'1700000000.000060000','duration':'0.000060000','first_frame':1,'last_frame':7,"
                + "'packets':{'a_to_b':4,'b_to_a':3},'bytes':{'a_to_b':216,'b_to_a':162},"
                + "'payload_bytes':{'a_to_b':0,'b_to_a':0},'handshake':true,'handshake_rtt':'0.000020000',"
                + "'end':'four-way FIN','states':{'client':'TIME_WAIT','server':'CLOSED'},'conn_state':'SF',"
                + "'history':'ShAFaf','retransmissions':0,'findings':{},'icmp_errors':0}"), o.get(0));
    }

    @Test
    void retransmissionsAndFindingsAreCounted() throws IOException {
        List<Frame> f = new ArrayList<>(fourWay(s, 0).subList(0, 3));
        f.add(s.client(1000, PSH | ACK, C + 1, S + 1, 100, 1000));     // [P.] seq 1:101
        f.add(s.client(300_000, PSH | ACK, C + 1, S + 1, 100, 1000));  // [P.] seq 1:101 again, 299 ms later
        f.add(s.server(301_000, ACK, S + 1, C + 101, 0, 1000));        // [.] ack 101
        JsonNode o = objects(conversations(true, f)).get(0);
        assertEquals(1, o.get("retransmissions").asInt());
        assertEquals(json("{'retransmission':1}"), o.get("findings"));
        assertEquals(json("{'a_to_b':200,'b_to_a':0}"), o.get("payload_bytes"), "retransmitted bytes count again");
        assertEquals("ShADTa", o.get("history").asText(), "Zeek's T: the originator sent data again");
    }

    @Test
    void udpFlowsWithTheIcmpErrorsThatQuoteThem() throws IOException {
        String toPort9 = "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67";
        String unreachable = ETH + "4500 003c 0003 0000 4001 66bc 0a00 0002 0a00 0001" + "0303 111d 0000 0000" + toPort9;
        List<Frame> f = new ArrayList<>();
        // 1 IP 10.0.0.1.51000 > 10.0.0.2.7777: UDP, length 15
        f.add(s.hex(0, ETH + "4500 002b 0001 4000 4011 26bf 0a00 0001 0a00 0002"
                + "c738 1e61 0017 f869 68656c6c6f2c2077697265626f6f6b"));
        // 2 IP 10.0.0.2.7777 > 10.0.0.1.51000: UDP, length 15
        f.add(s.hex(1500, ETH + "4500 002b 0001 4000 4011 26bf 0a00 0002 0a00 0001"
                + "1e61 c738 0017 f869 68656c6c6f2c2077697265626f6f6b"));
        // 3 IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4
        f.add(s.hex(2000, ETH + toPort9));
        // 4-12 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9 unreachable, length 40   (nine times)
        for (int i = 0; i < 9; i++) {
            f.add(s.hex(2100 + i, unreachable));
        }
        List<JsonNode> o = objects(conversations(true, f));
        assertEquals(json("{'proto':'udp','stream':0,'a':{'addr':'10.0.0.1','port':51000},"
                + "'b':{'addr':'10.0.0.2','port':7777},'first':'1700000000.000000000','last':'1700000000.001500000',"
                + "'duration':'0.001500000','first_frame':1,'last_frame':2,'packets':{'a_to_b':1,'b_to_a':1},"
                + "'bytes':{'a_to_b':57,'b_to_a':57},'icmp_error_count':0,'icmp_errors':[]}"), o.get(0));
        JsonNode refused = o.get(1);
        assertEquals(9, refused.get("icmp_error_count").asInt());
        assertEquals(8, refused.get("icmp_errors").size(), "the first 8 are described");
        assertEquals(json("{'frame':4,'type':3,'code':3,'what':'destination unreachable (port unreachable)'}"),
                refused.get("icmp_errors").get(0));
        assertEquals(json("{'a_to_b':1,'b_to_a':0}"), refused.get("packets"), "ICMP errors are not the flow's packets");

        List<String> text = conversations(false, f).lines().toList();
        assertEquals(List.of(
                "",
                "UDP flows (a = first sender)",
                "stream  a                            b                                   start   duration a>b pkts"
                        + "  a>b bytes b>a pkts  b>a bytes  ICMP errors",
                "     0  10.0.0.1:51000               10.0.0.2:7777                    0.000000   0.001500        1"
                        + "         57        1         57  -",
                "     1  10.0.0.1:51000               10.0.0.2:9                       0.002000   0.000000        1"
                        + "         46        0          0  frame 4 destination unreachable (port unreachable), frame 5"
                        + " destination unreachable (port unreachable), frame 6 destination unreachable (port"
                        + " unreachable), frame 7 destination unreachable (port unreachable), frame 8 destination"
                        + " unreachable (port unreachable), frame 9 destination unreachable (port unreachable), frame 10"
                        + " destination unreachable (port unreachable), frame 11 destination unreachable (port"
                        + " unreachable), ... (9 in all)"), text);
    }

    @Test
    void theTextTableHasClientAndServerColumnsAndTimesFromTheCapturesStart() throws IOException {
        List<Frame> f = new ArrayList<>(fourWay(s, 0));
        Segments refused = s.port(41001);
        f.add(refused.client(100, SYN, C, 0, 0, 1000));
        f.add(refused.server(110, RST | ACK, 0, C + 1, 0, 0));
        // A connection seen first at its SYN/ACK: the client column still shows the client, and Zeek flips its
        // originator to the client too (^), then sees the responder's SYN/ACK (h) and the client's ACK (A).
        Segments late = s.port(41002);
        f.add(late.server(2_000_000, SYN | ACK, S, C + 1, 0, 1000));
        f.add(late.client(2_000_100, ACK, C + 1, S + 1, 0, 1000));
        List<String> text = conversations(false, f).lines().toList();
        assertEquals(5, text.size());
        assertEquals(List.of(
                "TCP connections (a = first sender; packets and bytes are whole frames, as tshark -z conv,tcp counts)",
                "stream  client                       server                              start   duration c>s pkts"
                        + "  c>s bytes s>c pkts  s>c bytes  hs  end                    state  history        rexmit"
                        + "    handshake",
                "     0  10.0.0.1:41000               10.0.0.2:80                      0.000000   0.000060        4"
                        + "        216        3        162  yes four-way FIN           SF     ShAFaf              0"
                        + "     0.000020"), text.subList(0, 3));
        // Its last column (the handshake round trip) is left out: a refused connection had no handshake, yet
        // the column shows the SYN-to-RST time (see the report).
        assertTrue(text.get(3).startsWith("     1  10.0.0.1:41001               10.0.0.2:80                      0.000100"
                + "   0.000010        1         54        1         54  no  RST from server        REJ    Sr      "
                + "            0 "), text.get(3));
        assertEquals("     2  10.0.0.1:41002               10.0.0.2:80                      2.000000   0.000100        1"
                + "         54        1         54  no  still open             S1     ^hA                 0"
                + "            -", text.get(4));
    }

    @Test
    void ipv6EndpointsAreBracketedInTheTableOnly() throws IOException {
        // IP6 2001:db8::1.40000 > 2001:db8::2.443: Flags [S], seq 12345, win 65535, options [mss 1440], length 0
        Frame syn = s.hex(0, "000000000002 000000000001 86dd"
                + "6000 0000 0018 0640 20010db8000000000000000000000001 20010db8000000000000000000000002"
                + "9c40 01bb 0000 3039 0000 0000 6002 ffff 6e91 0000 0204 05a0");
        String row = conversations(false, List.of(syn)).lines().toList().get(2);
        assertTrue(row.startsWith("     0  [2001:db8::1]:40000          [2001:db8::2]:443  "), row);
        JsonNode o = objects(conversations(true, List.of(syn))).get(0);
        assertEquals(json("{'addr':'2001:db8::1','port':40000}"), o.get("a"));
    }

    @Test
    void rowsOnlyLeavesTheHeadingsOut() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversationWriter w = new ConversationWriter(out, false, Segments.T0 * 1_000_000_000L);
        w.rowsOnly();
        PacketPipeline p = PacketPipeline.summarising(EvictionPolicy.never(), c -> {
            try {
                w.tcp(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null);
        for (Frame f : fourWay(s, 0)) {
            p.next(f);
        }
        p.finish();
        w.flush();
        List<String> text = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, text.size());
        assertTrue(text.get(0).startsWith("     0  10.0.0.1:41000 "), text.get(0));
    }
}
