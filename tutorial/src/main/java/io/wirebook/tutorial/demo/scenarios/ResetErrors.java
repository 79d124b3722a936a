package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
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
 * {@code reset-errors}: what a program's calls return after its peer's RST. Two connections:
 * <ol>
 *   <li>The server accepts and closes at once: a FIN. The client, not reading, writes anyway: write()
 *       succeeds (the bytes only have to reach its own send buffer), the segment reaches a socket that no
 *       longer exists, and the server's kernel answers with RST. The client's read() then returns 0, not
 *       ECONNRESET: the FIN was queued first and reads end there (measured on Linux 6.18); the next write()
 *       fails with EPIPE.</li>
 *   <li>The server sets SO_LINGER {on, 0} and closes: a RST and no FIN. The client's read() fails with
 *       ECONNRESET, and a later write() with EPIPE (the JDK ignores the SIGPIPE that comes with it).</li>
 * </ol>
 */
public final class ResetErrors extends LabScenario {
    /** The results (or errno) of a socket's reads and writes, in order. */
    private static List<String> results(SocketLab lab, String sock) {
        return lab.log().callsOn(sock).stream().filter(x -> x.call().equals("read") || x.call().equals("write"))
                .map(x -> x.errno() != null ? x.errno() : x.result()).toList();
    }

    static final int GAP_MS = 100;

    public ResetErrors() {
        super("reset-errors", "After the peer's RST: read() = 0 if its FIN came first, else ECONNRESET; then write() = EPIPE",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    // close() at once: FIN, and nothing reads what comes later
                }
                try (TcpSocket conn = listener.accept("conn2")) {
                    conn.setLinger(0); // close() sends RST instead of FIN
                }
                listener.close();
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
                try (TcpSocket c = lab.client().tcp("client2")) {
                    c.connect(server);
                    pause(Duration.ofMillis(GAP_MS)); // the server's RST has arrived
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
            List<String> first = results(lab, "client"), second = results(lab, "client2");
            return first.equals(List.of("6", "0", "EPIPE")) && second.equals(List.of("ECONNRESET", "EPIPE"))
                    ? Outcome.achieved("after FIN then RST: write 6, read 0, write EPIPE; after RST alone: read ECONNRESET, write EPIPE")
                    : Outcome.missed("after FIN then RST: " + first + "; after RST alone: " + second);
        });
    }
}
