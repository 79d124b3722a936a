package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.capture.Frame;
import io.wirebook.decode.Packet;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.decode.TcpHeader;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code three-way-close}: the server is blocked in {@code read} when the client's FIN arrives and closes
 * at once. Linux holds the ACK of a FIN back as a delayed ACK, so the server's FIN leaves with it:
 * FIN, FIN/ACK, ACK.
 */
public final class ThreeWayClose extends LabScenario {
    public ThreeWayClose() {
        super("three-way-close",
                "The server closes the moment it reads end-of-stream, so its FIN rides on its ACK: FIN, FIN/ACK, ACK",
                Duration.ofSeconds(3));
    }

    /** The server must close within the delayed-ACK time (40 ms or more): a loaded machine may miss it. */
    @Override
    public int maxAttempts() {
        return 5;
    }

    /** Shown when the server's FIN is the first segment to acknowledge the client's FIN (FIN, FIN/ACK, ACK). */
    @Override
    public boolean shownBy(List<Frame> frames) {
        PacketPipeline pipeline = new PacketPipeline();
        long clientFinEnd = -1;
        int clientPort = -1;
        for (Frame f : frames) {
            Packet p = pipeline.next(f).packet();
            if (!p.isTcp()) {
                continue;
            }
            if (clientFinEnd < 0) {
                if (p.tcp.has(TcpHeader.FIN)) {
                    clientFinEnd = (p.tcp.seq + p.tcp.payloadLength + 1) & 0xFFFFFFFFL;
                    clientPort = p.tcp.sourcePort;
                }
            } else if (p.tcp.sourcePort != clientPort && p.tcp.has(TcpHeader.ACK) && p.tcp.ack == clientFinEnd) {
                return p.tcp.has(TcpHeader.FIN);
            }
        }
        return false;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            AtomicReference<InetSocketAddress> clientAddr = new AtomicReference<>();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    conn.readExactly(REQUEST.length);
                    conn.write(RESPONSE);
                    conn.read(64); // blocks until the client's FIN: 0 bytes, and close right away
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                TcpSocket c = lab.client().tcp("client");
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
                    ? Outcome.achieved("closed; the client is in TIME_WAIT")
                    : Outcome.missed("the client's side is not in TIME_WAIT");
        });
    }
}
