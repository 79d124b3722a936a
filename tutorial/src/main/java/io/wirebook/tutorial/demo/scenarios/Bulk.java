package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bulk}: the client sends 1 MiB in 64 KiB writes and closes; the server reads to end-of-stream.
 * In the capture: segments up to the MSS (loopback's MTU is 64 KiB, so segments are large), the
 * receiver's window growing and its window updates, and delayed ACKs covering two segments.
 */
public final class Bulk extends LabScenario {
    static final int SIZE = 1 << 20;
    static final int CHUNK = 64 * 1024;

    public Bulk() {
        super("bulk", "1 MiB in one direction: MSS-sized segments, window updates, delayed ACKs",
                Duration.ofSeconds(4));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.log().note(null, "lo.mtu", loopbackMtu());
            Observe.sysctls(lab.log(), "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem", "net.ipv4.tcp_congestion_control");
            AtomicLong written = new AtomicLong();
            AtomicLong read = new AtomicLong();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    listener.close();
                    conn.receiveBufferSize();
                    read.set(conn.readToEnd(CHUNK));
                }
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    c.sendBufferSize();
                    written.set(c.writeAll(pattern(SIZE), CHUNK));
                }
            });
            lab.awaitAll();
            lab.log().note(null, "bulk.bytes_written", written.get());
            lab.log().note(null, "bulk.bytes_read", read.get());
            return written.get() == SIZE && read.get() == SIZE
                    ? Outcome.achieved(SIZE + " bytes written and read")
                    : Outcome.missed("wrote " + written.get() + ", read " + read.get() + " of " + SIZE);
        });
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    static String loopbackMtu() {
        try {
            return Files.readString(Path.of("/sys/class/net/lo/mtu")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
