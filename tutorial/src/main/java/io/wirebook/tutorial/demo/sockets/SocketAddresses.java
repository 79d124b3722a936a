package io.wirebook.tutorial.demo.sockets;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** JDK socket addresses written the way {@code ss} and {@code tcpdump} write them ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), through the analyzer's {@code decode.Addresses}. */
public final class SocketAddresses {
    private SocketAddresses() {}

    /**
     * Dotted quad for IPv4; RFC 5952 text for IPv6, by the analyzer's formatter, so a socket call's address reads
     * exactly as the packets' do (lowercase, longest run of zero groups as {@code ::}, IPv4-mapped as
     * {@code ::ffff:a.b.c.d}).
     */
    public static String format(InetAddress a) {
        return io.wirebook.decode.Addresses.toString(a.getAddress());
    }

    /** {@code 127.0.0.1:8080} or {@code [::1]:8080}. */
    public static String format(InetSocketAddress sa) {
        String host = format(sa.getAddress());
        return (sa.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + sa.getPort();
    }
}
