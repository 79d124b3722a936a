package io.wirebook.tutorial.demo.sockets;

import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket options JDK 17 sets by itself when it opens a channel on Linux, in the order strace shows
 * them right after socket(2). They are recorded as {@code setsockopt} calls with {@code by=jdk}, because
 * they change behaviour a learner meets (SO_REUSEADDR on every listener) or shows up in strace.
 */
final class JdkDefaults {
    /** One option: level, name, value as strace prints them. */
    record Option(String level, String option, String value) {}

    enum Kind { LISTENER, STREAM, DATAGRAM }

    private JdkDefaults() {}

    static List<Option> after(Kind kind, ProtocolFamily family) {
        List<Option> out = new ArrayList<>();
        boolean v6 = family == StandardProtocolFamily.INET6;
        if (v6) {
            out.add(new Option("IPPROTO_IPV6", "IPV6_V6ONLY", "0")); // dual-stack sockets, even when asked for INET6
        }
        switch (kind) {
            case LISTENER -> out.add(new Option("SOL_SOCKET", "SO_REUSEADDR", "1"));
            case DATAGRAM -> {
                if (v6) {
                    out.add(new Option("IPPROTO_IPV6", "IPV6_RECVPKTINFO", "0"));
                    out.add(new Option("IPPROTO_IPV6", "IPV6_MULTICAST_HOPS", "1"));
                } else {
                    out.add(new Option("IPPROTO_IP", "IP_MULTICAST_ALL", "0"));
                }
            }
            case STREAM -> { }
        }
        return out;
    }
}
