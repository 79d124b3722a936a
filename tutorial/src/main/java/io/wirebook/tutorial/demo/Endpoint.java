package io.wirebook.tutorial.demo;

import io.wirebook.tutorial.demo.sockets.SocketAddresses;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An address a scenario's traffic will use, known before any packet is sent, so a capture can set its
 * filter first: a listener's address, a closed port the client will be refused at, a UDP server.
 *
 * @param transport TCP or UDP
 * @param address   a loopback address and a fixed port (never 0)
 * @param role      what it is in the scenario ({@code listener}, {@code closed-port}, {@code udp-server})
 */
public record Endpoint(Transport transport, InetSocketAddress address, String role) {
    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        if (address.getPort() == 0) {
            throw new IllegalArgumentException("an endpoint's port must be known before traffic starts");
        }
    }

    public static Endpoint tcp(InetSocketAddress address, String role) {
        return new Endpoint(Transport.TCP, address, role);
    }

    public static Endpoint udp(InetSocketAddress address, String role) {
        return new Endpoint(Transport.UDP, address, role);
    }

    /** {@code tcp port 40123}. */
    public String bpf() {
        return transport.bpfName() + " port " + address.getPort();
    }

    /**
     * A BPF filter that keeps every packet of these endpoints (and, when {@code icmp}, the ICMP errors
     * about them, whose embedded UDP header a {@code udp port} primitive does not look into).
     */
    public static String bpfFilter(List<Endpoint> endpoints, boolean icmp) {
        Set<String> parts = new LinkedHashSet<>();
        for (Endpoint e : endpoints) {
            parts.add(e.bpf());
        }
        if (icmp) {
            parts.add("icmp");
            parts.add("icmp6");
        }
        return String.join(" or ", parts);
    }

    @Override
    public String toString() {
        return role + " " + transport.bpfName() + " " + SocketAddresses.format(address);
    }
}
