package io.wirebook.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;

/**
 * The synthetic capture generator: a deterministic stream of loopback TCP and UDP traffic with labelled
 * anomalies, written as a classic pcap file.
 *
 * <p>Flows arrive as a Poisson process (by default a new TCP connection or UDP exchange every 50 us).
 * Each open flow sits in a heap keyed by the time of its next packet; the generator repeatedly writes the
 * earliest packet, so the capture is in time order while any number of connections overlap. Memory is the
 * open flows (pooled objects, a few hundred bytes each, plus their planned phase), never the capture.
 *
 * <p>About 15% of packets are UDP. A TCP connection gets a packet budget when it opens: its handshake and
 * teardown, plus exchanges as many as it wants in the natural mix (1..6 exchanges, 2% long-lived with
 * 20..200). With a connection aim, the exchanges are scaled so that exactly that many connections share the
 * TCP packets; what a connection takes more or less than its budget is carried to the next, so the totals
 * land on the aim, and UDP makes up any last shortfall.
 */
public final class SyntheticCapture {
    /** Capture start: 2023-11-14T22:13:20Z, a fixed point so captures do not depend on the clock. */
    static final long START_NANOS = 1_700_000_000L * 1_000_000_000L;
    static final double UDP_SHARE = 0.15;
    static final double IPV6_SHARE = 0.10;
    static final double REFUSED_SHARE = 0.03;
    /** Packets an exchange takes in the natural mix (measured: 4.5 to 4.7 depending on the anomaly rate). */
    static final double NATURAL_EXCHANGE_PACKETS = 4.6;
    /**
     * Packets a connection takes besides its exchanges, on average: a refused one 2 (SYN, RST-ACK); any other
     * 3 for the handshake and 0.08 * 1 (RST) + 0.47 * 4 (four-way) + 0.45 * 3 (three-way) for the close.
     */
    static final double OVERHEAD = REFUSED_SHARE * 2 + (1 - REFUSED_SHARE) * (3 + 0.08 * 1 + 0.47 * 4 + 0.45 * 3);
    /** Fewest packets per connection an aim may ask for: the overhead and a little room. */
    static final double MIN_PACKETS_PER_CONNECTION = OVERHEAD + 0.3;
    private static final int OUTPUT_BUFFER = 8 << 20;

    private final SynthOptions options;
    private final TrafficModel m;
    private final FrameWriter frames = new FrameWriter();
    private final FlowHeap heap = new FlowHeap();
    private final PortAllocator ports;
    private final ArrayDeque<TcpConversation> freeTcp = new ArrayDeque<>();
    private final ArrayDeque<UdpExchange> freeUdp = new ArrayDeque<>();
    private final SynthSummary summary = new SynthSummary();
    /** Mean time between flow arrivals. */
    private final double arrivalGap;
    /** Whether a connection count was asked for. */
    private final boolean aim;
    /** With an aim: connections still to open, and the TCP and UDP packets still to plan. */
    private long connectionsLeft;
    private double tcpLeft;
    private double udpLeft;
    /** Packets planned so far, to keep UDP at its share of the traffic. */
    private double tcpPlanned;
    private double udpPlanned;
    /** Budget left over (positive) or overdrawn (negative) by finished connections, for the next one. */
    private double carry;
    private long open;
    private Listener listener;

    private SyntheticCapture(SynthOptions options, PortAllocator ports) {
        this.options = options;
        this.ports = ports;
        this.m = new TrafficModel(options.seed(), options.anomalyRate(), IPV6_SHARE);
        this.arrivalGap = 1e9 / options.flowsPerSecond();
        this.aim = options.connections() > 0;
        this.connectionsLeft = options.connections();
        this.tcpLeft = options.packets() * (1 - UDP_SHARE);
        this.udpLeft = options.packets() * UDP_SHARE;
    }

