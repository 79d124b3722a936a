package io.wirebook.tutorial.demo.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.tutorial.demo.sockets.Loopback;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TcpTableTest {
    // Lines as Linux 6.18 printed them during the scenarios (x86-64, little-endian).
    static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:8EFD 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 45514 3 000000007b5b8cd4 100 0 0 10 0
               3: 0100007F:8117 0100007F:8B8D 06 00000000:00000000 03:0000176E 00000000     0        0 0 3 00000000a17d6100
               5: 0100007F:86C8 0100007F:8EFD 02 00000001:00000000 01:00000032 00000001     0        0 46198 2 00000000161b47b3 100 0 0 1 -1
               1: 0100007F:82CB 0100007F:C740 01 00006000:00000000 04:00000035 00000000     0        1 46183 2 0000000098bc934f 20 0 0 12 -1
            """;

    @Test
    void decodesEveryColumnWeUse() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "sample lines are from x86-64");
        List<TcpTableEntry> es = TcpTable.parse(TABLE);
        assertEquals(4, es.size());

        TcpTableEntry listen = es.get(0);
        assertEquals(new InetSocketAddress(Loopback.V4, 0x8EFD), listen.local());
        assertEquals(KernelTcpState.LISTEN, listen.state());
        assertEquals(2, listen.rxQueue()); // accept queue
        assertEquals(45514, listen.inode());

        TcpTableEntry tw = es.get(1);
        assertEquals(KernelTcpState.TIME_WAIT, tw.state());
        assertEquals(33047, tw.local().getPort());
        assertEquals(35725, tw.remote().getPort());
        assertEquals("time_wait", tw.timerName());
        assertEquals(0x176E, tw.timerTicks());
        assertEquals(59980, tw.timerMillis());
        assertEquals(0, tw.inode());
        assertTrue(tw.is(new InetSocketAddress(Loopback.V4, 33047), new InetSocketAddress(Loopback.V4, 35725)));

        TcpTableEntry synSent = es.get(2);
        assertEquals(KernelTcpState.SYN_SENT, synSent.state());
        assertEquals(1, synSent.txQueue()); // the SYN counts as one byte of sequence space
        assertEquals("retransmit", synSent.timerName());
        assertEquals(1, synSent.retransmits());

        TcpTableEntry probing = es.get(3);
        assertEquals("zero_window_probe", probing.timerName());
        assertEquals(24576, probing.txQueue());
        assertEquals(0, probing.uid());
        assertEquals(1, probing.probes()); // one zero-window probe sent and not answered yet
        assertEquals("127.0.0.1:33483 -> 127.0.0.1:51008 ESTABLISHED rx=0 tx=24576 timer=zero_window_probe 530ms"
                + " retr=0 probes=1",
                probing.summary());
    }

    @Test
    void decodesIpv6Words() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        TcpTableEntry e = TcpTable.parseLine("0: 00000000000000000000000001000000:9B5C "
                + "0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000 0 1 1");
        assertEquals(new InetSocketAddress(Loopback.V6, 0x9B5C), e.local());
        assertEquals("/127.0.0.1:8080", e.remote().toString()); // ::ffff:127.0.0.1, which Java shows as IPv4
    }

    @Test
    void unknownStatesAreKeptNotRejected() {
        TcpTableEntry e = TcpTable.parseLine("0: 0100007F:0001 0100007F:0002 3F 0:0 00:0 0 0 0 0");
        assertEquals(KernelTcpState.UNKNOWN, e.state());
    }

    @Test
    void badLinesSayWhichColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpTable.parseLine("0: 0100007F:0001 0100007F:0002 0Z 0:0 00:0 0 0 0 0"));
        assertTrue(e.getMessage().startsWith("st:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TcpTable.parseLine("0: 0100007F0001 0100007F:0002 01 0:0 00:0 0 0 0 0"));
        assertTrue(e.getMessage().startsWith("local_address:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TcpTable.parseLine("0: too few"));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
    }

    @Test
    void readsTheLiveTablesAndSysctls() throws Exception {
        TcpTable.snapshot(); // must not throw on this machine's tables
        // A multi-digit sysctl must come back whole (Files.readString on /proc/sys returns its first byte).
        String somaxconn = Sysctl.read("net.core.somaxconn").orElseThrow();
        assertTrue(somaxconn.matches("\\d+"), somaxconn);
        assertEquals(Integer.parseInt(somaxconn), Integer.parseInt(somaxconn.trim()));
        assertTrue(Sysctl.read("net.ipv4.ip_local_port_range").orElseThrow().matches("\\d+ \\d+"));
        assertTrue(Sysctl.read("net.ipv4.no_such_thing").isEmpty());
        assertTrue(!Sysctl.kernelRelease().isEmpty());
    }
}
