package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code server-closes-first}: the server answers and closes at once (as an HTTP/1.0 server does); the
 * client reads the answer, then end-of-stream, and closes {@value Handshake#SERVER_CLOSE_DELAY_MS} ms later.
 * The server's side of the connection, on the listening port, is the one left in TIME_WAIT.
 */
public final class ServerClosesFirst extends LabScenario {
    public ServerClosesFirst() {
        super("server-closes-first",
                "The server answers and closes first; its end of the connection (on the listening port) ends in TIME_WAIT",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            AtomicReference<InetSocketAddress> clientAddr = new AtomicReference<>();
            lab.spawn("server", () -> {
                TcpSocket conn = listener.accept("conn");
                conn.readExactly(REQUEST.length);
                conn.write(RESPONSE);
                conn.close();
                listener.close();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    clientAddr.set(c.localAddress());
                    c.write(REQUEST);
                    c.readExactly(RESPONSE.length);
                    c.read(64); // 0 bytes: the server's FIN
                    pause(Duration.ofMillis(Handshake.SERVER_CLOSE_DELAY_MS));
                }
            });
            lab.awaitAll();
            Optional<TcpTableEntry> tw = Observe.connection(lab.server(), "server.proc_net_tcp", server,
                    clientAddr.get(), KernelTcpState.TIME_WAIT);
            return tw.isPresent()
                    ? Outcome.achieved("the server's end " + io.wirebook.tutorial.demo.sockets.SocketAddresses.format(server) + " is in TIME_WAIT")
                    : Outcome.missed("the server's end of the connection is not in TIME_WAIT");
        });
    }
}
