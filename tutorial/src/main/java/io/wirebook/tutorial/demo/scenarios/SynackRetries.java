package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.calls.SocketCall;
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
import java.util.Optional;

/**
 * {@code synack-retries} (a lab scenario): the last ACK of the handshake never reaches the server, because
 * an nftables rule on input drops every pure ACK (ACK alone, no SYN, FIN, RST or PSH) to the server's port.
 * The client's connect() returns on the SYN/ACK, so the client is ESTABLISHED; the server's kernel holds a
 * request socket (SYN_RECV in /proc/net/tcp) and retransmits its SYN/ACK {@code tcp_synack_retries} times,
 * the timeout doubling from 1 s (1, 2, 4, 8, 16 s for 5), and gives up one more doubling after the last
 * (63 s in all for 5): it drops the request socket without a word. The client answers every SYN/ACK again
 * with an ACK (dropped too). Once the server has given up, the client writes: a segment with data carries
 * PSH, so it passes, and reaches a listener that knows nothing of the connection, which answers RST; the
 * write had already returned, and the client's next read fails with ECONNRESET.
 *
 * <p>The retry count is {@value #DEFAULT_RETRIES} (the kernel's default) unless the system property
 * {@value #RETRIES_PROPERTY} says otherwise (the live test uses 2, so it takes 7 s instead of 63).
 */
public final class SynackRetries extends LabScenario {
    /** The listening port; free in the lab's own namespace. */
    static final int PORT = 5002;
    static final String RETRIES_PROPERTY = NetworkLab.SETTING_PREFIX + "synack_retries";
    static final int DEFAULT_RETRIES = 5;
    /** How often the request socket's /proc/net/tcp line is looked at while the server retries. */
    private static final Duration POLL = Duration.ofMillis(10);

    public SynackRetries() {
        super("synack-retries", "The handshake's last ACK is dropped (lab): the server retransmits its SYN/ACK"
                + " tcp_synack_retries times, doubling from 1 s, then forgets the connection; the client, ESTABLISHED"
                + " all along, writes and is reset", Duration.ofSeconds(90));
    }

    /** The retry count this run uses: {@value #RETRIES_PROPERTY}, or {@value #DEFAULT_RETRIES}. */
    static int retries() {
        int n = Integer.getInteger(RETRIES_PROPERTY, DEFAULT_RETRIES);
        if (n < 1 || n > 5) {
            throw new IllegalArgumentException(RETRIES_PROPERTY + " = " + n + ": 1 to 5 keeps the run within its bound");
        }
        return n;
    }

    @Override
    public NetworkLab network() {
        return NetworkLab.builder()
                .sysctl("net.ipv4.tcp_synack_retries", retries())
                .nftables("""
                        table inet lab {
                          chain input {
                            type filter hook input priority 0; policy accept;
                            tcp dport %d tcp flags & (fin | syn | rst | psh | ack) == ack drop
                          }
                        }
                        """.formatted(PORT))
                .build();
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, PORT, 8);
        InetSocketAddress server = listener.localAddress();
        int retries = retries();
        // 1 + 2 + ... + 2^retries seconds: the last retransmission's timeout is waited out too.
        Duration budget = Duration.ofSeconds((2L << retries) - 1);
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    InetSocketAddress me = c.localAddress();
                    Observe.connection(lab.client(), "client.proc_net_tcp", me, server, KernelTcpState.ESTABLISHED);
                    Optional<TcpTableEntry> pending = Observe.connection(lab.server(), "server.proc_net_tcp", server, me,
                            KernelTcpState.SYN_RECV);
                    long start = System.nanoTime();
                    TcpTableEntry last = pending.orElse(null);
                    Optional<TcpTableEntry> now = pending;
                    while (now.isPresent() && System.nanoTime() - start < budget.plusSeconds(5).toNanos()) {
                        last = now.get();
                        Thread.sleep(POLL.toMillis());
                        now = TcpTable.find(server, me).filter(e -> e.state() == KernelTcpState.SYN_RECV);
                    }
                    if (last != null) {
                        Observe.line(lab.server(), "server.last_syn_recv.proc_net_tcp", last);
                    }
                    lab.server().note("synack.request_socket_gone", now.isEmpty());
                    lab.server().note("synack.request_socket_gone_after_ms", (System.nanoTime() - start) / 1_000_000);
                    Observe.now(lab.client(), "client.after_give_up.proc_net_tcp", me, server);
                    c.write(REQUEST);
                    try {
                        c.read(64);
                    } catch (IOException expected) {
                        // recorded as read = -1 ECONNRESET: the listener's RST
                    }
                }
            });
            lab.awaitAll();
            listener.close();
            String gone = lab.log().noteValue("synack.request_socket_gone").orElse("false");
            String errno = lab.log().callsOn("client").stream().filter(x -> x.call().equals("read"))
                    .map(SocketCall::errno).findFirst().orElse(null);
            return gone.equals("true") && "ECONNRESET".equals(errno)
                    ? Outcome.achieved("the server gave up its SYN/ACK after " + retries + " retransmissions; the client,"
                            + " still ESTABLISHED, wrote and was reset")
                    : Outcome.missed("request socket gone: " + gone + "; the client's read ended with " + errno);
        });
    }
}
