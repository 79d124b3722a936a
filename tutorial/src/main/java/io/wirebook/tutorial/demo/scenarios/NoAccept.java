package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.TcpTable;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code no-accept}: the server listens but never calls {@code accept}. The kernel completes the handshake
 * by itself and ACKs the client's data into the queued connection's receive buffer ({@code rx_queue} in
 * /proc/net/tcp, Recv-Q in ss). Then the client closes (FIN, ACKed; the queued connection goes to
 * CLOSE_WAIT), and the server closes its listener: Linux resets every connection still in the accept queue,
 * so an RST follows.
 */
public final class NoAccept extends LabScenario {
    static final int DATA = 1000;

    public NoAccept() {
        super("no-accept",
                "The server never accepts: the kernel still completes the handshake and ACKs the client's data",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            CountDownLatch clientClosed = new CountDownLatch(1);
            InetSocketAddress[] clientAddr = new InetSocketAddress[1];
            AtomicBoolean queued = new AtomicBoolean();
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    clientAddr[0] = c.localAddress();
                    byte[] data = new byte[DATA];
                    Arrays.fill(data, (byte) 'x');
                    c.write(data);
                    queued.set(awaitQueued(lab, server, clientAddr[0]));
                    Observe.port(lab.log(), "listener.proc_net_tcp", server.getPort());
                } finally {
                    clientClosed.countDown();
                }
                Observe.connection(lab.server(), "after_client_close.server.proc_net_tcp", server, clientAddr[0],
                        KernelTcpState.CLOSE_WAIT);
                Observe.connection(lab.client(), "after_client_close.client.proc_net_tcp", clientAddr[0], server,
                        KernelTcpState.FIN_WAIT2);
            });
            lab.spawn("server", () -> {
                clientClosed.await(2, TimeUnit.SECONDS);
                pause(Duration.ofMillis(100)); // let the client's notes of FIN_WAIT2 / CLOSE_WAIT be taken
                listener.close();
            });
            lab.awaitAll();
            Observe.now(lab.client(), "after_listener_close.client.proc_net_tcp", clientAddr[0], server);
            return queued.get()
                    ? Outcome.achieved("the kernel queued the client's " + DATA + " bytes on a connection nobody accepted")
                    : Outcome.missed("never saw " + DATA + " bytes queued on the unaccepted connection");
        });
    }

    /** Waits until all the client's bytes sit in the unaccepted connection's receive queue; notes its line. */
    private static boolean awaitQueued(SocketLab lab, InetSocketAddress server, InetSocketAddress client)
            throws IOException, InterruptedException {
        Optional<TcpTableEntry> e = TcpTable.await(x -> x.is(server, client) && x.rxQueue() == DATA, Observe.SETTLE);
        e.ifPresent(x -> Observe.line(lab.server(), "queued.server.proc_net_tcp", x));
        return e.isPresent();
    }
}
