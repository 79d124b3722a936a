package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code linger-rst}: the client sets SO_LINGER to {on, 0} and closes. Instead of FIN the kernel sends RST
 * and forgets the connection at once: no TIME_WAIT. The server, reading after the RST arrived, gets
 * ECONNRESET; a write after that gets EPIPE, because the reset also shut the socket down for sending.
 */
public final class LingerRst extends LabScenario {
    public LingerRst() {
        super("linger-rst", "SO_LINGER {on, 0} then close(): RST instead of FIN; the peer's read gets ECONNRESET",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            CountDownLatch requestRead = new CountDownLatch(1);
            CountDownLatch reset = new CountDownLatch(1);
            AtomicReference<InetSocketAddress> clientAddr = new AtomicReference<>();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    listener.close();
                    conn.readExactly(REQUEST.length);
                    requestRead.countDown();
                    reset.await(1, TimeUnit.SECONDS);
                    readAndWriteAfterReset(conn);
                }
            });
            lab.spawn("client", () -> {
                TcpSocket c = lab.client().tcp("client");
                c.connect(server);
                clientAddr.set(c.localAddress());
                c.write(REQUEST);
                requestRead.await(1, TimeUnit.SECONDS);
                c.setLinger(0);
                c.close(); // RST
                reset.countDown();
            });
            lab.awaitAll();
            Observe.now(lab.client(), "client.proc_net_tcp", clientAddr.get(), server); // absent: no TIME_WAIT
            return peerSaw(lab, "ECONNRESET");
        });
    }

    /** The server's read after the reset, then a write; both errors are in the log. */
    static void readAndWriteAfterReset(TcpSocket conn) {
        try {
            conn.read(64);
        } catch (IOException expected) {
            // read = -1 ECONNRESET
        }
        try {
            conn.write(RESPONSE);
        } catch (IOException expected) {
            // write = -1 EPIPE
        }
    }

    /** Achieved when the first read after the reset (on either side) failed with {@code errno}. */
    static Outcome peerSaw(SocketLab lab, String errno) {
        Optional<SocketCall> failedRead = lab.log().calls().stream()
                .filter(c -> c.call().equals("read") && c.failed()).findFirst();
        String got = failedRead.map(SocketCall::errno).orElse("no error");
        return errno.equals(got)
                ? Outcome.achieved("the peer's read after the RST failed with " + got)
                : Outcome.missed("the peer's read after the RST gave " + got + ", expected " + errno);
    }
}
