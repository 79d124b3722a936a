package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.proc.KernelCounters;
import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;

/**
 * {@code abort-on-overflow} (a lab scenario): {@code listen(backlog 1)}, never accept, and
 * {@code net.ipv4.tcp_abort_on_overflow = 1}. The accept queue holds backlog + 1 = 2 connections.
 *
 * <p>What the setting changes is narrower than its name: while the accept queue is full, Linux drops a new
 * SYN before any reply ({@code tcp_conn_request}: {@code sk_acceptq_is_full}, counted as ListenOverflows),
 * whatever the setting says, so a client that arrives late never gets as far as a final ACK and just
 * retransmits its SYN. The RST comes only for a handshake that began while there was room and whose final
 * ACK arrives once the queue is full. On loopback a handshake takes microseconds, so the lab holds one back:
 * client-2 binds port {@value #LATE_PORT}, and an nftables rule drops its pure ACKs, so its connect()
 * returns (the SYN/ACK came) while the server keeps a request socket. client-3 then fills the queue, and
 * client-2's first data segment (PSH, so the rule lets it pass) completes the handshake at a full queue:
 * the server answers RST, and client-2's read fails with ECONNRESET (its write had already returned).
 * client-4 connects last: its SYNs are dropped, no RST.
 */
public final class AbortOnOverflow extends LabScenario {
    static final int PORT = 5003;
    /** client-2's port, whose final ACK the lab drops. */
    static final int LATE_PORT = 6003;
    static final int BACKLOG = 1;
    /** How long client-4 waits for its connect: past its first SYN retransmission (1 s). */
    static final Duration LATE_WAIT = Duration.ofMillis(1500);

    private static final NetworkLab LAB = NetworkLab.builder()
            .sysctl("net.ipv4.tcp_abort_on_overflow", 1)
            .nftables("""
                    table inet lab {
                      chain input {
                        type filter hook input priority 0; policy accept;
                        tcp sport %d tcp dport %d tcp flags & (fin | syn | rst | psh | ack) == ack drop
                      }
                    }
                    """.formatted(LATE_PORT, PORT))
            .build();

    public AbortOnOverflow() {
        super("abort-on-overflow", "listen(1), never accept, tcp_abort_on_overflow = 1 (lab): a final ACK that"
                + " finds the accept queue full is answered with RST (read: ECONNRESET); a SYN that finds it full is"
                + " still dropped", Duration.ofSeconds(6));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, PORT, BACKLOG);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("client", () -> {
                try (TcpSocket c1 = lab.client().tcp("client-1");
                     TcpSocket c2 = lab.client().tcp("client-2");
                     TcpSocket c3 = lab.client().tcp("client-3");
                     TcpSocket c4 = lab.client().tcp("client-4")) {
                    c1.connect(server);
                    c2.bind(new InetSocketAddress(Loopback.V4, LATE_PORT));
                    c2.connect(server); // returns on the SYN/ACK; its ACK is dropped
                    InetSocketAddress late = c2.localAddress();
                    Observe.connection(lab.server(), "client-2.server.proc_net_tcp", server, late, KernelTcpState.SYN_RECV);
                    c3.connect(server); // the queue holds client-1 and client-3 now: full
                    List<TcpTableEntry> table = Observe.port(lab.log(), "queue_full.proc_net_tcp", PORT);
                    table.stream().filter(e -> e.state() == KernelTcpState.LISTEN).findFirst()
                            .ifPresent(l -> lab.server().note("overflow.accept_queue", l.rxQueue()));
                    c2.write(REQUEST);
                    try {
                        c2.read(64);
                    } catch (IOException expected) {
                        // recorded as read = -1 ECONNRESET
                    }
                    Observe.now(lab.client(), "client-2.after_rst.proc_net_tcp", late, server);
                    boolean done = c4.startConnect(server) || c4.awaitConnect(LATE_WAIT);
                    lab.client().note("client-4.connected", done);
                    KernelCounters k = KernelCounters.snapshot();
                    lab.log().note(null, "netstat.TcpExt.ListenOverflows", k.count("TcpExt.ListenOverflows"));
                    lab.log().note(null, "netstat.TcpExt.ListenDrops", k.count("TcpExt.ListenDrops"));
                }
            });
            lab.awaitAll();
            listener.close();
            String errno = lab.log().callsOn("client-2").stream().filter(x -> x.call().equals("read"))
                    .map(SocketCall::errno).findFirst().orElse(null);
            boolean c4 = lab.log().noteValue("client-4.connected").orElse("true").equals("true");
            return "ECONNRESET".equals(errno) && !c4
                    ? Outcome.achieved("client-2's final ACK found the accept queue full: RST, read() = ECONNRESET;"
                            + " client-4's SYNs were dropped")
                    : Outcome.missed("client-2's read ended with " + errno + "; client-4 connected: " + c4);
        });
    }
}
