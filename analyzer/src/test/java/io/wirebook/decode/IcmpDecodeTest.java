package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.annotate.PacketNotes;
import io.wirebook.decode.Addresses;
import org.junit.jupiter.api.Test;

class IcmpDecodeTest {
    @Test
    void portUnreachableQuotingTcpNamesTheFlowItRefersTo() {
        // tcpdump: IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 tcp port 9 unreachable, length 36
        String quoted = "4500 003c 0001 4000 4006 0000 7f00 0001 7f00 0001" + "a411 0009 0000 03e8";
        String ip = "4500 0038 0002 0000 4001 0000 7f00 0001 7f00 0001" + "0303 0000 0000 0000" + quoted;
        Packet p = Frames.decodeIp(ip);
        assertNull(p.malformed);
        assertEquals(Packet.TRANSPORT_ICMP, p.transport);
        IcmpHeader m = p.icmp;
        assertEquals(3, m.type);
        assertEquals(3, m.code);
        assertEquals("destination unreachable", m.typeName());
        assertEquals("port unreachable", m.codeName());
        assertTrue(m.isError && m.hasInner);
        assertEquals(6, m.innerProtocol);
        assertEquals(42001, m.innerSourcePort);
        assertEquals(9, m.innerDestinationPort);
        assertEquals(1000, m.innerTcpSeq);
        assertEquals("127.0.0.1", Addresses.toString(4, p.bytes(), p.base() + m.innerSourceOffset));
        String note = new PacketNotes().note(p, null, null);
        assertTrue(note.contains("ECONNREFUSED"), note);
        assertTrue(note.contains("from port 42001 to port 9"), note);
    }

    @Test
    void icmpv6PortUnreachableQuotingUdp() {
        String inner = "6000 0000 0010 1140" + "0000 0000 0000 0000 0000 0000 0000 0001".repeat(2) + "d431 0035 0010 0000";
        String outer = "6000 0000 0038 3a40" + "0000 0000 0000 0000 0000 0000 0000 0001".repeat(2) + "0104 0000 0000 0000" + inner;
        Packet p = Frames.decodeIp(outer);
        assertNull(p.malformed);
        assertEquals(Packet.TRANSPORT_ICMPV6, p.transport);
        assertEquals("port unreachable", p.icmp.codeName());
        assertEquals(17, p.icmp.innerProtocol);
        assertEquals(54321, p.icmp.innerSourcePort);
        assertEquals(53, p.icmp.innerDestinationPort);
    }

    @Test
    void echoRequestHasIdAndSequence() {
        String ip = "4500 001c 0000 0000 4001 0000 0a00 0001 0a00 0002 0800 0000 1234 0007";
        Packet p = Frames.decodeIp(ip);
        assertEquals("echo request", p.icmp.typeName());
        assertEquals(0x1234, p.icmp.echoId);
        assertEquals(7, p.icmp.echoSeq);
        assertEquals(false, p.icmp.isError);
    }
}
