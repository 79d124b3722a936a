package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.proc.KernelCounters;
import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code tw-buckets} (a lab scenario): {@code net.ipv4.tcp_max_tw_buckets = 2}, and {@value #CONNECTIONS}
 * connections one after another, each closed first by the client; the server closes
 * {@value #SERVER_CLOSE_DELAY_MS} ms after it reads end-of-file, as in {@code handshake}.
 *
 * <p>The client's end needs its bucket before TIME_WAIT: Linux keeps an orphaned FIN_WAIT2 end as a
 * timewait socket too ({@code tcp_time_wait(sk, TCP_FIN_WAIT2, ...)}), the same bucket that later becomes
 * TIME_WAIT. The first two ends get one. For the others {@code inet_twsk_alloc} fails, the kernel counts
 * TCPTimeWaitOverflow, logs "TCP: time wait bucket table overflow" and destroys the socket in FIN_WAIT2;
 * when the server's FIN then comes, no socket is there, and the client's kernel answers RST.
 */
public final class TwBuckets extends LabScenario {
    static final int PORT = 5005;
    static final int BUCKETS = 2;
    static final int CONNECTIONS = 5;
    static final long SERVER_CLOSE_DELAY_MS = 300;

    private static final NetworkLab LAB = NetworkLab.builder().sysctl("net.ipv4.tcp_max_tw_buckets", BUCKETS).build();

    public TwBuckets() {
        super("tw-buckets", "tcp_max_tw_buckets = 2 and five connections closed first by the client (lab): two wait"
                + " in TIME_WAIT, the kernel destroys the other three in FIN_WAIT2 and answers the server's FIN with RST",
                Duration.ofSeconds(6));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, PORT, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            Semaphore closed = new Semaphore(0);
            AtomicReferenceArray<InetSocketAddress> clients = new AtomicReferenceArray<>(CONNECTIONS + 1);
            lab.spawn("server", () -> {
                for (int i = 1; i <= CONNECTIONS; i++) {
                    try (TcpSocket conn = listener.accept("conn-" + i)) {
                        conn.read(64); // 0 bytes: the client's FIN
                        pause(Duration.ofMillis(SERVER_CLOSE_DELAY_MS));
                        Observe.now(lab.client(), "client-" + i + ".before_server_fin.proc_net_tcp", clients.get(i), server);
                    }
                    // The client's answer to our FIN: its last ACK (TIME_WAIT) or, without a socket, RST.
                    Observe.connection(lab.client(), "client-" + i + ".after_server_fin.proc_net_tcp", clients.get(i), server,
                            EnumSet.of(KernelTcpState.TIME_WAIT));
                    closed.release();
                }
            });
            lab.spawn("client", () -> {
                for (int i = 1; i <= CONNECTIONS; i++) {
                    try (TcpSocket c = lab.client().tcp("client-" + i)) {
                        c.connect(server);
                        clients.set(i, c.localAddress());
                    }
                    if (!closed.tryAcquire(3, TimeUnit.SECONDS)) {
                        throw new IOException("the server did not close connection " + i);
                    }
                }
            });
            lab.awaitAll();
            List<TcpTableEntry> table = Observe.port(lab.log(), "end.proc_net_tcp", PORT);
            long timeWait = table.stream().filter(e -> e.state() == KernelTcpState.TIME_WAIT).count();
            KernelCounters k = KernelCounters.snapshot();
            long overflow = k.count("TcpExt.TCPTimeWaitOverflow");
            lab.log().note(null, "tw.time_wait_count", timeWait);
            lab.log().note(null, "netstat.TcpExt.TW", k.count("TcpExt.TW"));
            lab.log().note(null, "netstat.TcpExt.TCPTimeWaitOverflow", overflow);
            listener.close();
            return timeWait == BUCKETS && overflow == CONNECTIONS - BUCKETS
                    ? Outcome.achieved(timeWait + " of " + CONNECTIONS + " client ends in TIME_WAIT; " + overflow
                            + " destroyed for want of a bucket (TCPTimeWaitOverflow)")
                    : Outcome.missed(timeWait + " in TIME_WAIT, TCPTimeWaitOverflow " + overflow + "; expected "
                            + BUCKETS + " and " + (CONNECTIONS - BUCKETS));
        });
    }
}
