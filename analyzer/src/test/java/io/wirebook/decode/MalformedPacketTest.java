package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.LinkType;
import io.wirebook.decode.Malformed.Layer;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of damage: the decoder never throws, flags the first fault with its layer, absolute
 * frame offset, and need/have, and keeps what the outer layers said. The tcpdump 4.99 line for the same
 * bytes is in each comment.
 */
class MalformedPacketTest {
    private static final String IP = "4500 0028 0000 4000 4006 0000 0a00 0001 0a00 0002";

    private static Malformed flagged(Packet p, Layer layer, int offset) {
        assertNotNull(p.malformed, "expected a flagged packet");
        assertEquals(layer, p.malformed.layer, p.malformed.toString());
        assertEquals(offset, p.malformed.offset, p.malformed.toString());
        return p.malformed;
    }

    @Test
    void ethernetShorterThanItsHeader() {
        // tcpdump: [|ether]
        Malformed m = flagged(Frames.decode(LinkType.EN10MB, "0000 0000 0000 0000"), Layer.ETHERNET, 0);
        assertEquals(14, m.need);
        assertEquals(8, m.have);
    }

    @Test
    void ipv4HeaderCutShort() {
        // tcpdump: IP [|ip]
        Packet p = Frames.decode(LinkType.EN10MB, Frames.ETH_IPV4 + "4500 0028 0000");
        Malformed m = flagged(p, Layer.IPV4, 14);
        assertEquals(20, m.need);
        assertEquals(6, m.have);
    }

    @Test
    void ipv4HeaderLengthBelowTwenty() {
        // tcpdump: IP bad-hlen 16
        Packet p = Frames.decodeIp("4400 0028 0000 4000 4006 0000 0a00 0001 0a00 0002 0000 0000");
        flagged(p, Layer.IPV4, 0);
        assertEquals(Packet.NET_NONE, p.network, "nothing past the first byte is trusted");
    }

    @Test
    void ipv4TotalLengthBelowHeaderLength() {
        // tcpdump: IP truncated-ip - ... (bad length 8)
        Packet p = Frames.decodeIp("4500 0008 0000 4000 4006 0000 0a00 0001 0a00 0002");
        flagged(p, Layer.IPV4, 2);
        assertEquals(Packet.TRANSPORT_NONE, p.transport);
    }

    @Test
    void ipv4TotalLengthBeyondTheFrameIsFlaggedButDecoded() {
        // tcpdump: IP truncated-ip - 60 bytes missing!
        Packet p = Frames.decodeIp("4500 0064 0000 4000 4011 0000 0a00 0001 0a00 0002 0035 0035 0008 0000");
        Malformed m = flagged(p, Layer.IPV4, 2);
        assertEquals(100, m.need);
        assertEquals(28, m.have);
        assertEquals(Packet.TRANSPORT_UDP, p.transport, "the datagram inside still decodes");
    }

    @Test
    void wrongVersionNibble() {
        // tcpdump (ethertype IPv6, version 4): IP6 version error: 4 != 6
        Packet p = Frames.decode(LinkType.EN10MB, Frames.ETH_IPV6 + "4000 0000 0000 0000" + "00".repeat(32));
        flagged(p, Layer.IPV6, 14);
    }

    @Test
    void tcpDataOffsetBelowFive() {
        // tcpdump: Flags [S], seq 1, win 65535, bad hdr length 16 - too short, < 20
        Packet p = Frames.decodeIp(IP + "0050 0051 0000 0001 0000 0000 4002 ffff 0000 0000");
        Malformed m = flagged(p, Layer.TCP, 32);
        assertTrue(m.reason.contains("below the minimum 20"), m.reason);
        assertEquals(80, p.sourcePort, "ports were read before the fault");
    }

    @Test
    void tcpHeaderLongerThanTheIpPayload() {
        // tcpdump: bad hdr length 60 - too long, > 20
        Packet p = Frames.decodeIp(IP + "0050 0051 0000 0001 0000 0000 f002 ffff 0000 0000");
        Malformed m = flagged(p, Layer.TCP, 20);
        assertEquals(60, m.need);
        assertEquals(20, m.have);
    }

    @Test
    void tcpOptionWithLengthZero() {
        // tcpdump: options [mss 0[bad opt]]
        String ip = "4500 002c 0000 4000 4006 0000 0a00 0001 0a00 0002";
        Packet p = Frames.decodeIp(ip + "0050 0051 0000 0001 0000 0000 6002 ffff 0000 0000 0200 0000");
        Malformed m = flagged(p, Layer.TCP, 40);
        assertTrue(m.reason.contains("claims length 0"), m.reason);
        assertTrue(p.tcp.optionsMalformed);
        assertEquals(Packet.TRANSPORT_TCP, p.transport, "the fixed header still decodes");
    }

    @Test
    void tcpOptionRunningPastTheHeader() {
        String ip = "4500 002c 0000 4000 4006 0000 0a00 0001 0a00 0002";
        Packet p = Frames.decodeIp(ip + "0050 0051 0000 0001 0000 0000 6002 ffff 0000 0000 0101 080a");
        Malformed m = flagged(p, Layer.TCP, 42);
        assertEquals(10, m.need);
        assertEquals(2, m.have);
    }

    @Test
    void tcpTruncatedBySnaplenIsMarkedSo() {
        byte[] b = Frames.hex(IP + "0050 0051 0000");
        Packet p = new PacketDecoder().decode(Frames.frame(LinkType.RAW, b, 40), new Packet());
        Malformed m = flagged(p, Layer.TCP, 20);
        assertTrue(m.truncatedBySnaplen);
        assertEquals(80, p.sourcePort);
    }

    @Test
    void udpLengthBelowEight() {
        // tcpdump: UDP, bad length 4 < 8
        String ip = "4500 001c 0000 4000 4011 0000 0a00 0001 0a00 0002";
        Packet p = Frames.decodeIp(ip + "0035 0035 0004 0000");
        flagged(p, Layer.UDP, 24);
        assertEquals(Packet.TRANSPORT_UDP, p.transport);
    }

    @Test
    void udpLengthBeyondTheIpPayload() {
        // tcpdump: UDP, bad length 4000 > 8
        String ip = "4500 001c 0000 4000 4011 0000 0a00 0001 0a00 0002";
        Malformed m = flagged(Frames.decodeIp(ip + "0035 0035 0fa0 0000"), Layer.UDP, 24);
        assertEquals(4000, m.need);
        assertEquals(8, m.have);
    }

    @Test
    void icmpShorterThanItsHeader() {
        String ip = "4500 0016 0000 4000 4001 0000 0a00 0001 0a00 0002";
        Malformed m = flagged(Frames.decodeIp(ip + "0303"), Layer.ICMP, 20);
        assertEquals(4, m.need);
        assertEquals(2, m.have);
    }

    @Test
    void ipv6ExtensionHeaderCutShort() {
        String ip = "6000 0000 0010 0040" + "0000 0000 0000 0000 0000 0000 0000 0001".repeat(2) + "0602 0000";
        Packet p = Frames.decodeIp(ip);
        Malformed m = flagged(p, Layer.IPV6, 40);
        assertEquals(24, m.need);
        assertFalse(p.isTcp());
    }

    @Test
    void emptyFrame() {
        Malformed m = flagged(Frames.decode(LinkType.RAW, ""), Layer.IP, 0);
        assertEquals(1, m.need);
        assertEquals(0, m.have);
    }
}
