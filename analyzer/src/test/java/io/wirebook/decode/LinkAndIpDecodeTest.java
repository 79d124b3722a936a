package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.LinkType;
import io.wirebook.decode.Addresses;
import org.junit.jupiter.api.Test;

class LinkAndIpDecodeTest {
    // tcpdump -nn -x -r dns_udp.pcap, frame 1 (IP onward):
    // IP 192.168.1.11.43966 > 209.87.249.18.53: 22836+ [1au] A? www.tcpdump.org. (56)
    static final String UDP = "4500 0054 59cd 0000 4011 94ae c0a8 010b d157 f912 abbe 0035 0040 7824"
            + "5934 0120 0001 0000 0000 0001 0377 7777 0774 6370 6475 6d70 036f 7267 0000 0100 0100 0029"
            + "1000 0000 0000 000c 000a 0008 42f5 d009 96f9 0b13";

    private static String src(Packet p) {
        return Addresses.toString(p.network, p.bytes(), p.base() + p.sourceAddressOffset());
    }

    @Test
    void ethernetIpv4Udp() {
        Packet p = Frames.decode(LinkType.EN10MB, Frames.ETH_IPV4 + UDP);
        assertNull(p.malformed);
        assertEquals(14, p.link.length);
        assertEquals(0x0800, p.link.etherType);
        assertEquals(Packet.TRANSPORT_UDP, p.transport);
        assertEquals(43966, p.udp.sourcePort);
        assertEquals(53, p.udp.destinationPort);
        assertEquals(64, p.udp.length);
        assertEquals(56, p.udp.payloadLength());
        assertEquals("192.168.1.11", src(p));
        assertEquals(64, p.ipv4.ttl);
        assertEquals(0x59cd, p.ipv4.identification);
        assertEquals(34, p.udp.offset);
    }

    @Test
    void vlanAndQinQTagsAreWalked() {
        // 802.1ad outer tag (VLAN 100), 802.1Q inner tag (VLAN 200), then IPv4.
        Packet p = Frames.decode(LinkType.EN10MB, "000000000000 000000000000 88a8 0064 8100 00c8 0800" + UDP);
        assertNull(p.malformed);
        assertEquals(2, p.link.vlanCount);
        assertEquals(100, p.link.vlanIds[0]);
        assertEquals(200, p.link.vlanIds[1]);
        assertEquals(22, p.link.length);
        assertEquals(Packet.TRANSPORT_UDP, p.transport);
        assertEquals(22, p.ipv4.offset);
    }

    @Test
    void linuxCookedV1AndV2() {
        Packet p = Frames.decode(LinkType.LINUX_SLL, "0000 0304 0006 000000000000 0000 0800" + UDP);
        assertEquals(Packet.TRANSPORT_UDP, p.transport);
        assertEquals(0, p.link.pktType);
        p = Frames.decode(LinkType.LINUX_SLL2, "0800 0000 00000001 0304 04 06 000000000000 0000" + UDP);
        assertEquals(Packet.TRANSPORT_UDP, p.transport);
        assertEquals(1, p.link.ifIndex);
        assertEquals(4, p.link.pktType, "outgoing");
        assertEquals(20, p.ipv4.offset);
    }

    @Test
    void nullLoopbackInEitherByteOrderAndLoopInNetworkOrder() {
        assertEquals(Packet.TRANSPORT_UDP, Frames.decode(LinkType.NULL, "02000000" + UDP).transport);
        assertEquals(Packet.TRANSPORT_UDP, Frames.decode(LinkType.NULL, "00000002" + UDP).transport);
        assertEquals(Packet.TRANSPORT_UDP, Frames.decode(LinkType.LOOP, "00000002" + UDP).transport);
        Packet p = Frames.decode(LinkType.NULL, "07000000" + UDP);
        assertEquals("address family 7", p.nonIp);
    }

    @Test
    void rawIpv4AndIpv6LinkTypes() {
        assertEquals(Packet.NET_IPV4, Frames.decode(LinkType.RAW, UDP).network);
        assertEquals(Packet.NET_IPV4, Frames.decode(LinkType.IPV4, UDP).network);
        Packet p = Frames.decode(LinkType.IPV6, IPV6_TCP_WITH_EXTENSIONS);
        assertEquals(Packet.NET_IPV6, p.network);
    }

    @Test
    void unknownLinkTypeIsARowThatSaysSo() {
        Packet p = Frames.decode(147, "00112233");
        assertEquals("unsupported link type 147", p.nonIp);
        assertEquals(Packet.NET_NONE, p.network);
    }

    @Test
    void arpIsNotIp() {
        Packet p = Frames.decode(LinkType.EN10MB, "ffffffffffff 000000000001 0806 0001 0800 0604 0001");
        assertEquals("ARP", p.nonIp);
        assertNull(p.malformed);
    }

