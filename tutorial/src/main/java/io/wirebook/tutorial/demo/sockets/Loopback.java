package io.wirebook.tutorial.demo.sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;

/** The only addresses scenarios use: 127.0.0.1 and ::1. */
public final class Loopback {
    public static final InetAddress V4 = literal(new byte[] {127, 0, 0, 1});
    public static final InetAddress V6 = literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private Loopback() {}

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // no name lookup for a byte literal
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** 127.0.0.1 for INET, ::1 for INET6. */
    public static InetAddress of(ProtocolFamily family) {
        return family == StandardProtocolFamily.INET6 ? V6 : V4;
    }

    /** The loopback address of the family, port 0: "any free port". */
    public static InetSocketAddress anyPort(ProtocolFamily family) {
        return new InetSocketAddress(of(family), 0);
    }

    /** Refuses a destination that is not loopback: scenarios never send anywhere else. */
    public static InetSocketAddress requireLoopback(InetSocketAddress sa) {
        if (sa.getAddress() == null || !sa.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("scenarios talk to loopback addresses only, not " + sa);
        }
        return sa;
    }

    /** Refuses a local address that is neither loopback nor the wildcard. */
    static InetSocketAddress requireLocal(InetSocketAddress sa) {
        if (sa.getAddress() == null || !(sa.getAddress().isLoopbackAddress() || sa.getAddress().isAnyLocalAddress())) {
            throw new IllegalArgumentException("scenarios bind loopback or wildcard addresses only, not " + sa);
        }
        return sa;
    }

    /** True when ::1 can be bound here (IPv6 may be disabled). */
    public static boolean hasIpv6() {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.bind(new InetSocketAddress(V6, 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
