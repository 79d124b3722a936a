package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.proc.Sysctl;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * {@code syn-retries} (a lab scenario): connect() to a port whose SYNs an nftables rule drops on input, so
 * nothing answers, not even an RST. The client's kernel retransmits its SYN {@code tcp_syn_retries}
 * times (set to {@value #RETRIES} in the lab so that the run is short), with the timeouts of this kernel
 * (recent kernels keep the first {@code tcp_syn_linear_timeouts} of them at the initial 1 s instead of
 * doubling), then gives up and connect() fails with ETIMEDOUT. The capture on {@code lo} sees each SYN:
 * the input hook drops a packet after the capture point.
 */
public final class SynRetries extends LabScenario {
    /** The port nobody answers on; free in the lab's own namespace. */
    static final int PORT = 5001;
    static final int RETRIES = 2;

    private static final NetworkLab LAB = NetworkLab.builder()
            .sysctl("net.ipv4.tcp_syn_retries", RETRIES)
            .nftables("""
                    table inet lab {
                      chain input {
                        type filter hook input priority 0; policy accept;
                        tcp dport %d tcp flags & (syn | ack) == syn drop
                      }
                    }
                    """.formatted(PORT))
            .build();

    public SynRetries() {
        super("syn-retries", "SYNs to a port whose packets are dropped (lab): SYN retransmissions, then connect() fails with ETIMEDOUT",
                Duration.ofSeconds(30));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        lab.log().note(null, "sysctl.net.ipv4.tcp_syn_linear_timeouts", Sysctl.read("net.ipv4.tcp_syn_linear_timeouts").orElse("absent"));
        InetSocketAddress silent = new InetSocketAddress(Loopback.of(StandardProtocolFamily.INET), PORT);
        return Stage.of(Endpoint.tcp(silent, "dropped-port"), () -> {
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(silent);
                } catch (IOException expected) {
                    // recorded as connect = -1 ETIMEDOUT
                }
            });
            lab.awaitAll();
            String errno = lab.log().callsOn("client").stream().filter(x -> x.call().equals("connect"))
                    .map(SocketCall::errno).findFirst().orElse(null);
            return "ETIMEDOUT".equals(errno)
                    ? Outcome.achieved("connect() failed with ETIMEDOUT after the SYN retransmissions")
                    : Outcome.missed("connect() ended with " + errno);
        });
    }
}
