package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.LinkType;
import org.junit.jupiter.api.Test;

class TcpDecodeTest {
    // tcpdump -nn -x -r dns_tcp.pcap, frame 1 (IP header onward):
    // IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [S], seq 603899916, win 64240,
    //    options [mss 1460,sackOK,TS val 2044906138 ecr 0,nop,wscale 7], length 0
    static final String SYN = "4500 003c 9b28 4000 4006 1376 c0a8 010b d157 f912 83f3 0035 23fe c80c 0000 0000"
            + "a002 faf0 0c41 0000 0204 05b4 0402 080a 79e2 ca9a 0000 0000 0103 0307";

    @Test
    void synWithAllUsualOptions() {
        Packet p = Frames.decode(LinkType.EN10MB, Frames.ETH_IPV4 + SYN);
        assertNull(p.malformed);
        assertEquals(Packet.NET_IPV4, p.network);
        assertEquals(Packet.TRANSPORT_TCP, p.transport);
        TcpHeader t = p.tcp;
        assertEquals(33779, t.sourcePort);
        assertEquals(53, t.destinationPort);
        assertEquals(603899916L, t.seq);
        assertEquals(0L, t.ack);
        assertEquals(TcpHeader.SYN, t.flags);
        assertEquals("··········S·", TcpHeader.flagString(t.flags));
        assertEquals(64240, t.window);
        assertEquals(40, t.headerLength);
        assertEquals(0, t.payloadLength);
        assertEquals(1, t.segmentLength(), "a SYN occupies one sequence number");
        assertEquals(1460, t.mss);
        assertTrue(t.sackPermitted);
        assertTrue(t.hasTimestamp);
        assertEquals(2044906138L, t.tsVal);
        assertEquals(0L, t.tsEcr);
        assertEquals(7, t.windowScale);
        assertEquals(5, t.optionCount);
        int[] kinds = {2, 4, 8, 1, 3};
        for (int i = 0; i < kinds.length; i++) {
            assertEquals(kinds[i], t.optionKinds[i]);
        }
        // Offsets are frame-relative: 14 bytes of Ethernet, 20 of IPv4.
        assertEquals(34, t.offset);
        assertEquals(34 + 20, t.optionOffsets[0]);
        assertEquals(34 + 37, t.optionOffsets[4]);
        assertEquals(3, t.optionLengths[4]);
    }

    @Test
    void payloadLengthFollowsTheIpLengthNotTheCapture() {
        // Same SYN but with 100 bytes of payload announced and only 10 captured (snaplen cut it).
        String ip = "4500 00a0 9b28 4000 4006 0000 c0a8 010b d157 f912 83f3 0035 23fe c80c 0000 0000"
                + "5018 faf0 0000 0000" + "00".repeat(10);
        byte[] bytes = Frames.hex(ip);
        Packet p = new PacketDecoder().decode(Frames.frame(LinkType.RAW, bytes, 160), new Packet());
        assertEquals(Packet.TRANSPORT_TCP, p.transport);
        assertEquals(120, p.tcp.payloadLength);
        assertEquals(10, p.tcp.payloadCaptured);
        assertNull(p.malformed, "a snaplen cut in the payload is not damage");
        assertTrue(p.frame.isTruncated());
    }

    @Test
    void sackBlocksAndUnknownOptionsAreKept() {
        // tcpdump: Flags [.], ack 1, win 512, options [nop,nop,sack 1 {1001:2001},unknown-99 0x0000], length 0
        String tcp = "83f3 0035 23fe c80d 79d2 4914 9010 0200 0000 0000" + "0101 050a 79d2 4cfc 79d2 50e4" + "6304 0000";
        String ip = "4500 0038 0000 4000 4006 0000 c0a8 010b d157 f912" + tcp;
        Packet p = Frames.decodeIp(ip);
        assertNull(p.malformed);
        TcpHeader t = p.tcp;
        assertEquals(36, t.headerLength);
        assertEquals(1, t.sackCount);
        assertEquals(0x79d24cfcL, t.sackLeft[0]);
        assertEquals(0x79d250e4L, t.sackRight[0]);
        assertEquals(4, t.optionCount);
        assertEquals(99, t.optionKinds[3]);
        assertEquals("unknown-99", TcpOptionKind.valueOf(99).name());
    }

    @Test
    void allTwelveFlagBits() {
        // Data offset 5, every flag bit including AE and the three reserved bits set.
        String ip = "4500 0028 0000 4000 4006 0000 0a00 0001 0a00 0002" + "0050 0051 0000 0001 0000 0002 5fff 0100 0000 0000";
        Packet p = Frames.decodeIp(ip);
        assertEquals(0xFFF, p.tcp.flags);
        assertEquals("RRRACEUAPRSF", TcpHeader.flagString(p.tcp.flags));
        java.util.List<String> names = new java.util.ArrayList<>();
        TcpHeader.flagNames(p.tcp.flags, names);
        assertEquals(java.util.List.of("RES", "AE", "CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"), names);
        assertEquals(2, p.tcp.segmentLength(), "SYN and FIN count one each");
    }

    @Test
    void fastOpenCookieInKind34AndInTheExperimentalOption() {
        String kind34 = "4500 0034 0000 4000 4006 0000 0a00 0001 0a00 0002"
                + "0050 0051 0000 0001 0000 0000 8002 0100 0000 0000" + "220a 0102 0304 0506 0708 0101";
        Packet p = Frames.decodeIp(kind34);
        assertEquals(8, p.tcp.tfoLength);
        assertEquals(0, p.tcp.tfoOption);
        String exp = "4500 0030 0000 4000 4006 0000 0a00 0001 0a00 0002"
                + "0050 0051 0000 0001 0000 0000 7002 0100 0000 0000" + "fe04 f989 0000 0000";
        p = Frames.decodeIp(exp);
        assertEquals(0, p.tcp.tfoLength, "an empty cookie is a cookie request");
        assertTrue(p.tcp.tfoOffset > 0);
        assertEquals(0, p.tcp.tfoOption);
        assertFalse(p.tcp.optionsMalformed);
    }

    @Test
    void onlyTheExperimentalOptionWithTheFastOpenExidIsFastOpen() throws Exception {
        // An experimental option with another ExID (0x1234), then a TFO cookie request in kind 254.
        String ip = "4500 0030 0000 4000 4006 0000 0a00 0001 0a00 0002"
                + "0050 0051 0000 0001 0000 0000 7002 0100 0000 0000" + "fe04 1234 fe04 f989";
        Packet p = Frames.decodeIp(ip);
        assertEquals(2, p.tcp.optionCount);
        assertEquals(1, p.tcp.tfoOption);
        io.wirebook.pipeline.PacketResult r = new io.wirebook.pipeline.PacketPipeline()
                .next(Frames.frame(io.wirebook.capture.LinkType.RAW, Frames.hex(ip)));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        io.wirebook.render.JsonlPacketWriter json = new io.wirebook.render.JsonlPacketWriter(out);
        json.write(r);
        json.flush();
        String line = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(line.contains("\"options\":[{\"kind\":\"exp\",\"len\":4},"
                + "{\"kind\":\"tfo\",\"exp_kind\":254,\"cookie\":\"\",\"len\":4}]"), line);
        StringBuilder text = new StringBuilder();
        io.wirebook.render.TextPacketWriter.format(text, r);
        assertTrue(text.toString().contains("options [exp,tfo cookiereq]"), text.toString());
    }
}