    /** The most connections {@code packets} packets can hold (each needs a handshake and a close). */
    public static long maxConnections(long packets) {
        return (long) (packets * (1 - UDP_SHARE) / MIN_PACKETS_PER_CONNECTION);
    }

    /**
     * Writes a capture to {@code out} and, when {@code labels} is not null, one line {@code "FRAME LABEL"}
     * per labelled anomaly to it (frame numbers from 1, as tshark's {@code frame.number}). Neither is closed.
     */
    public static SynthSummary generate(SynthOptions options, WritableByteChannel out, Writer labels)
            throws IOException {
        return generate(options, out, labels, null);
    }

    /** Hears how far {@link #generate} is, every {@link #REPORT_EVERY} packets. */
    @FunctionalInterface
    public interface Listener {
        void written(long packets, long bytes);
    }

    /** Packets between two calls of a {@link Listener}. */
    public static final int REPORT_EVERY = 1024;

    /** As {@link #generate(SynthOptions, WritableByteChannel, Writer)}, telling {@code listener} (or nobody) how far it is. */
    public static SynthSummary generate(SynthOptions options, WritableByteChannel out, Writer labels, Listener listener)
            throws IOException {
        SyntheticCapture c = new SyntheticCapture(options, new PortAllocator(2 * TrafficModel.SERVER_PORTS.length));
        c.listener = listener;
        return c.run(out, labels);
    }

    /** As {@link #generate} with client ports from {@code firstPort..endPort-1} only (tests: ports reused soon). */
    static SynthSummary generate(SynthOptions options, WritableByteChannel out, Writer labels, int firstPort,
            int endPort) throws IOException {
        PortAllocator ports = new PortAllocator(2 * TrafficModel.SERVER_PORTS.length, firstPort, endPort);
        return new SyntheticCapture(options, ports).run(out, labels);
    }

    private SynthSummary run(WritableByteChannel channel, Writer labels) throws IOException {
        PcapOutput out = new PcapOutput(channel, options.nanos(), OUTPUT_BUFFER);
        try {
            return run(out, labels);
        } finally {
            out.finish();
        }
    }

    private SynthSummary run(PcapOutput out, Writer labels) throws IOException {
        long limit = options.packets();
        long written = 0;
        long arrival = START_NANOS + m.rng.nextLong(1_000_000_000L);
        while (written < limit) {
            if (arrival <= heap.topTime()) {
                if (heap.isEmpty() || wantsArrival()) {
                    arrive(arrival);
                }
                arrival += 1 + m.exponential(arrivalGap);
                continue;
            }
            Flow f = heap.top();
            long t = f.nextTime();
            int pos = out.reserve(FrameWriter.MAX_FRAME);
            int length = f.write(out.buffer(), pos, frames);
            out.commit(t, length);
            written++;
            if (listener != null && written % REPORT_EVERY == 0) {
                listener.written(written, out.length());
            }
            count(f, t);
            if (f.anomalies != 0) {
                label(written, f.anomalies, labels);
            }
            if (f.done()) {
                heap.removeTop();
                recycle(f);
            } else {
                heap.updateTop();
            }
        }
        summary.packets = written;
        summary.bytes = out.length();
        return summary;
    }

    /**
     * With a connection aim, flows stop arriving once every connection has opened and UDP has its share:
     * the open connections then use up their budgets. Without an aim, flows arrive until the last packet.
     */
    private boolean wantsArrival() {
        return !aim || connectionsLeft > 0 || udpLeft > 0;
    }

