package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.TcpTable;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code byte-order}: a connection to port {@value #PORT} (0x1234, whose two bytes are easy to spot) on
 * 127.0.0.1, with notes {@code byte_order.*} on how that port and address look in host and network order
 * (what htons/htonl give), and the listener's /proc/net/tcp line, where the kernel prints the address as
 * {@code 0100007F}. If the port is taken, a free port is used instead and the notes say so.
 */
public final class ByteOrderScenario extends LabScenario {
    static final int PORT = 0x1234;

    public ByteOrderScenario() {
        super("byte-order",
                "A connection on port 4660 (0x1234): the port and 127.0.0.1 in host and network byte order",
                Duration.ofSeconds(2));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        boolean taken = TcpTable.snapshot().stream().anyMatch(e -> e.local().getPort() == PORT);
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, taken ? 0 : PORT, 8);
        InetSocketAddress server = listener.localAddress();
        lab.log().note(null, "byte_order.chosen_port_free", !taken);
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            Map<String, String> facts = ByteOrderFacts.of((Inet4Address) Loopback.V4, server.getPort(),
                    ByteOrder.nativeOrder());
            facts.forEach((k, v) -> lab.log().note(null, "byte_order." + k, v));
            Optional<TcpTableEntry> line = TcpTable.snapshot().stream()
                    .filter(e -> e.local().equals(server) && e.state() == KernelTcpState.LISTEN).findFirst();
            line.ifPresent(e -> Observe.line(lab.server(), "listener.proc_net_tcp", e));
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    listener.close();
                    conn.readExactly(REQUEST.length);
                    conn.write(RESPONSE);
                    conn.read(64);
                }
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    c.write(REQUEST);
                    c.readExactly(RESPONSE.length);
                }
            });
            lab.awaitAll();
            String form = facts.get("proc_net_tcp_form");
            boolean matches = line.map(e -> e.line().contains(form)).orElse(false);
            lab.log().note(null, "byte_order.proc_line_matches", matches);
            return matches
                    ? Outcome.achieved("port " + server.getPort() + " on the wire as " + facts.get("port.network_bytes")
                            + ", in /proc/net/tcp as " + form)
                    : Outcome.missed("the listener's /proc/net/tcp line does not read " + form);
        });
    }
}
