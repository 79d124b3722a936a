package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.TcpTable;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code unread-rst}: the server reads only the first {@value #READ} bytes of what the client sent and
 * closes. Data left unread in the receive queue makes Linux send RST instead of FIN (RFC 2525 2.17,
 * RFC 1122 4.2.2.13): the client's next read gets ECONNRESET and a write after it EPIPE.
 */
public final class UnreadRst extends LabScenario {
    static final byte[] MESSAGE = "hello, and more you will never read\n".getBytes(StandardCharsets.US_ASCII);
    static final int READ = 5;

    public UnreadRst() {
        super("unread-rst", "close() with unread data in the receive queue sends RST; the peer's read gets ECONNRESET",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            CountDownLatch closed = new CountDownLatch(1);
            lab.spawn("server", () -> {
                TcpSocket conn = listener.accept("conn");
                listener.close();
                InetSocketAddress client = conn.remoteAddress();
                // Wait until the whole message is in our receive queue, so the unread part is really there.
                Optional<TcpTableEntry> full = TcpTable.await(
                        e -> e.is(server, client) && e.rxQueue() >= MESSAGE.length, Observe.SETTLE);
                conn.read(READ);
                Observe.now(lab.server(), "server.before_close.proc_net_tcp", server, client);
                lab.server().note("server.unread_bytes", full.isPresent() ? MESSAGE.length - READ : -1);
                conn.close(); // RST, not FIN
                closed.countDown();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    c.write(MESSAGE);
                    closed.await(1, TimeUnit.SECONDS);
                    LingerRst.readAndWriteAfterReset(c);
                }
            });
            lab.awaitAll();
            return LingerRst.peerSaw(lab, "ECONNRESET");
        });
    }
}