    /** A new flow starts at {@code t}: UDP while UDP is behind its share of the planned packets, else TCP. */
    private void arrive(long t) {
        boolean udp = udpPlanned < UDP_SHARE * (udpPlanned + tcpPlanned);
        if (aim) {
            // Once every connection is open, what is missing (if connections end under budget) is made up by UDP.
            udp = udp && udpLeft > 0 || connectionsLeft == 0;
        }
        if (udp) {
            UdpExchange u = freeUdp.isEmpty() ? new UdpExchange(m) : freeUdp.pop();
            int n = u.open(t);
            udpPlanned += n;
            udpLeft -= n;
            heap.add(u);
            return;
        }
        TcpConversation c = freeTcp.isEmpty() ? new TcpConversation(m) : freeTcp.pop();
        boolean v6 = m.chance(IPV6_SHARE);
        int server = m.serverPortIndex();
        int key = (v6 ? TrafficModel.SERVER_PORTS.length : 0) + server;
        int step = m.chance(0.25) ? 2 : 1;
        int port = ports.acquire(key, step, PortAllocator.FIRST + m.rng.nextInt(PortAllocator.END - PortAllocator.FIRST));
        boolean refused = m.chance(REFUSED_SHARE) && !(aim && connectionsLeft == 1);
        int teardown = TcpConversation.drawTeardown(m);
        int wanted = m.wantedExchanges();
        double budget = refused ? 2 : budget(3 + TcpConversation.teardownPackets(teardown), wanted);
        if (aim) {
            tcpLeft -= budget;
            connectionsLeft--;
        }
        if (!refused) {
            budget += carry;
            carry = 0;
        }
        tcpPlanned += budget;
        c.open(t, v6, port & 0xFFFF, TrafficModel.SERVER_PORTS[server], key, (port & PortAllocator.REUSED) != 0,
                refused, teardown, TrafficModel.isLongLived(wanted), budget);
        heap.add(c);
        if (++open > summary.peakOpenConnections) {
            summary.peakOpenConnections = open;
        }
    }

    /**
     * Packets for a connection that wants {@code wanted} exchanges: its handshake and close, plus exchanges.
     * Without an aim an exchange is budgeted at what it takes on average. With one, the TCP packets still to
     * plan, less the handshakes and closes of the connections still to open, are shared among those
     * connections in proportion to what they want; the last one takes all that is left.
     */
    private double budget(double overhead, int wanted) {
        if (!aim) {
            return overhead + wanted * NATURAL_EXCHANGE_PACKETS;
        }
        if (connectionsLeft == 1) {
            return Math.max(overhead, tcpLeft);
        }
        double forExchanges = Math.max(0, tcpLeft - connectionsLeft * OVERHEAD);
        double perConnection = forExchanges / (connectionsLeft * (1 - REFUSED_SHARE));
        return overhead + perConnection * wanted / TrafficModel.MEAN_WANTED_EXCHANGES;
    }

    private void recycle(Flow f) {
        if (f instanceof TcpConversation) {
            TcpConversation c = (TcpConversation) f;
            ports.release(c.portKey, c.clientPort);
            if (!c.refused) {
                carry += c.budget - c.planned;
            }
            open--;
            freeTcp.push(c);
        } else {
            freeUdp.push((UdpExchange) f);
        }
    }

    private void count(Flow f, long t) {
        if (summary.firstNanos < 0) {
            summary.firstNanos = t;
        }
        summary.lastNanos = t;
        if (f instanceof TcpConversation) {
            TcpConversation c = (TcpConversation) f;
            if (c.written == 1) {
                summary.tcpConnections++;
                if (c.v6) {
                    summary.tcpConnectionsV6++;
                }
                if (c.refused) {
                    summary.refused++;
                }
            }
        } else if (((UdpExchange) f).firstWritten()) {
            summary.udpExchanges++;
        }
    }

    private void label(long frame, int anomalies, Writer labels) throws IOException {
        for (int bits = anomalies; bits != 0; bits &= bits - 1) {
            Anomaly a = Anomaly.of(Integer.numberOfTrailingZeros(bits));
            summary.anomalies[a.ordinal()]++;
            if (labels != null) {
                labels.write(Long.toString(frame));
                labels.write(' ');
                labels.write(a.label());
                labels.write('\n');
            }
        }
    }
}
