package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.sockets.Libc;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * {@code close-refcount}: close() releases a descriptor, not the connection. The client dup()s its
 * connected socket (libc, through JNA) and closes the copy: nothing is sent, the connection stays up;
 * {@value #GAP_MS} ms later it closes the original, the last descriptor, and only then the FIN leaves. On a
 * second connection it dup()s again and calls shutdown(SHUT_WR) on the original: the FIN leaves at once,
 * whatever the descriptor count, because shutdown() acts on the socket itself.
 */
public final class CloseRefcount extends LabScenario {
    static final int GAP_MS = 300;

    public CloseRefcount() {
        super("close-refcount", "dup() a socket: close() of one copy sends nothing, the FIN leaves with the last close; shutdown() sends it at once",
                Duration.ofSeconds(4));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("server", () -> {
                for (String name : new String[] {"conn1", "conn2"}) {
                    try (TcpSocket conn = listener.accept(name)) {
                        conn.read(64); // 0: end of stream, the client's FIN
                    }
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                Libc libc = lab.client().libc();
                try (TcpSocket c = lab.client().tcp("client1")) {
                    c.connect(server);
                    Libc.RawFd copy = libc.dup(c, "client1-copy");
                    libc.close(copy); // one descriptor of two: no FIN
                    pause(Duration.ofMillis(GAP_MS));
                } // close(client1): the last descriptor, the FIN
                pause(Duration.ofMillis(GAP_MS));
                try (TcpSocket c = lab.client().tcp("client2")) {
                    c.connect(server);
                    Libc.RawFd copy = libc.dup(c, "client2-copy");
                    c.shutdownOutput(); // the FIN now, with the copy still open
                    pause(Duration.ofMillis(GAP_MS));
                    libc.close(copy);
                }
            });
            lab.awaitAll();
            return Outcome.achieved("two connections closed, one by its last close(), one by shutdown()");
        });
    }
}
