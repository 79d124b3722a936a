package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.proc.KernelCounters;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code loss} (a lab scenario): a bulk transfer of {@value #SIZE} bytes over a {@code lo} of MTU 1500 with one
 * segment per packet (MSS 1460, 1448 bytes of data beside the timestamps), through two nftables rules on
 * input, both deterministic:
 * <ul>
 *   <li>of the full-sized data segments to the server (IP length 1500), every {@value #EVERY}th is dropped
 *       ({@code numgen inc mod 40 == 20}: the 21st, 61st...): the receiver sees the next ones arrive out of
 *       order, answers each with a duplicate ACK carrying a SACK block, and the sender retransmits the hole
 *       at once (fast retransmission, SACK recovery);</li>
 *   <li>a last message of {@value #TAIL_LENGTH} bytes that starts with {@code END!}, sent once the bulk is
 *       acknowledged by the server's one-byte reply, is dropped twice ({@code numgen inc mod 3 != 2} on
 *       segments whose payload starts so): nothing follows it, so no duplicate ACK can come; the sender's tail
 *       loss probe (about 200 ms later) is lost too, and the retransmission timeout sends it a third time.</li>
 * </ul>
 * The capture on {@code lo} sees every dropped segment (the input hook drops after the capture point). The
 * kernel's own counters (nstat: TCPSackRecovery, TCPFastRetrans, TCPLossProbes, TCPTimeouts, TCPOFOQueue)
 * are noted at the end.
 */
public final class Loss extends LabScenario {
    static final int PORT = 5004;
    static final int SIZE = 300 * 1024;
    static final int CHUNK = 64 * 1024;
    static final int EVERY = 40;
    static final byte[] TAIL = tail();
    static final int TAIL_LENGTH = 100;
    /** The counters noted as {@code netstat.GROUP.NAME}. */
    static final String[] COUNTERS = {"Tcp.RetransSegs", "TcpExt.TCPSackRecovery", "TcpExt.TCPFastRetrans",
        "TcpExt.TCPLossProbes", "TcpExt.TCPTimeouts", "TcpExt.TCPOFOQueue", "TcpExt.TCPSACKReorder",
        "TcpExt.TCPDSACKRecv", "TcpExt.TCPSpuriousRTOs"};

    private static final NetworkLab LAB = NetworkLab.builder()
            .loopbackMtu(1500)
            .loopbackGsoMaxSegs(1)
            // One CPU: lo delivers in the order sent, so the only losses and resends are the rules' own.
            .oneCpu()
            // A receive buffer that does not grow (tcp_rmem's default, 128 KiB) keeps the receiver's window
            // still while it waits for a hole to be filled, so its repeated ACKs are duplicate ACKs; an
            // autotuned buffer grows the window meanwhile, and tshark calls such ACKs window updates instead.
            .sysctl("net.ipv4.tcp_moderate_rcvbuf", 0)
            .nftables("""
                    table inet lab {
                      chain input {
                        type filter hook input priority 0; policy accept;
                        tcp dport %1$d @th,256,32 0x454e4421 numgen inc mod 3 != 2 drop
                        tcp dport %1$d ip length 1500 numgen inc mod %2$d == 20 drop
                      }
                    }
                    """.formatted(PORT, EVERY))
            .build();

    /** A capture that missed a segment cannot show the losses; such an attempt is run again. */
    @Override
    public int maxAttempts() {
        return 3;
    }

    /**
     * True when the capture holds every byte the client sent in a first copy: the lab drops segments after
     * the capture point, so a first copy missing from the capture was missed by the capture itself (once in
     * about six loaded runs), and the run would not show which segments the lab dropped.
     */
    @Override
    public boolean shownBy(java.util.List<io.wirebook.capture.Frame> frames) {
        io.wirebook.pipeline.PacketPipeline p = new io.wirebook.pipeline.PacketPipeline();
        long first = 0;
        for (io.wirebook.capture.Frame f : frames) {
            io.wirebook.pipeline.PacketResult r = p.next(f);
            if (r.isTcp() && r.fromClient() && r.packet().tcp.payloadLength > 0) {
                int flags = r.analysis() == null ? 0 : r.analysis().flags;
                int resent = io.wirebook.analysis.AnalysisFlags.RETRANSMISSION | io.wirebook.analysis.AnalysisFlags.FAST_RETRANSMISSION
                        | io.wirebook.analysis.AnalysisFlags.OUT_OF_ORDER | io.wirebook.analysis.AnalysisFlags.SPURIOUS_RETRANSMISSION;
                if ((flags & resent) == 0) {
                    first += r.packet().tcp.payloadLength;
                }
            }
        }
        return first == SIZE + TAIL_LENGTH;
    }

    public Loss() {
        super("loss", "300 KiB over a lo of MTU 1500 with every 40th data segment dropped, and a last message dropped"
                + " twice (lab): duplicate ACKs with SACK, fast retransmissions, a tail loss probe, a retransmission"
                + " timeout", Duration.ofSeconds(6));
    }

    private static byte[] tail() {
        byte[] t = new byte[TAIL_LENGTH];
        Arrays.fill(t, (byte) 't');
        System.arraycopy("END!".getBytes(StandardCharsets.US_ASCII), 0, t, 0, 4);
        return t;
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
            long[] got = new long[2];
            lab.spawn("server", () -> {
                try (TcpSocket conn = listener.accept("conn")) {
                    got[0] = conn.readFully(SIZE, CHUNK);
                    conn.write(new byte[] {'k'});
                    got[1] = conn.readExactly(TAIL_LENGTH).length;
                    conn.write(new byte[] {'K'});
                    conn.read(64); // 0: the client's FIN
                }
                listener.close();
            });
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    byte[] data = new byte[SIZE];
                    Arrays.fill(data, (byte) 'x');
                    c.writeAll(data, CHUNK);
                    c.read(1);
                    c.write(TAIL);
                    c.read(1);
                }
            });
            lab.awaitAll();
            KernelCounters k = KernelCounters.snapshot();
            for (String name : COUNTERS) {
                lab.log().note(null, "netstat." + name, k.count(name));
            }
            long fast = k.count("TcpExt.TCPFastRetrans"), timeouts = k.count("TcpExt.TCPTimeouts");
            boolean all = got[0] == SIZE && got[1] == TAIL_LENGTH;
            return all && fast > 0 && timeouts > 0
                    ? Outcome.achieved("all " + SIZE + " + " + TAIL_LENGTH + " bytes arrived through " + fast
                            + " fast retransmissions and " + timeouts + " retransmission timeout(s)")
                    : Outcome.missed("read " + got[0] + " + " + got[1] + " bytes; fast retransmissions " + fast
                            + ", timeouts " + timeouts);
        });
    }
}
