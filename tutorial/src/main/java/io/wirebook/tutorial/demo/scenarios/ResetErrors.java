package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;

/**
 * {@code reset-errors}: the errors a program gets after its peer's RST, when it did nothing wrong itself.
 * The server accepts and closes at once (its FIN: the client's read would now return 0). The client,
 * not reading, writes anyway: write() succeeds (the bytes only have to reach its own send buffer), the
 * segment reaches a socket that no longer exists, and the server's kernel answers with RST. Then the
 * client's read() fails with ECONNRESET (the reset is reported once), and a later write() with EPIPE: the
 * connection is gone for sending too (the JDK ignores the SIGPIPE that comes with it).
 */
public final class ResetErrors extends LabScenario {
    static final int GAP_MS = 100;

    public ResetErrors() {
        super("reset-errors", "write() to a peer that closed: the write succeeds, the peer's kernel answers RST, then read() = ECONNRESET and write() = EPIPE",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    listener.close();
                } // close() at once: FIN, and nothing reads what comes later
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    pause(Duration.ofMillis(GAP_MS)); // the server's FIN has arrived
                    c.write(REQUEST); // succeeds: the RST comes back after write() returned
                    pause(Duration.ofMillis(GAP_MS));
                    try {
                        c.read(64);
                    } catch (IOException expected) {
                        // recorded as read = -1 ECONNRESET
                    }
                    try {
                        c.write(REQUEST);
                    } catch (IOException expected) {
                        // recorded as write = -1 EPIPE
                    }
                }
            });
            lab.awaitAll();
            List<String> errnos = lab.log().callsOn("client").stream()
                    .filter(x -> x.call().equals("read") || x.call().equals("write")).map(SocketCall::errno).toList();
            return errnos.equals(java.util.Arrays.asList(null, "ECONNRESET", "EPIPE"))
                    ? Outcome.achieved("write() = 6, then read() = -1 ECONNRESET and write() = -1 EPIPE")
                    : Outcome.missed("the client's write, read, write ended with " + errnos);
        });
    }
}
