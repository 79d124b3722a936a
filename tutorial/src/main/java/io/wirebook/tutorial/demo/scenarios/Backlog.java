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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code backlog}: {@code listen(backlog=1)} and nobody accepts; {@value #CLIENTS} clients connect
 * {@value #STAGGER_MS} ms apart, each with a non-blocking connect and a bounded wait.
 *
 * <p>Linux lets an accept queue hold backlog + 1 connections ({@code sk_acceptq_is_full} tests
 * {@code >}, not {@code >=}), so two handshakes complete; while the queue is full the listener drops
 * further SYNs without a word (tcp_abort_on_overflow=0), and those clients retransmit their SYN, 1 s apart
 * at first where {@code net.ipv4.tcp_syn_linear_timeouts} exists (then doubling), until they give up or
 * are closed. We wait {@value #WAIT_MS} ms, long enough to see two retransmissions, then close everything.
 * The listener's /proc/net/tcp line shows the accept queue's length as its rx_queue.
 */
public final class Backlog extends LabScenario {
    static final int BACKLOG = 1;
    static final int CLIENTS = 4;
    static final int STAGGER_MS = 100;
    static final int WAIT_MS = 2500;

    public Backlog() {
        super("backlog",
                "listen(backlog=1) without accept: 2 handshakes complete, later clients' SYNs are dropped and retransmitted",
                Duration.ofSeconds(5));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, BACKLOG);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            Observe.sysctls(lab.log(), "net.ipv4.tcp_syn_linear_timeouts", "net.ipv4.tcp_syn_retries",
                    "net.ipv4.tcp_abort_on_overflow", "net.ipv4.tcp_syncookies", "net.core.somaxconn",
                    "net.ipv4.tcp_max_syn_backlog");
            long start = System.nanoTime();
            long end = start + WAIT_MS * 1_000_000L;
            AtomicInteger connected = new AtomicInteger();
            for (int i = 1; i <= CLIENTS; i++) {
                String name = "client-" + i;
                long startAt = start + (i - 1) * STAGGER_MS * 1_000_000L;
                lab.spawn(name, () -> {
                    sleepUntil(startAt);
                    try (TcpSocket c = lab.client().tcp(name)) {
                        boolean done = c.startConnect(server)
                                || c.awaitConnect(Duration.ofNanos(Math.max(1_000_000L, end - System.nanoTime())));
                        lab.client().note(name + ".connected", done);
                        if (done) {
                            connected.incrementAndGet();
                        }
                        sleepUntil(end); // hold every socket open until the end, so the queue stays full
                    }
                });
            }
            // Halfway through, after the first SYN retransmissions: what the kernel holds.
            sleepUntil(start + (WAIT_MS - 800) * 1_000_000L);
            List<TcpTableEntry> table = Observe.port(lab.log(), "proc_net_tcp", server.getPort());
            TcpTableEntry listening = table.stream().filter(e -> e.state() == KernelTcpState.LISTEN).findFirst()
                    .orElse(null);
            long synSent = table.stream().filter(e -> e.state() == KernelTcpState.SYN_SENT).count();
            if (listening != null) {
                lab.log().note(null, "backlog.accept_queue", listening.rxQueue());
            }
            lab.log().note(null, "backlog.syn_sent_clients", synSent);
            lab.awaitAll();
            listener.close();
            lab.log().note(null, "backlog.connected_clients", connected.get());
            return connected.get() == BACKLOG + 1
                    ? Outcome.achieved(connected.get() + " of " + CLIENTS + " connects completed with backlog "
                            + BACKLOG + "; " + synSent + " clients were left retransmitting SYN")
                    : Outcome.missed(connected.get() + " of " + CLIENTS + " connects completed with backlog " + BACKLOG
                            + ", expected " + (BACKLOG + 1));
        });
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000L));
        }
    }
}
