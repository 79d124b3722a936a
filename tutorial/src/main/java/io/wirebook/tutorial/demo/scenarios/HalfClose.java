package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code half-close}: the client sends its request and {@code shutdown(SHUT_WR)}s: a FIN that says "no more
 * from me", while it keeps reading. The server reads to end-of-stream, then sends its answer in
 * {@value #PARTS} parts and closes. While the server is sending, the client is in FIN_WAIT2 and the server in
 * CLOSE_WAIT; both are noted.
 */
public final class HalfClose extends LabScenario {
    static final int PARTS = 3;

    public HalfClose() {
        super("half-close",
                "The client shuts down its sending side (SHUT_WR) and keeps reading while the server sends, then closes",
                Duration.ofSeconds(3));
    }

    static byte[] part(int i) {
        return ("part " + i + " of the answer\n").getBytes(StandardCharsets.US_ASCII);
    }

    static long answerLength() {
        long n = 0;
        for (int i = 1; i <= PARTS; i++) {
            n += part(i).length;
        }
        return n;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            AtomicReference<InetSocketAddress> clientAddr = new AtomicReference<>();
            CountDownLatch connected = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    long request = conn.readToEnd(64); // the request, then 0 bytes: the client's FIN
                    lab.server().note("server.request_bytes", request);
                    connected.await(1, TimeUnit.SECONDS);
                    Observe.connection(lab.server(), "server.proc_net_tcp", server, clientAddr.get(),
                            KernelTcpState.CLOSE_WAIT);
                    Observe.connection(lab.client(), "client.proc_net_tcp", clientAddr.get(), server,
                            KernelTcpState.FIN_WAIT2);
                    for (int i = 1; i <= PARTS; i++) {
                        conn.write(part(i));
                        pause(Duration.ofMillis(50));
                    }
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    clientAddr.set(c.localAddress());
                    connected.countDown();
                    c.write(REQUEST);
                    c.shutdownOutput();
                    received.set(c.readToEnd(256)); // reading still works after our FIN
                }
            });
            lab.awaitAll();
            return received.get() == answerLength()
                    ? Outcome.achieved("the client read " + received.get() + " bytes after its own FIN")
                    : Outcome.missed("the client read " + received.get() + " of " + answerLength() + " bytes");
        });
    }
}
