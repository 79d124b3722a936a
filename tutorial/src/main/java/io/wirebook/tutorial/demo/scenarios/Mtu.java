package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mtu} (a lab scenario): {@code lo} with an Ethernet-sized MTU of 1500 instead of its 65536, so the
 * SYNs offer MSS 1460 (1500 minus 20 bytes of IPv4 and 20 of TCP header), and one write of
 * {@value #BYTES} bytes leaves as many segments of at most 1448 bytes of payload (the MSS less the 12 bytes
 * of the timestamps option every segment carries). The lab also sets {@code gso_max_segs 1} on {@code lo}:
 * without it the stack hands the device (and so the capture) super-segments of several MSS that only a real
 * NIC would cut up (TSO/GSO), and the capture would show 7240-byte "segments" on a 1500-byte link.
 */
public final class Mtu extends LabScenario {
    static final int MTU = 1500;
    static final int BYTES = 20_000;

    private static final NetworkLab LAB = NetworkLab.builder().loopbackMtu(MTU).loopbackGsoMaxSegs(1).build();

    public Mtu() {
        super("mtu", "lo with MTU 1500 (lab): the SYNs offer MSS 1460 and one 20000-byte write leaves as 1448-byte segments",
                Duration.ofSeconds(4));
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
            AtomicLong received = new AtomicLong();
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    received.set(conn.readToEnd(65536));
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    c.write(new byte[BYTES]);
                }
            });
            lab.awaitAll();
            lab.log().note(null, "mtu.bytes_read", received.get());
            return received.get() == BYTES
                    ? Outcome.achieved("the server read all " + BYTES + " bytes")
                    : Outcome.missed("the server read " + received.get() + " of " + BYTES + " bytes");
        });
    }
}
