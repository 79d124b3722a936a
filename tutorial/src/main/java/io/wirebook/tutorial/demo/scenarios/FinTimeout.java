package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code fin-timeout} (a lab scenario): net.ipv4.tcp_fin_timeout = {@value #FIN_TIMEOUT} s is the timeout
 * of FIN_WAIT_2, not of TIME_WAIT. Two connections, each closed first by the client. On the first the
 * server closes too, so the client's end goes to TIME_WAIT (its timer about 60 s in /proc/net/tcp); on the
 * second the server never closes, so the client's end waits in FIN_WAIT_2, an orphan (its program has
 * closed it) with a timer of tcp_fin_timeout. After that time the orphan is gone while the TIME_WAIT end
 * is still there; when the server finally closes, its FIN finds no socket and the client's kernel
 * answers with RST.
 */
public final class FinTimeout extends LabScenario {
    static final int FIN_TIMEOUT = 2;

    private static final NetworkLab LAB = NetworkLab.builder().sysctl("net.ipv4.tcp_fin_timeout", FIN_TIMEOUT).build();

    public FinTimeout() {
        super("fin-timeout", "tcp_fin_timeout = 2 (lab): an orphan in FIN_WAIT_2 is gone after 2 s, TIME_WAIT stays 60 s",
                Duration.ofSeconds(8));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            CountDownLatch observed = new CountDownLatch(1);
            AtomicReference<InetSocketAddress> tw = new AtomicReference<>(), orphan = new AtomicReference<>();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn1")) {
                    conn.read(64); // 0: the client's FIN
                } // close: the client goes to TIME_WAIT
                try (TcpSocket conn = listener.accept("conn2")) {
                    conn.read(64); // 0: the client's FIN; this end now stays open, in CLOSE_WAIT
                    observed.await(10, TimeUnit.SECONDS);
                } // close at last: the FIN finds no socket on the client's side
                listener.close();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client1")) {
                    c.connect(server);
                    tw.set(c.localAddress());
                }
                try (TcpSocket c = lab.client().tcp("client2")) {
                    c.connect(server);
                    orphan.set(c.localAddress());
                }
            });
            Optional<TcpTableEntry> a = Optional.empty(), b = Optional.empty(), gone;
            try {
                pause(Duration.ofMillis(300));
                a = Observe.connection(lab.client(), "time_wait.proc_net_tcp", tw.get(), server, KernelTcpState.TIME_WAIT);
                b = Observe.connection(lab.client(), "fin_wait2.proc_net_tcp", orphan.get(), server, KernelTcpState.FIN_WAIT2);
                pause(Duration.ofMillis(FIN_TIMEOUT * 1000L + 700));
                gone = Observe.now(lab.client(), "after_fin_timeout.fin_wait2.proc_net_tcp", orphan.get(), server);
                Observe.now(lab.client(), "after_fin_timeout.time_wait.proc_net_tcp", tw.get(), server);
            } finally {
                observed.countDown();
            }
            lab.awaitAll();
            return a.isPresent() && b.isPresent() && gone.isEmpty()
                    ? Outcome.achieved("FIN_WAIT_2 timer " + b.get().timerMillis() + " ms, gone after it; TIME_WAIT timer "
                            + a.get().timerMillis() + " ms")
                    : Outcome.missed("TIME_WAIT seen: " + a.isPresent() + ", FIN_WAIT2 seen: " + b.isPresent()
                            + ", FIN_WAIT2 gone after the timeout: " + gone.isEmpty());
        });
    }
}
