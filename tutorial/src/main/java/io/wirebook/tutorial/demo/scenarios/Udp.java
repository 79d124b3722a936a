package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.UdpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code udp}: three datagrams of different sizes, three {@code recvfrom}s of the same sizes. Unlike TCP,
 * UDP keeps message boundaries: a read never returns part of one datagram joined to another.
 */
public final class Udp extends LabScenario {
    static final int[] SIZES = {7, 300, 1200};

    public Udp() {
        super("udp", "Three datagrams of different sizes arrive as three datagrams: UDP keeps message boundaries",
                Duration.ofSeconds(2));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        UdpSocket server = lab.server().udp("server");
        server.bind(Loopback.anyPort(StandardProtocolFamily.INET));
        InetSocketAddress at = server.localAddress();
        return Stage.of(Endpoint.udp(at, "udp-server"), () -> {
            List<Integer> sizes = new ArrayList<>();
            lab.spawn("server", () -> {
                try (server) {
                    for (int i = 0; i < SIZES.length; i++) {
                        sizes.add(server.receiveFrom(2048).length());
                    }
                }
            });
            lab.spawn("client", () -> {
                try (UdpSocket c = lab.client().udp("client")) {
                    c.bind(Loopback.anyPort(StandardProtocolFamily.INET));
                    for (int size : SIZES) {
                        byte[] d = new byte[size];
                        Arrays.fill(d, (byte) 'u');
                        c.sendTo(d, at);
                    }
                }
            });
            lab.awaitAll();
            List<Integer> want = Arrays.stream(SIZES).boxed().toList();
            return sizes.equals(want)
                    ? Outcome.achieved("received " + sizes + ": one recvfrom per datagram")
                    : Outcome.missed("sent " + want + ", received " + sizes);
        });
    }
}
