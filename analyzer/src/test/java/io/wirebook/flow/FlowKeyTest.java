package io.wirebook.flow;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.SYN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.Frame;
import io.wirebook.decode.Packet;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.Segments;
import org.junit.jupiter.api.Test;

/**
 * The flow key is the same for both directions of a conversation and different for anything else: the
 * lookup of every packet in the connection table rests on it.
 */
class FlowKeyTest {
    private static final byte[] TEN_0_0_1 = {10, 0, 0, 1}, TEN_0_0_2 = {10, 0, 0, 2};
    // IP6 2001:db8::1.40000 > 2001:db8::2.443: Flags [S], seq 12345, win 65535, options [mss 1440], length 0
    private static final String V6_SYN = "000000000002 000000000001 86dd"
            + "6000 0000 0018 0640 20010db8000000000000000000000001 20010db8000000000000000000000002"
            + "9c40 01bb 0000 3039 0000 0000 6002 ffff 6e91 0000 0204 05a0";
    // IP6 2001:db8::2.443 > 2001:db8::1.40000: Flags [S], seq 12345, win 65535, options [mss 1440], length 0
    // (the same segment with both addresses and both ports swapped, which keeps the checksum right)
    private static final String V6_BACK = "000000000002 000000000001 86dd"
            + "6000 0000 0018 0640 20010db8000000000000000000000002 20010db8000000000000000000000001"
            + "01bb 9c40 0000 3039 0000 0000 6002 ffff 6e91 0000 0204 05a0";
    private final Segments s = new Segments();

    /** The key of a packet as the tracker fills it, after the pipeline decoded it. */
    private static FlowKey key(Frame f, int protocol) {
        Packet p = new PacketPipeline().next(f).packet();
        FlowKey k = new FlowKey();
        assertTrue(k.set(p, protocol), "the packet has addresses and ports");
        return k;
    }

    @Test
    void bothDirectionsOfAConnectionHaveOneKey() {
        // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0
        // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, length 0
        FlowKey out = key(s.client(0, SYN, 1000, 0, 0, 64240), 6);
        FlowKey back = key(s.server(100, SYN | ACK, 5000, 1001, 0, 65160), 6);
        assertEquals(out, back);
        assertEquals(out.hashCode(), back.hashCode());
        assertEquals(out.hash64(), back.hash64());
        assertNotEquals(out.reversed(), back.reversed(), "the key says which way each packet went");
    }

    @Test
    void sideAIsTheLowerAddressWhicheverWayThePacketWent() {
        // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, length 0
        FlowKey k = key(s.server(0, SYN | ACK, 5000, 1001, 0, 65160), 6);
        assertArrayEquals(TEN_0_0_1, k.address(true));
        assertEquals(40000, k.port(true));
        assertArrayEquals(TEN_0_0_2, k.address(false));
        assertEquals(80, k.port(false));
        assertTrue(k.reversed(), "this packet went from side B (10.0.0.2) to side A");
        assertEquals(4, k.ipVersion());
        assertEquals(6, k.protocol());
    }

    @Test
    void onLoopbackThePortsDecideTheSides() {
        // IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [S], seq 1000, win 65495, length 0
        // IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65483, length 0
        Segments lo = new Segments(new int[] {127, 0, 0, 1}, 40000, new int[] {127, 0, 0, 1}, 8080);
        FlowKey out = key(lo.client(0, SYN, 1000, 0, 0, 65495), 6);
        FlowKey back = key(lo.server(100, SYN | ACK, 5000, 1001, 0, 65483), 6);
        assertEquals(out, back);
        assertEquals(8080, out.port(true), "the lower port is side A when the addresses are equal");
        assertTrue(out.reversed());
        assertFalse(back.reversed());
    }

    @Test
    void anotherPortAnotherHostOrAnotherProtocolIsAnotherFlow() {
        // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0
        // IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0
        // IP 10.0.0.3.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0
        FlowKey k = key(s.client(0, SYN, 1000, 0, 0, 64240), 6);
        FlowKey otherPort = key(s.port(40001).client(0, SYN, 1000, 0, 0, 64240), 6);
        FlowKey otherHost = key(new Segments(new int[] {10, 0, 0, 3}, 40000, new int[] {10, 0, 0, 2}, 80)
                .client(0, SYN, 1000, 0, 0, 64240), 6);
        FlowKey asUdp = key(s.client(0, SYN, 1000, 0, 0, 64240), 17);
        assertNotEquals(k, otherPort);
        assertNotEquals(k, otherHost);
        assertNotEquals(k, asUdp, "TCP and UDP on the same ports are two flows");
        assertNotEquals(k.hash64(), otherPort.hash64());
        assertNotEquals(k.hash64(), otherHost.hash64());
        assertNotEquals(k.hash64(), asUdp.hash64());
    }

    @Test
    void ipv6KeysHoldAllSixteenBytes() {
        FlowKey out = key(s.hex(0, V6_SYN), 6);
        FlowKey back = key(s.hex(100, V6_BACK), 6);
        assertEquals(out, back);
        assertEquals(out.hash64(), back.hash64());
        assertEquals(6, out.ipVersion());
        byte[] one = new byte[16], two = new byte[16];
        one[0] = two[0] = 0x20;
        one[1] = two[1] = 0x01;
        one[2] = two[2] = 0x0d;
        one[3] = two[3] = (byte) 0xb8;
        one[15] = 1;
        two[15] = 2;
        assertArrayEquals(one, out.address(true));
        assertArrayEquals(two, out.address(false));
        assertEquals(40000, out.port(true));
        assertEquals(443, out.port(false));
    }

    @Test
    void aCopyKeepsItsValueWhenTheProbeIsRefilled() {
        // The tracker fills one probe per packet and stores a copy only for a new flow.
        FlowKey probe = key(s.client(0, SYN, 1000, 0, 0, 64240), 6);
        FlowKey stored = probe.copy();
        Packet other = new PacketPipeline().next(s.port(40001).client(0, SYN, 1000, 0, 0, 64240)).packet();
        probe.set(other, 6);
        assertNotEquals(stored, probe);
        assertEquals(40000, stored.port(true));
        assertEquals(stored, key(s.server(0, SYN | ACK, 5000, 1001, 0, 65160), 6));
    }

    @Test
    void theKeyOfAQuotedDatagramIsTheKeyOfTheDatagram() {
        // IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4, and the same addresses and ports as an ICMP error
        // quotes them: the tracker fills the key from the quote's values to find the flow.
        FlowKey datagram = key(s.hex(0, "000000000002 000000000001 0800"
                + "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67"), 17);
        FlowKey quoted = new FlowKey();
        quoted.set(4, 17, 0, 0x0a000001L, 51000, 0, 0x0a000002L, 9);
        assertEquals(datagram, quoted);
        assertEquals(datagram.hash64(), quoted.hash64());
    }

    @Test
    void packetsWithoutAddressesOrPortsHaveNoKey() {
        // ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
        Packet arp = new PacketPipeline().next(s.hex(0, "ffffffffffff 000000000001 0806"
                + "0001 0800 0604 0001 000000000001 0a000001 000000000000 0a000002")).packet();
        // IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4660, seq 7, length 8
        Packet ping = new PacketPipeline().next(s.hex(0, "000000000002 000000000001 0800"
                + "4500 001c 0000 4000 4001 26df 0a00 0001 0a00 0002" + "0800 e5c4 1234 0007")).packet();
        assertFalse(new FlowKey().set(arp, 6));
        assertFalse(new FlowKey().set(ping, 1));
    }
}
