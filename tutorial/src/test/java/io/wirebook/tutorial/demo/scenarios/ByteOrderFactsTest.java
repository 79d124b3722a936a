package io.wirebook.tutorial.demo.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.tutorial.demo.sockets.Loopback;
import java.net.Inet4Address;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteOrderFactsTest {
    @Test
    void littleEndianCpu() {
        Map<String, String> f = ByteOrderFacts.of((Inet4Address) Loopback.V4, 0x1234, ByteOrder.LITTLE_ENDIAN);
        assertEquals("4660", f.get("port"));
        assertEquals("34 12", f.get("port.host_bytes"));
        assertEquals("12 34", f.get("port.network_bytes"));
        assertEquals("13330 (0x3412)", f.get("port.htons_value"));
        assertEquals("2130706433 (0x7F000001)", f.get("addr.value"));
        assertEquals("01 00 00 7f", f.get("addr.host_bytes"));
        assertEquals("7f 00 00 01", f.get("addr.network_bytes"));
        assertEquals("16777343 (0x0100007F)", f.get("addr.htonl_value"));
        assertEquals("0100007F:1234", f.get("proc_net_tcp_form"));
    }

    @Test
    void bigEndianCpuChangesNothing() {
        Map<String, String> f = ByteOrderFacts.of((Inet4Address) Loopback.V4, 0x1234, ByteOrder.BIG_ENDIAN);
        assertEquals(f.get("port.network_bytes"), f.get("port.host_bytes"));
        assertEquals("4660 (0x1234)", f.get("port.htons_value"));
        assertEquals("7F000001:1234", f.get("proc_net_tcp_form"));
    }
}
