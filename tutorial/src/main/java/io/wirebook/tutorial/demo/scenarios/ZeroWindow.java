package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code zero-window}: a receiver with a small SO_RCVBUF ({@value #RCVBUF}, set before connect so the
 * handshake advertises the small window) stops reading for {@value #STALL_MS} ms while the sender pushes
 * {@value #SIZE} bytes, then drains. In the capture: the window shrinking to zero, the sender's zero-window
 * probes (on Linux a bare ACK with seq = snd_una - 1, which tshark calls a keep-alive), and the window
 * update once the receiver reads. Midway through the stall the /proc lines show the receiver's full
 * receive queue and the sender's queued bytes with its zero-window probe timer (tr 4).
 *
 * <p>The sender's SO_SNDBUF is fixed at {@value #SNDBUF} (which also turns off send-buffer autotuning), so
 * its {@code write} blocks during the stall, as a learner expects; with autotuning the kernel took all
 * 256 KiB into the send queue at once. The sender closes only after the receiver has read everything and
 * closed, so it is never an orphan socket (whose zero-window probing Linux cuts short).
 */
public final class ZeroWindow extends LabScenario {
    static final int RCVBUF = 4096;
    static final int SIZE = 256 * 1024;
    static final int CHUNK = 16 * 1024;
    static final int STALL_MS = 1500;
    static final int SNDBUF = 16 * 1024;

    public ZeroWindow() {
        super("zero-window",
                "A small receive buffer that stops being read: zero window, zero-window probes, window update",
                Duration.ofSeconds(6));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            AtomicLong written = new AtomicLong();
            AtomicLong read = new AtomicLong();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    listener.close();
                    conn.setSendBufferSize(SNDBUF);
                    written.set(conn.writeAll(Bulk.pattern(SIZE), CHUNK)); // blocks while the window is shut
                    conn.read(64); // 0 bytes: the receiver has read it all and closed
                }
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.setReceiveBufferSize(RCVBUF);
                    c.receiveBufferSize(); // Linux doubles what you ask for (socket(7))
                    c.connect(server);
                    pause(Duration.ofMillis(STALL_MS - 500));
                    List<TcpTableEntry> table = Observe.port(lab.log(), "stall.proc_net_tcp", server.getPort());
                    long probing = table.stream().filter(e -> e.timer() == 4).count();
                    lab.log().note(null, "zero_window.probe_timers", probing);
                    pause(Duration.ofMillis(500));
                    read.set(c.readFully(SIZE, RCVBUF));
                }
            });
            lab.awaitAll();
            lab.log().note(null, "zero_window.bytes_written", written.get());
            lab.log().note(null, "zero_window.bytes_read", read.get());
            boolean probed = lab.log().noteValue("zero_window.probe_timers").map(v -> !v.equals("0")).orElse(false);
            if (read.get() != SIZE) {
                return Outcome.missed("read " + read.get() + " of " + SIZE + " bytes");
            }
            return probed
                    ? Outcome.achieved("the sender ran its zero-window probe timer during the stall; all "
                            + SIZE + " bytes arrived")
                    : Outcome.missed("all bytes arrived, but no zero-window probe timer was seen during the stall");
        });
    }
}