    // IPv6 ::1 -> ::1, next header hop-by-hop (8 bytes: PadN), destination options (8 bytes), routing
    // (type 0, segments left 0, 8 bytes), fragment (offset 0, M=0), then TCP SYN 40000 -> 80.
    static final String IPV6_TCP_WITH_EXTENSIONS = "6000 0000 0034 0040"
            + "0000 0000 0000 0000 0000 0000 0000 0001" + "0000 0000 0000 0000 0000 0000 0000 0001"
            + "3c00 0104 0000 0000"      // hop-by-hop: next 60, len 0, PadN
            + "2b00 0104 0000 0000"      // destination options: next 43
            + "2c00 0000 0000 0000"      // routing: next 44, type 0, segments left 0
            + "0600 0000 0000 0001"      // fragment: next 6, offset 0, M 0, id 1
            + "9c40 0050 0000 0001 0000 0000 5002 ffff 0000 0000";

    @Test
    void ipv6ExtensionChainIsWalkedToTcp() {
        Packet p = Frames.decodeIp(IPV6_TCP_WITH_EXTENSIONS);
        assertNull(p.malformed);
        Ipv6Header ip = p.ipv6;
        assertEquals(4, ip.extensionCount);
        assertEquals(0, ip.extensionTypes[0]);
        assertEquals(60, ip.extensionTypes[1]);
        assertEquals(43, ip.extensionTypes[2]);
        assertEquals(44, ip.extensionTypes[3]);
        assertTrue(ip.hasFragmentHeader);
        assertFalse(p.laterFragment);
        assertEquals(6, ip.upperProtocol);
        assertEquals(72, ip.upperOffset);
        assertEquals(Packet.TRANSPORT_TCP, p.transport);
        assertEquals(40000, p.tcp.sourcePort);
        assertEquals("::1", src(p));
    }

    @Test
    void laterFragmentsAreFlaggedNotDecoded() {
        // IPv4, MF=0, fragment offset 185 (1480 bytes), protocol UDP.
        String ip = "4500 0020 1234 00b9 4011 0000 0a00 0001 0a00 0002 0000 0000 0000 0000 0000 0000";
        Packet p = Frames.decodeIp(ip);
        assertTrue(p.laterFragment);
        assertEquals(1480, p.ipv4.fragmentOffset);
        assertEquals(Packet.TRANSPORT_NONE, p.transport);
        assertEquals(-1, p.sourcePort);
        assertNull(p.malformed);
        // First fragment (MF=1, offset 0) is decoded, and its UDP length may exceed this fragment.
        String first = "4500 0024 1234 2000 4011 0000 0a00 0001 0a00 0002 0035 0035 05d0 0000 0000 0000 0000 0000";
        p = Frames.decodeIp(first);
        assertTrue(p.firstFragment);
        assertEquals(Packet.TRANSPORT_UDP, p.transport);
        assertNull(p.malformed);
    }

    @Test
    void ipv6AddressesAreCanonical() {
        byte[] b = Frames.hex("20010db8000000000000000000000001 20010db8000100000000000100000000 00000000000000000000ffffc0a80001"
                + "fe800000000000000000000000000000");
        assertEquals("2001:db8::1", Addresses.toString(6, b, 0));
        assertEquals("2001:db8:1::1:0:0", Addresses.toString(6, b, 16));
        assertEquals("::ffff:192.168.0.1", Addresses.toString(6, b, 32));
        assertEquals("fe80::", Addresses.toString(6, b, 48));
    }

    /**
     * Random addresses, zero groups made likely: each text form parses back to its bytes, groups are lower
     * case without leading zeros, and "::" (at most one) replaces the longest run of two or more zero groups,
     * the first when tied (RFC 5952 section 4).
     */
    @Test
    void ipv6TextIsRfc5952ForRandomAddresses() throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5952);
        byte[] b = new byte[16];
        for (int n = 0; n < 20_000; n++) {
            for (int g = 0; g < 8; g++) {
                int v = rng.nextInt(3) == 0 ? rng.nextInt(0x10000) : rng.nextInt(4) == 0 ? rng.nextInt(16) : 0;
                b[2 * g] = (byte) (v >> 8);
                b[2 * g + 1] = (byte) v;
            }
            String text = Addresses.toString(6, b, 0);
            String why = java.util.HexFormat.of().formatHex(b) + " -> " + text;
            assertEquals(java.util.HexFormat.of().formatHex(b),
                    java.util.HexFormat.of().formatHex(java.net.InetAddress.getByName(text).getAddress()), why);
            boolean mapped = text.startsWith("::ffff:") && text.indexOf('.') > 0;
            if (!mapped) {
                assertTrue(text.matches("(::)?([1-9a-f][0-9a-f]{0,3}|0)?((:|::)([1-9a-f][0-9a-f]{0,3}|0))*(::)?"), why);
            }
            int best = 0, bestAt = -1;
            for (int g = 0; g < 8; ) {
                int e = g;
                while (e < 8 && b[2 * e] == 0 && b[2 * e + 1] == 0) e++;
                if (e - g > best) {
                    best = e - g;
                    bestAt = g;
                }
                g = Math.max(e, g + 1);
            }
            int colons = text.indexOf("::");
            assertEquals(best >= 2, colons >= 0, why);
            assertEquals(colons, text.lastIndexOf("::"), why);
            if (best >= 2 && !mapped) {
                assertEquals(bestAt, text.substring(0, colons).isEmpty() ? 0
                        : text.substring(0, colons).split(":").length, why);
            }
        }
    }
}
