package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.UdpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code udp-unreachable}: a datagram to a port with no socket; the kernel answers with ICMP port
 * unreachable. A <em>connected</em> UDP socket gets that as ECONNREFUSED on its next call (Java:
 * {@link PortUnreachableException}); an unconnected one is never told (Linux reports ICMP errors to
 * unconnected UDP sockets only with IP_RECVERR), which the second half shows: its wait for a reply ends
 * empty.
 */
public final class UdpUnreachable extends LabScenario {
    static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    static final Duration QUIET = Duration.ofMillis(300);

    public UdpUnreachable() {
        super("udp-unreachable",
                "A datagram to a closed port draws ICMP port unreachable: ECONNREFUSED on a connected UDP socket only",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        InetSocketAddress closed;
        try (UdpSocket probe = lab.server().udp("closed-port")) {
            probe.bind(Loopback.anyPort(StandardProtocolFamily.INET));
            closed = probe.localAddress();
        }
        return new Stage(List.of(Endpoint.udp(closed, "closed-port")), true, () -> {
            lab.spawn("client", () -> {
                try (UdpSocket c = lab.client().udp("client")) {
                    c.bind(Loopback.anyPort(StandardProtocolFamily.INET));
                    c.connect(closed);
                    c.send(PING);
                    try {
                        c.receive(64);
                    } catch (PortUnreachableException expected) {
                        // recvfrom = -1 ECONNREFUSED: the ICMP error, delivered to the connected socket
                    }
                }
                try (UdpSocket u = lab.client().udp("client-unconnected")) {
                    u.bind(Loopback.anyPort(StandardProtocolFamily.INET));
                    u.sendTo(PING, closed);
                    lab.client().note("unconnected.error_reported", u.awaitReadable(QUIET));
                }
            });
            lab.awaitAll();
            Optional<SocketCall> recv = lab.log().callsOn("client").stream()
                    .filter(x -> x.call().equals("recvfrom")).findFirst();
            String errno = recv.map(SocketCall::errno).orElse("no recvfrom");
            boolean silent = lab.log().noteValue("unconnected.error_reported").orElse("").equals("false");
            return "ECONNREFUSED".equals(errno) && silent
                    ? Outcome.achieved("connected socket: recv got ECONNREFUSED; unconnected socket: nothing")
                    : Outcome.missed("connected socket's recv: " + errno + "; unconnected told: " + !silent);
        });
    }
}
