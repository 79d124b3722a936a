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
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code handshake} (and {@code ipv6}, the same over ::1): three-way handshake, one request and response,
 * then the client closes first and ends in TIME_WAIT.
 *
 * <p>The server waits {@value #SERVER_CLOSE_DELAY_MS} ms between reading end-of-stream and closing, longer
 * than Linux's longest delayed ACK (200 ms), so its ACK of the client's FIN leaves on its own and the close
 * is the textbook four segments: FIN, ACK, FIN, ACK. ({@code three-way-close} is the same without the wait.)
 */
public final class Handshake extends LabScenario {
    static final int SERVER_CLOSE_DELAY_MS = 300;

    private final ProtocolFamily family;

    public Handshake() {
        this("handshake", StandardProtocolFamily.INET,
                "TCP three-way handshake, one request/response, client closes first and ends in TIME_WAIT");
    }

    private Handshake(String name, ProtocolFamily family, String description) {
        super(name, description, Duration.ofSeconds(3));
        this.family = family;
    }

    /** The same conversation over IPv6 loopback (::1). */
    public static Handshake ipv6() {
        return new Handshake("ipv6", StandardProtocolFamily.INET6,
                "The handshake scenario over IPv6 loopback (::1): same calls, AF_INET6 sockets");
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, family, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            AtomicReference<InetSocketAddress> clientAddr = new AtomicReference<>();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    conn.readExactly(REQUEST.length);
                    conn.write(RESPONSE);
                    conn.read(64); // 0 bytes: the client's FIN
                    pause(Duration.ofMillis(SERVER_CLOSE_DELAY_MS));
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                TcpSocket c = lab.client().tcp("client", family);
                c.connect(server);
                clientAddr.set(c.localAddress());
                c.write(REQUEST);
                c.readExactly(RESPONSE.length);
                c.close();
            });
            lab.awaitAll();
            Optional<TcpTableEntry> tw = Observe.connection(lab.client(), "client.proc_net_tcp", clientAddr.get(),
                    server, KernelTcpState.TIME_WAIT);
            return tw.isPresent()
                    ? Outcome.achieved("client " + io.wirebook.tutorial.demo.sockets.SocketAddresses.format(clientAddr.get()) + " is in TIME_WAIT, " + tw.get().timerMillis()
                            + " ms left")
                    : Outcome.missed("the client's side of the connection is not in TIME_WAIT");
        });
    }
}
