package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The names of wire numbers: protocol numbers, TCP option kinds, MPTCP subtypes, ICMP and ICMPv6 types.
 * Known numbers are the constants, unknown ones are values named after their number (never an exception),
 * and a lookup of an 8-bit number allocates nothing once that number was seen.
 */
class WireValuesTest {
    @Test
    void ipProtocols() {
        assertSame(IpProtocol.TCP, IpProtocol.valueOf(6));
        assertEquals("tcp", IpProtocol.TCP.name());
        assertEquals("TCP", IpProtocol.TCP.words());
        assertEquals("icmpv6", IpProtocol.valueOf(58).name());
        assertEquals("none", IpProtocol.valueOf(59).name());
        assertEquals("ip-proto-132", IpProtocol.valueOf(132).name());
        assertEquals("protocol 132", IpProtocol.valueOf(132).words());
        assertEquals(132, IpProtocol.valueOf(132).value());
        assertSame(IpProtocol.valueOf(132), IpProtocol.valueOf(132), "unknown numbers are cached too");
        assertEquals("ip-proto-300", IpProtocol.valueOf(300).name());
        assertEquals(IpProtocol.valueOf(300), IpProtocol.valueOf(300));
        assertEquals(IpProtocol.valueOf(300).hashCode(), IpProtocol.valueOf(300).hashCode());
        assertNotEquals(IpProtocol.TCP, IpProtocol.UDP);
        assertNotEquals(IpProtocol.valueOf(1), Icmpv6Type.valueOf(1));
    }

    @Test
    void tcpOptionKinds() {
        assertSame(TcpOptionKind.MSS, TcpOptionKind.valueOf(TcpHeader.OPT_MSS));
        assertEquals("sackOK", TcpOptionKind.valueOf(4).name());
        assertEquals("TS", TcpOptionKind.valueOf(8).name());
        assertEquals("tfo", TcpOptionKind.valueOf(34).name());
        assertEquals("exp", TcpOptionKind.valueOf(254).name());
        assertTrue(TcpOptionKind.valueOf(253).isExperimental());
        assertFalse(TcpOptionKind.FAST_OPEN.isExperimental());
        assertEquals("unknown-99", TcpOptionKind.valueOf(99).name());
        assertEquals("unknown-99", TcpOptionKind.valueOf(99).toString());
        assertEquals("unknown--1", TcpOptionKind.valueOf(-1).name());
    }

    @Test
    void mptcpSubtypesHaveOneTable() {
        String[] names = {"MP_CAPABLE", "MP_JOIN", "DSS", "ADD_ADDR", "REMOVE_ADDR", "MP_PRIO", "MP_FAIL",
                "MP_FASTCLOSE", "MP_TCPRST"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], MptcpSubtype.valueOf(i).name());
        }
        assertEquals("subtype 9", MptcpSubtype.valueOf(9).name());
        assertEquals("subtype 15", MptcpSubtype.valueOf(15).name());
        assertSame(MptcpSubtype.MP_TCPRST, MptcpSubtype.of(new byte[] {30, 4, (byte) 0x80, 0}, 0));
    }

    @Test
    void icmpTypesAndCodes() {
        assertSame(IcmpType.DESTINATION_UNREACHABLE, IcmpType.valueOf(3));
        assertEquals("port unreachable", IcmpType.valueOf(3).codeName(3));
        assertEquals("code 8", IcmpType.valueOf(3).codeName(8));
        assertEquals("code 200", IcmpType.valueOf(3).codeName(200));
        assertEquals("TTL exceeded in transit", IcmpType.valueOf(11).codeName(0));
        assertEquals("for host", IcmpType.valueOf(5).codeName(1));
        assertNull(IcmpType.ECHO_REQUEST.codeName(0));
        assertEquals("type 42", IcmpType.valueOf(42).name());
        assertNull(IcmpType.valueOf(42).codeName(0));
        assertTrue(IcmpType.valueOf(12).isError());
        assertFalse(IcmpType.valueOf(8).isError());
        assertFalse(IcmpType.valueOf(42).isError());

        assertEquals("echo request", Icmpv6Type.valueOf(128).name());
        assertEquals("port unreachable", Icmpv6Type.valueOf(1).codeName(4));
        assertEquals("hop limit exceeded in transit", Icmpv6Type.valueOf(3).codeName(0));
        assertEquals("type 200", Icmpv6Type.valueOf(200).name());
        assertTrue(Icmpv6Type.PACKET_TOO_BIG.isError());
        assertFalse(Icmpv6Type.valueOf(135).isError());
        assertEquals("destination unreachable", IcmpHeader.typeName(4, 3));
        assertEquals("packet too big", IcmpHeader.typeName(6, 2));
        assertEquals("address unreachable", IcmpHeader.codeName(6, 1, 3));
    }

    @Test
    void lookupsAllocateNothingOnceEachNumberWasSeen() {
        for (int i = 0; i < 256; i++) {
            lookUpAll(i);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 256; i++) {
                sum += lookUpAll(i);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum > 0);
        // The counter itself may cost a few bytes; 25,600 lookups of each type allocating would be megabytes.
        assertTrue(allocated < 4096, allocated + " bytes allocated");
    }

    private static long lookUpAll(int i) {
        return IpProtocol.valueOf(i).value() + TcpOptionKind.valueOf(i).value() + MptcpSubtype.valueOf(i & 15).value()
                + IcmpType.valueOf(i).value() + Icmpv6Type.valueOf(i).value() + (IcmpHeader.isError(4, i) ? 1 : 0)
                + (IcmpHeader.isError(6, i) ? 1 : 0);
    }
}
