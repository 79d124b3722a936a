package io.wirebook.tutorial.demo.scenarios;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What htons/htonl do to a port and an IPv4 address, as bytes in memory, for a CPU of a given byte order.
 * On a little-endian CPU (x86, most ARM) the host and network orders differ; on a big-endian one they agree
 * and htons/htonl change nothing.
 */
public final class ByteOrderFacts {
    private ByteOrderFacts() {}

    /** Ordered facts, keys relative ({@code port.network_bytes}); values as a tutorial would print them. */
    public static Map<String, String> of(Inet4Address addr, int port, ByteOrder cpu) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cpu", cpu.toString());
        // A port as the C program holds it: a uint16_t in the CPU's order.
        byte[] portHost = ByteBuffer.allocate(2).order(cpu).putShort((short) port).array();
        byte[] portNet = ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort((short) port).array();
        int htons = ByteBuffer.wrap(portNet).order(cpu).getShort() & 0xffff;
        f.put("port", Integer.toString(port));
        f.put("port.hex", String.format("0x%04X", port));
        f.put("port.host_bytes", hex(portHost));
        f.put("port.network_bytes", hex(portNet));
        f.put("port.htons_value", htons + String.format(" (0x%04X)", htons));

        byte[] addrNet = addr.getAddress(); // InetAddress keeps network order
        int value = ByteBuffer.wrap(addrNet).order(ByteOrder.BIG_ENDIAN).getInt();
        byte[] addrHost = ByteBuffer.allocate(4).order(cpu).putInt(value).array();
        int htonl = ByteBuffer.wrap(addrNet).order(cpu).getInt();
        f.put("addr", addr.getHostAddress());
        f.put("addr.value", Integer.toUnsignedString(value) + String.format(" (0x%08X)", value));
        f.put("addr.host_bytes", hex(addrHost));
        f.put("addr.network_bytes", hex(addrNet));
        f.put("addr.htonl_value", Integer.toUnsignedString(htonl) + String.format(" (0x%08X)", htonl));
        // /proc/net/tcp prints the network-order address read as a host integer, and the port after ntohs.
        f.put("proc_net_tcp_form", String.format("%08X:%04X", htonl, port));
        return f;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
