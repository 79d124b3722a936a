package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * {@code refused}: connect to a port nobody listens on. The kernel answers the SYN with RST/ACK and
 * {@code connect} fails with ECONNREFUSED. The port is found by binding a socket to port 0 and closing
 * it again (recorded on the server side as socket {@code closed-port}).
 */
public final class Refused extends LabScenario {
    public Refused() {
        super("refused", "connect() to a port nobody listens on: SYN, RST/ACK, ECONNREFUSED", Duration.ofSeconds(2));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        InetSocketAddress closed = closedTcpPort(lab);
        return Stage.of(Endpoint.tcp(closed, "closed-port"), () -> {
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(closed);
                } catch (ConnectException expected) {
                    // recorded as connect = -1 ECONNREFUSED
                }
            });
            lab.awaitAll();
            String errno = lab.log().callsOn("client").stream().filter(x -> x.call().equals("connect"))
                    .map(SocketCall::errno).findFirst().orElse(null);
            return "ECONNREFUSED".equals(errno)
                    ? Outcome.achieved("connect() failed with ECONNREFUSED")
                    : Outcome.missed("connect() ended with " + errno);
        });
    }

    /** A loopback TCP port that was free a moment ago and has no socket now. */
    static InetSocketAddress closedTcpPort(SocketLab lab) throws IOException {
        try (TcpSocket probe = lab.server().tcp("closed-port")) {
            probe.bind(Loopback.anyPort(StandardProtocolFamily.INET));
            return probe.localAddress();
        }
    }
}
