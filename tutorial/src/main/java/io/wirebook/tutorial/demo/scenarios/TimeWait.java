package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.Errno;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.Peer;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code time-wait}: what a socket in TIME_WAIT does to {@code bind()} on its port, and what SO_REUSEADDR
 * changes on Linux. Three rounds, each ending with probes that try to bind the port again:
 * <ol>
 *   <li>{@code client_plain}: a client without SO_REUSEADDR binds, connects, closes first (TIME_WAIT).</li>
 *   <li>{@code client_reuseaddr}: the same with SO_REUSEADDR set before bind.</li>
 *   <li>{@code server_restart}: the server closes first on the listening port, then closes its listener,
 *       and new listeners try the port (Java turns SO_REUSEADDR on for every listener by itself).</li>
 * </ol>
 * Linux lets a bind share a port with a TIME_WAIT socket only when both sockets have SO_REUSEADDR:
 * {@code inet_csk_bind_conflict} checks {@code sk_reuse} on both, and the TIME_WAIT socket keeps the flag
 * of the socket it was. The outcome of every probe is a note {@code tw.ROUND.bind...} = {@code ok} or the
 * errno, beside the TIME_WAIT line from /proc/net/tcp with its timer (TCP_TIMEWAIT_LEN, 60 s).
 */
public final class TimeWait extends LabScenario {
    public TimeWait() {
        super("time-wait",
                "After an active close the port is in TIME_WAIT: bind() fails with EADDRINUSE unless both sockets set SO_REUSEADDR",
                Duration.ofSeconds(4));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            Observe.sysctls(lab.log(), "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_fin_timeout",
                    "net.ipv4.tcp_max_tw_buckets");
            lab.spawn("server", () -> {
                for (String round : new String[] {"a", "b"}) {
                    try (TcpSocket conn = listener.accept("conn-" + round)) {
                        conn.readToEnd(64); // the client closes first; we close when we read its FIN
                    }
                }
                TcpSocket conn = listener.accept("conn-c");
                InetSocketAddress client = conn.remoteAddress();
                conn.readExactly(REQUEST.length);
                conn.close(); // the server closes first this time
                listener.close();
                serverRestart(lab.server(), server, client);
            });
            lab.spawn("client", () -> {
                clientRound(lab.client(), "client_plain", "a", false, server);
                clientRound(lab.client(), "client_reuseaddr", "b", true, server);
                try (TcpSocket c = lab.client().tcp("client-c")) {
                    c.connect(server);
                    c.write(REQUEST);
                    c.read(64); // 0 bytes: the server's FIN
                }
            });
            lab.awaitAll();
            String plain = lab.log().noteValue("tw.client_plain.bind").orElse("?");
            String both = lab.log().noteValue("tw.client_reuseaddr.bind_reuseaddr").orElse("?");
            return plain.equals("EADDRINUSE") && both.equals("ok")
                    ? Outcome.achieved("bind() on a TIME_WAIT port: EADDRINUSE without SO_REUSEADDR, ok when both sockets set it")
                    : Outcome.missed("bind() on a TIME_WAIT port: plain " + plain + ", both with SO_REUSEADDR " + both);
        });
    }

    /** One client connection closed first by the client, then two binds of its port. */
    private static void clientRound(Peer client, String round, String suffix, boolean reuse, InetSocketAddress server)
            throws Exception {
        InetSocketAddress local;
        try (TcpSocket c = client.tcp("client-" + suffix)) {
            if (reuse) {
                c.setReuseAddress(true);
            }
            c.bind(Loopback.anyPort(StandardProtocolFamily.INET));
            local = c.localAddress();
            c.connect(server);
            c.write(REQUEST);
        } // close(): we are the active closer, so this end goes to TIME_WAIT
        timeWaitLine(client, round, local, server);
        client.note("tw." + round + ".bind", tryBind(client, "probe-" + suffix + "1", local, false));
        client.note("tw." + round + ".bind_reuseaddr", tryBind(client, "probe-" + suffix + "2", local, true));
    }

    /** The server's end is in TIME_WAIT on the listening port; try to listen there again. */
    private static void serverRestart(Peer server, InetSocketAddress addr, InetSocketAddress client) throws Exception {
        timeWaitLine(server, "server_restart", addr, client);
        server.note("tw.server_restart.listen_jdk_default", tryListen(server, "probe-c1", addr, true));
        server.note("tw.server_restart.listen_no_reuseaddr", tryListen(server, "probe-c2", addr, false));
    }

    private static void timeWaitLine(Peer who, String round, InetSocketAddress local, InetSocketAddress remote)
            throws IOException, InterruptedException {
        Optional<TcpTableEntry> tw = Observe.connection(who, "tw." + round + ".proc_net_tcp", local, remote,
                KernelTcpState.TIME_WAIT);
        tw.ifPresent(e -> who.note("tw." + round + ".timer_ms", e.timerMillis()));
    }

    private static String tryBind(Peer who, String name, InetSocketAddress addr, boolean reuse) throws IOException {
        try (TcpSocket p = who.tcp(name)) {
            if (reuse) {
                p.setReuseAddress(true);
            }
            p.bind(addr);
            return "ok";
        } catch (IOException e) {
            return errnoOrThrow(e);
        }
    }

    private static String tryListen(Peer who, String name, InetSocketAddress addr, boolean reuse) throws IOException {
        try (TcpListener p = who.listener(name)) {
            if (!reuse) {
                p.setReuseAddress(false);
            }
            p.listen(addr, 1);
            return "ok";
        } catch (IOException e) {
            return errnoOrThrow(e);
        }
    }

    private static String errnoOrThrow(IOException e) throws IOException {
        String errno = Errno.of(e);
        if (errno == null) {
            throw e;
        }
        return errno;
    }
}
