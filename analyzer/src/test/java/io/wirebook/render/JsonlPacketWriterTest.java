package io.wirebook.render;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static io.wirebook.pipeline.Segments.mss;
import static io.wirebook.pipeline.Segments.nop;
import static io.wirebook.pipeline.Segments.sack;
import static io.wirebook.pipeline.Segments.sackOk;
import static io.wirebook.pipeline.Segments.ts;
import static io.wirebook.pipeline.Segments.wscale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.Segments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wirebook read --format jsonl}: one object per line, each field as the README's schema says, read
 * back with a parser that rejects a key written twice. Expected numbers were checked against tshark 4.0's
 * fields for the same frames ({@code tcp.seq}, {@code tcp.nxtseq}, {@code tcp.window_size},
 * {@code tcp.analysis.*}).
 */
class JsonlPacketWriterTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final long C = CLIENT_ISN, S = SERVER_ISN;
    private static final String ETH = "000000000002 000000000001 0800";
    private static final List<String> ALWAYS = List.of("frame", "ts", "caplen", "len", "link", "src", "dst", "proto",
            "sport", "dport", "malformed", "note");
    private final Segments s = new Segments();
    private final PacketPipeline pipeline = new PacketPipeline();

    /** The frames as JSON Lines, each line parsed; checks that every line, the last too, ends. */
    private List<JsonNode> objects(List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonlPacketWriter w = new JsonlPacketWriter(out)) {
            for (Frame f : frames) {
                w.write(pipeline.next(f));
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"), text);
        List<JsonNode> list = new ArrayList<>();
        for (String line : text.lines().toList()) {
            JsonNode o = JSON.readTree(line);
            for (String field : ALWAYS) {
                assertTrue(o.has(field), field + " in " + line);
            }
            list.add(o);
        }
        assertEquals(frames.size(), list.size(), "one line per packet");
        return list;
    }

    /** JSON written with ' for ", to keep the expected values readable. */
    private static JsonNode json(String apostrophes) throws IOException {
        return JSON.readTree(apostrophes.replace('\'', '"'));
    }

    /** The object without its note, which the caller compares on its own (notes hold apostrophes). */
    private static ObjectNode withoutNote(JsonNode o) {
        ObjectNode copy = ((ObjectNode) o).deepCopy();
        copy.remove("note");
        return copy;
    }

    @Test
    void theHandshakeAsTsharkNumbersIt() throws IOException {
        List<JsonNode> o = objects(s.handshake());
        // 1 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0
        assertEquals(json("{'frame':1,'ts':'1700000000.000000000','caplen':74,'len':74,'link':'EN10MB',"
                + "'src':'10.0.0.1','dst':'10.0.0.2','ip_version':4,'ttl':64,'ip_len':60,'proto':'tcp','sport':40000,"
                + "'dport':80,'tcp':{'stream':0,'flags':['SYN'],'flags_hex':'0x0002','seq':0,'ack':0,'seq_raw':1000000,"
                + "'ack_raw':0,'nxtseq':1,'len':0,'hdr_len':40,'win':64240,'win_raw':64240,'options':["
                + "{'kind':'mss','value':1460,'len':4},{'kind':'sackOK','len':2},{'kind':'TS','val':100,'ecr':0,'len':10},"
                + "{'kind':'nop','len':1},{'kind':'wscale','shift':7,'multiplier':128,'len':3}],'side':'client',"
                + "'states':{'client':'SYN_SENT'},'analysis':[]},'malformed':null}"), withoutNote(o.get(0)));
        // 2 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 3000000000, ack 1000001, win 65160, options [...], length 0
        assertEquals(json("{'stream':0,'flags':['ACK','SYN'],'flags_hex':'0x0012','seq':0,'ack':1,"
                + "'seq_raw':3000000000,'ack_raw':1000001,'nxtseq':1,'len':0,'hdr_len':40,'win':65160,'win_raw':65160,"
                + "'options':[{'kind':'mss','value':1460,'len':4},{'kind':'sackOK','len':2},"
                + "{'kind':'TS','val':500,'ecr':100,'len':10},{'kind':'nop','len':1},"
                + "{'kind':'wscale','shift':7,'multiplier':128,'len':3}],'side':'server',"
                + "'states':{'client':'ESTABLISHED','server':'SYN_RECEIVED'},'analysis':[],"
                + "'acks_frame':1,'ack_rtt':'0.001000000'}"), o.get(1).get("tcp"));
        // 3 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 101 ecr 500], length 0
        assertEquals(json("{'stream':0,'flags':['ACK'],'flags_hex':'0x0010','seq':1,'ack':1,'seq_raw':1000001,"
                + "'ack_raw':3000000001,'nxtseq':1,'len':0,'hdr_len':32,'win':64256,'win_raw':502,'win_scale':7,"
                + "'options':[{'kind':'nop','len':1},{'kind':'nop','len':1},{'kind':'TS','val':101,'ecr':500,'len':10}],"
                + "'side':'client','states':{'server':'ESTABLISHED'},'analysis':[],'acks_frame':2,"
                + "'ack_rtt':'0.001000000','initial_rtt':'0.002000000'}"), o.get(2).get("tcp"));
        assertEquals("ACK: acknowledges everything before byte 1; server enters ESTABLISHED", o.get(2).get("note").asText());
    }

    @Test
    void dataAndItsAckCarryTheRoundTripAndTheBytesInFlight() throws IOException {
        List<Frame> frames = new ArrayList<>(s.handshake());
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, length 100
        frames.add(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502));
        // 5 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, length 0
        frames.add(s.server(4000, ACK, S + 1, C + 101, 0, 509));
        List<JsonNode> o = objects(frames);
        assertEquals(json("{'stream':0,'flags':['ACK','PSH'],'flags_hex':'0x0018','seq':1,'ack':1,'seq_raw':1000001,"
                + "'ack_raw':3000000001,'nxtseq':101,'len':100,'hdr_len':20,'win':64256,'win_raw':502,'win_scale':7,"
                + "'options':[],'side':'client','analysis':[],'initial_rtt':'0.002000000','bytes_in_flight':100,"
                + "'push_bytes_sent':100}"), o.get(3).get("tcp"));
        assertEquals(140, o.get(3).get("ip_len").asInt(), "IPv4 total length: 20 + 20 + 100");
        assertEquals(json("{'stream':0,'flags':['ACK'],'flags_hex':'0x0010','seq':1,'ack':101,'seq_raw':3000000001,"
                + "'ack_raw':1000101,'nxtseq':1,'len':0,'hdr_len':20,'win':65152,'win_raw':509,'win_scale':7,"
                + "'options':[],'side':'server','analysis':[],'acks_frame':4,'ack_rtt':'0.001000000',"
                + "'initial_rtt':'0.002000000'}"), o.get(4).get("tcp"));
    }

    @Test
    void aDuplicateAckNamesItsNumberItsFrameAndRelativeSackBlocks() throws IOException {
        List<Frame> frames = new ArrayList<>(s.handshake());
        frames.add(s.client(10_000, ACK, C + 1, S + 1, 100, 502));
        frames.add(s.client(10_100, ACK, C + 101, S + 1, 100, 502));
        frames.add(s.client(10_200, ACK, C + 201, S + 1, 100, 502));
        // 7 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, length 0
        frames.add(s.server(11_000, ACK, S + 1, C + 101, 0, 509));
        // 8 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:301}], length 0
        frames.add(s.server(11_100, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 301)));
        JsonNode dup = objects(frames).get(7).get("tcp");
        // Raw edges 1000201 and 1000301, relative to the client's ISN as tshark's tcp.options.sack_le / _re.
        assertEquals(json("[{'kind':'nop','len':1},{'kind':'nop','len':1},{'kind':'sack','blocks':[[201,301]],'dsack':false,'len':10}]"),
                dup.get("options"));
        assertEquals(json("['duplicate_ack']"), dup.get("analysis"));
        assertEquals(1, dup.get("dup_ack_num").asInt());
        assertEquals(7, dup.get("dup_ack_of").asInt());
        assertFalse(dup.has("acks_frame"));
    }

    @Test
    void aFastRetransmissionListsRetransmissionTooAsTsharkDoes() throws IOException {
        List<Frame> frames = new ArrayList<>(s.handshake());
        frames.add(s.client(10_000, ACK, C + 1, S + 1, 100, 502));
        frames.add(s.client(10_100, ACK, C + 101, S + 1, 100, 502));
        frames.add(s.client(10_200, ACK, C + 201, S + 1, 100, 502));
        frames.add(s.client(10_300, ACK, C + 301, S + 1, 100, 502));
        frames.add(s.server(11_000, ACK, S + 1, C + 101, 0, 509));
        frames.add(s.server(11_100, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 301)));
        frames.add(s.server(11_200, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 401)));
        // 11 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101:201, ack 1, win 502, length 100
        frames.add(s.client(11_300, ACK, C + 101, S + 1, 100, 502));
        JsonNode fast = objects(frames).get(10).get("tcp");
        assertEquals(json("['retransmission','fast_retransmission']"), fast.get("analysis"));
        assertEquals(100, fast.get("bytes_in_flight").asInt());
    }

    @Test
    void udpIcmpAndNonIpPackets() throws IOException {
        String toPort9 = "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67";
        List<JsonNode> o = objects(List.of(
                // IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4
                s.hex(0, ETH + toPort9),
                // IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9 unreachable, length 40
                s.hex(100, ETH + "4500 003c 0003 0000 4001 66bc 0a00 0002 0a00 0001" + "0303 111d 0000 0000" + toPort9),
                // ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
                s.hex(200, "ffffffffffff 000000000001 0806" + "0001 0800 0604 0001 000000000001 0a000001"
                        + "000000000000 0a000002")));
        assertEquals(json("{'frame':1,'ts':'1700000000.000000000','caplen':46,'len':46,'link':'EN10MB',"
                + "'src':'10.0.0.1','dst':'10.0.0.2','ip_version':4,'ttl':64,'ip_len':32,'proto':'udp','sport':51000,"
                + "'dport':9,'udp':{'len':12},'malformed':null}"), withoutNote(o.get(0)));
        assertEquals(json("{'frame':2,'ts':'1700000000.000100000','caplen':74,'len':74,'link':'EN10MB',"
                + "'src':'10.0.0.2','dst':'10.0.0.1','ip_version':4,'ttl':64,'ip_len':60,'proto':'icmp','sport':null,"
                + "'dport':null,'icmp':{'type':3,'code':3,'type_name':'destination unreachable',"
                + "'code_name':'port unreachable','inner':{'src':'10.0.0.1','dst':'10.0.0.2','proto':'udp',"
                + "'sport':51000,'dport':9}},'malformed':null}"), withoutNote(o.get(1)));
        assertEquals(json("{'frame':3,'ts':'1700000000.000200000','caplen':42,'len':42,'link':'EN10MB','src':null,"
                + "'dst':null,'proto':'non-ip','sport':null,'dport':null,'malformed':null,'note':'not IP (ARP)'}"), o.get(2));
    }

    @Test
    void damageIsAnObjectThatSaysWhereAndWhy() throws IOException {
        // IP 10.0.0.1.40000 > 10.0.0.2.80:  tcp 8 [bad hdr length 16 - too short, < 20]
        Frame bad = s.hex(0, ETH + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002"
                + "9c40 0050 000f 4241 b2d0 5e01 4018 01f6 aa1d 0000 0000 0000");
        // IP 10.0.0.1.40000 > 10.0.0.2.80:  [|tcp]      (40 of the 58 bytes captured)
        Frame cut = s.hex(100, ETH + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002" + "9c40 0050 000f");
        cut.originalLength = 58;
        List<JsonNode> o = objects(List.of(bad, cut));
        // The data offset is the 13th byte of the TCP header: frame offset 14 + 20 + 12.
        assertEquals(json("{'layer':'tcp','offset':46,'need':null,'have':null,'reason':'TCP data offset gives a header"
                + " of 16 bytes, below the minimum 20 (RFC 9293 3.1)','snaplen':false}"), o.get(0).get("malformed"));
        assertFalse(o.get(0).has("tcp"), "no TCP object for a header that could not be read");
        assertEquals(40000, o.get(0).get("sport").asInt(), "the ports were captured");
        assertEquals(json("{'layer':'tcp','offset':34,'need':20,'have':6,'reason':'TCP header needs 20 bytes',"
                + "'snaplen':true}"), o.get(1).get("malformed"));
        assertTrue(o.get(1).get("truncated").asBoolean());
        assertEquals(40, o.get(1).get("caplen").asInt());
        assertEquals(58, o.get(1).get("len").asInt());
    }

    @Test
    void pcapngInterfaceAndCommentsAppearWhenThereAreSome() throws IOException {
        Frame f = s.handshake().get(0);
        f.interfaceId = 0;
        f.comments = List.of("call: client connect(client, 10.0.0.2:80) = 0");
        JsonNode o = objects(List.of(f)).get(0);
        assertEquals(0, o.get("interface").asInt());
        assertEquals(json("['call: client connect(client, 10.0.0.2:80) = 0']"), o.get("comments"));
    }

    @Test
    void callersCanAddFieldsBetweenBeginAndEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonlPacketWriter w = new JsonlPacketWriter(out)) {
            w.begin(pipeline.next(s.handshake().get(0)));
            w.json().field("cause", "kernel");
            w.end();
        }
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.endsWith("}\n"));
        JsonNode o = JSON.readTree(line);
        assertEquals("kernel", o.get("cause").asText());
        assertEquals(1, o.get("frame").asInt());
    }

    @Test
    void aFastOpenCookieRequestIsOneOptionWithOneKind() throws IOException {
        // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000000, win 64240,
        //    options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7,tfo  cookiereq,nop,nop], length 0
        Frame tfo = s.client(0, SYN, C, 0, 0, 64240, mss(1460), sackOk(), ts(100, 0), nop(), wscale(7),
                new byte[] {34, 2}, nop(), nop());
        // IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 1000000, win 64240, options [mss 1460,exp-tfo cookiereq], length 0
        // (the experimental form, kind 254 with magic F989, that Linux sent before kind 34 was assigned: exp_kind says so)
        Frame exp = s.port(40001).client(100, SYN, C, 0, 0, 64240, mss(1460), new byte[] {(byte) 254, 4, (byte) 0xF9,
                (byte) 0x89});
        List<JsonNode> o = objects(List.of(tfo, exp));
        assertEquals(json("{'kind':'tfo','cookie':'','len':2}"), o.get(0).get("tcp").get("options").get(5));
        assertEquals(json("{'kind':'tfo','exp_kind':254,'cookie':'','len':4}"), o.get(1).get("tcp").get("options").get(1));
    }
}
