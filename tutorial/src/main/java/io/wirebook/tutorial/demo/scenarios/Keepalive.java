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

/**
 * {@code keepalive}: an idle connection whose client turned on SO_KEEPALIVE with TCP_KEEPIDLE =
 * {@value #IDLE_S} s and TCP_KEEPINTVL = {@value #INTERVAL_S} s (the system defaults are 7200 s and 75 s).
 * Nothing is written for {@value #IDLE_MS} ms; after the idle time the client's kernel sends a probe, an
 * ACK one byte behind what it has sent (seq = snd_nxt - 1, no data), which the server's kernel answers with
 * a plain ACK, and again every interval while the connection stays idle; no call is made for any of it.
 */
public final class Keepalive extends LabScenario {
    static final int IDLE_S = 1, INTERVAL_S = 1, COUNT = 3;
    static final int IDLE_MS = 3500;

    public Keepalive() {
        super("keepalive", "SO_KEEPALIVE with a 1 s idle time and 1 s interval: the kernel's probes and their ACKs on an idle connection",
                Duration.ofSeconds(6));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    conn.readExactly(REQUEST.length);
                    conn.write(RESPONSE);
                    conn.read(64); // end of stream: the client's FIN after the idle time
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.setKeepAlive(IDLE_S, INTERVAL_S, COUNT);
                    c.connect(server);
                    c.write(REQUEST);
                    c.readExactly(RESPONSE.length);
                    pause(Duration.ofMillis(IDLE_MS));
                }
            });
            lab.awaitAll();
            return Outcome.achieved("the connection stayed idle for " + IDLE_MS + " ms with keep-alive on");
        });
    }
}
