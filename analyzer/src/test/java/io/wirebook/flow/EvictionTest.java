package io.wirebook.flow;

import static io.wirebook.TcpCaptureBuilder.ACK;
import static io.wirebook.TcpCaptureBuilder.FIN;
import static io.wirebook.TcpCaptureBuilder.RST;
import static io.wirebook.TcpCaptureBuilder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.TcpCaptureBuilder;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eviction keeps tshark's stream numbers: a late packet of an evicted connection finds its tombstone. */
class EvictionTest {
    @TempDir
    Path tmp;

    @Test
    void latePacketOfAnEvictedConnectionKeepsItsStreamNumberAndRelativeNumbers() throws IOException {
        Path f = new TcpCaptureBuilder()
                .seg(0, true, SYN, 1000, 0, 0, 1000, 40000)
                .seg(1000, false, SYN | ACK, 5000, 1001, 0, 1000, 40000)
                .seg(2000, true, ACK, 1001, 5001, 0, 1000, 40000)
                .seg(3000, true, FIN | ACK, 1001, 5001, 0, 1000, 40000)
                .seg(4000, false, FIN | ACK, 5001, 1002, 0, 1000, 40000)
                .seg(5000, true, ACK, 1002, 5002, 0, 1000, 40000)
                // A second connection: the table is over its (tiny) limit, the first one is finished: evicted.
                .seg(10_000, true, SYN, 7000, 0, 0, 1000, 40001)
                // A late duplicate of the first connection's last ACK.
                .seg(20_000, true, ACK, 1002, 5002, 0, 1000, 40000)
                .seg(30_000, true, SYN, 9000, 0, 0, 1000, 40002)
                .write(tmp.resolve("evict.pcap"));
        List<TcpConnection> ended = new ArrayList<>();
        FlowSink<TcpConnection> sink = new FlowSink<>() {
            @Override
            public void tcpEnded(TcpConnection c) {
                ended.add(c);
            }

            @Override
            public void udpEnded(UdpFlow u) {}
        };
        ConnectionTracker<TcpConnection> tracker = new ConnectionTracker<>(new EvictionPolicy(1, 1, 0, Long.MAX_VALUE, 10), sink, TcpConnection::new);
        List<Integer> streams = new ArrayList<>();
        List<Long> relSeqs = new ArrayList<>();
        TcpView v = new TcpView();
        try (FrameSource src = CaptureFiles.open(f.toString())) {
            Frame frame = new Frame();
            Packet p = new Packet();
            PacketDecoder d = new PacketDecoder();
            while (src.next(frame)) {
                d.decode(frame, p);
                tracker.track(p, v);
                streams.add(v.stream);
                relSeqs.add(v.relSeq);
            }
        }
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 0, 2), streams, "tshark's stream numbers");
        assertEquals(2L, relSeqs.get(7), "relative seq of the late ACK, from the remembered base");
        assertEquals(1, tracker.evictedCount() > 0 ? 1 : 0);
        assertEquals(0, ended.get(0).stream, "the evicted connection was handed over first");
    }

    /** Three connections to port 1000 from ports 40000.. that each end with a RST at {@code micros}, one after the other. */
    private static TcpCaptureBuilder resetAt(TcpCaptureBuilder b, int port, long micros) {
        return b.seg(micros - 2, true, SYN, 100, 0, 0, 1000, port)
                .seg(micros - 1, false, SYN | ACK, 500, 101, 0, 1000, port)
                .seg(micros, true, RST | ACK, 101, 501, 0, 1000, port);
    }

    /**
     * Finished connections past the policy's {@code finishedKept} leave once idle for the linger, whatever the
     * soft limit: the tracker holds those of the last linger of capture time, not every one since the start.
     * A packet after the close restarts the linger; the late packet of an evicted one finds its tombstone.
     */
    @Test
    void finishedConnectionsPastTheKeptNumberLeaveAfterTheirLingerWhateverTheSoftLimit() throws IOException {
        TcpCaptureBuilder b = new TcpCaptureBuilder();
        resetAt(b, 40000, 10);
        resetAt(b, 40001, 20);
        resetAt(b, 40002, 30);
        b.seg(500_000, true, ACK, 101, 501, 0, 1000, 40001); // 40001 is touched again, 0.5 s after its RST
        resetAt(b, 40003, 1_100_000); // 1.1 s: 40000 and 40002 are past the 1 s linger, 40001 is not
        b.seg(1_200_000, true, ACK, 101, 501, 0, 1000, 40000); // 40000 comes back from its tombstone
        resetAt(b, 40004, 1_600_000); // 1.6 s: 40001's linger (from 0.5 s) is over
        Path f = b.write(tmp.resolve("linger.pcap"));
        List<Integer> ended = new ArrayList<>();
        FlowSink<TcpConnection> sink = new FlowSink<>() {
            @Override
            public void tcpEnded(TcpConnection c) {
                ended.add(c.stream);
            }

            @Override
            public void udpEnded(UdpFlow u) {}
        };
        ConnectionTracker<TcpConnection> tracker = new ConnectionTracker<>(
                new EvictionPolicy(1_000_000, 1_000_000, 1_000_000_000L, Long.MAX_VALUE, 100, 1), sink, TcpConnection::new);
        List<Integer> streams = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        TcpView v = new TcpView();
        try (FrameSource src = CaptureFiles.open(f.toString())) {
            Frame frame = new Frame();
            Packet p = new Packet();
            PacketDecoder d = new PacketDecoder();
            while (src.next(frame)) {
                d.decode(frame, p);
                tracker.track(p, v);
                streams.add(v.stream);
                live.add(tracker.liveConnections());
            }
        }
        assertEquals(List.of(0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 3, 3, 3, 0, 4, 4, 4), streams,
                "tshark's stream numbers, the late packet of stream 0 included");
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 2, 2, 2, 3, 3, 3, 3), live,
                "connections held after each packet: streams 0 and 2 leave with the first packet at 1.1 s, "
                        + "stream 0 comes back at 1.2 s, stream 1 leaves at 1.6 s");
        assertEquals(List.of(0, 2, 1), ended, "handed over in the order they were evicted");
        assertEquals(3, tracker.evictedCount());
    }

    /** A raw IPv4 frame: a UDP datagram 10.0.0.1:40000 > 10.0.1.1:{@code port}, or the ICMP port unreachable that quotes it. */
    private static Frame udpFrame(long number, long micros, int port, boolean icmpError) {
        byte[] udp = {(byte) (40000 >> 8), (byte) 40000, (byte) (port >> 8), (byte) port, 0, 12, 0, 0, 'p', 'i', 'n', 'g'};
        byte[] datagram = ipv4(17, new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 1, 1}, udp);
        byte[] data = datagram;
        if (icmpError) {
            byte[] icmp = new byte[8 + datagram.length];
            icmp[0] = 3;
            icmp[1] = 3;
            System.arraycopy(datagram, 0, icmp, 8, datagram.length);
            data = ipv4(1, new byte[] {10, 0, 1, 1}, new byte[] {10, 0, 0, 1}, icmp);
        }
        Frame f = new Frame();
        f.linkType = io.wirebook.capture.LinkType.RAW;
        f.data = data;
        f.capturedLength = data.length;
        f.originalLength = data.length;
        f.number = number;
        f.epochSeconds = 1_700_000_000L + micros / 1_000_000;
        f.nanos = (int) (micros % 1_000_000) * 1000;
        return f;
    }

    private static byte[] ipv4(int protocol, byte[] source, byte[] destination, byte[] payload) {
        byte[] b = new byte[20 + payload.length];
        b[0] = 0x45;
        b[2] = (byte) (b.length >> 8);
        b[3] = (byte) b.length;
        b[8] = 64;
        b[9] = (byte) protocol;
        System.arraycopy(source, 0, b, 12, 4);
        System.arraycopy(destination, 0, b, 16, 4);
        System.arraycopy(payload, 0, b, 20, payload.length);
        return b;
    }

    /**
     * UDP flows past the policy's UDP limit go as TCP connections do: at the sweep, the longest idle down to
     * the soft limit, each handed over then; a later datagram of one revives it from its tombstone with its
     * index, its counts starting again.
     */
    @Test
    void udpFlowsPastTheLimitLeaveLongestIdleFirstAndALateDatagramKeepsItsIndex() {
        List<String> ended = new ArrayList<>();
        ConnectionTracker<TcpConnection> tracker = udpTracker(ended);
        PacketDecoder d = new PacketDecoder();
        Packet p = new Packet();
        List<Integer> live = new ArrayList<>();
        long n = 0;
        for (int port = 1; port <= 9; port++) {
            d.decode(udpFrame(++n, n * 10, port, false), p);
            tracker.trackUdp(p);
            if (port == 2) {
                d.decode(udpFrame(++n, n * 10, 1, false), p); // flow 0 is touched again: flow 1 is now the longest idle
                tracker.trackUdp(p);
            }
            live.add(tracker.liveUdpFlows());
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 4), live, "the ninth flow is one too many: back to the soft limit");
        assertEquals(List.of("1:1", "0:2", "2:1", "3:1", "4:1"), ended, "the longest idle first, each with its counts");
        assertEquals(5, tracker.evictedUdpCount());
        d.decode(udpFrame(++n, n * 10, 2, false), p);
        UdpFlow late = tracker.trackUdp(p);
        assertEquals(1, late.index, "a late datagram of an evicted flow keeps its index");
        assertEquals(1, late.aPackets, "and counts from there");
        assertEquals(n, late.firstFrame);
        d.decode(udpFrame(++n, n * 10, 100, false), p);
        assertEquals(9, tracker.trackUdp(p).index, "new flows number on from the last");
    }

    /**
     * Past the year 2262 nanoseconds since 1970 no longer fit a long and the tracker's times wrap: the
     * longest idle flow is still the one whose last datagram came first. Here the flows' datagrams are a
     * second apart from 5 s before that point (9,223,372,036.85 s) to 6 s after it; before, the sweep
     * sorted the flows after it (negative times) first and let the newest go.
     */
    @Test
    void theLongestIdleFlowsLeaveFirstAcrossTheYear2262() {
        List<String> ended = new ArrayList<>();
        ConnectionTracker<TcpConnection> tracker = udpTracker(ended);
        PacketDecoder d = new PacketDecoder();
        Packet p = new Packet();
        long n = 0;
        for (int port = 1; port <= 9; port++) {
            d.decode(at(udpFrame(++n, 0, port, false), 9_223_372_031L + n), p);
            tracker.trackUdp(p);
            if (port == 2) {
                d.decode(at(udpFrame(++n, 0, 1, false), 9_223_372_031L + n), p);
                tracker.trackUdp(p);
            }
        }
        assertEquals(List.of("1:1", "0:2", "2:1", "3:1", "4:1"), ended, "the longest idle first, as before 2262");
    }

    /**
     * A tracker with soft limit 4 (a sweep at every new flow past it) and at most 8 UDP flows, which adds
     * "index:packets" to {@code ended} for each flow it hands over.
     */
    private static ConnectionTracker<TcpConnection> udpTracker(List<String> ended) {
        FlowSink<TcpConnection> sink = new FlowSink<>() {
            @Override
            public void tcpEnded(TcpConnection c) {}

            @Override
            public void udpEnded(UdpFlow u) {
                ended.add(u.index + ":" + u.aPackets);
            }
        };
        return new ConnectionTracker<>(new EvictionPolicy(4, 8, Long.MAX_VALUE, Long.MAX_VALUE, 100), sink,
                TcpConnection::new);
    }

    private static Frame at(Frame f, long epochSeconds) {
        f.epochSeconds = epochSeconds;
        f.nanos = 0;
        return f;
    }

    /**
     * An ICMP error quoting a UDP flow creates the flow only when UDP flows are tracked (read does not track
     * them: before, each error made a flow that nothing let go), and then within the same limit.
     */
    @Test
    void icmpErrorsQuotingUdpFlowsAreBoundedAsTheFlowsAre() {
        ConnectionTracker<TcpConnection> reading = new ConnectionTracker<>(
                new EvictionPolicy(4, 8, Long.MAX_VALUE, Long.MAX_VALUE, 100), FlowSink.none(), TcpConnection::new);
        ConnectionTracker<TcpConnection> summarising = new ConnectionTracker<>(
                new EvictionPolicy(4, 8, Long.MAX_VALUE, Long.MAX_VALUE, 100), FlowSink.none(), TcpConnection::new);
        PacketDecoder d = new PacketDecoder();
        Packet p = new Packet();
        int most = 0;
        for (int port = 1; port <= 100; port++) {
            d.decode(udpFrame(port, port * 10L, port, true), p);
            reading.trackIcmpError(p, false);
            summarising.trackIcmpError(p, true);
            assertEquals(0, reading.liveUdpFlows());
            most = Math.max(most, summarising.liveUdpFlows());
        }
        assertEquals(8, most, "at most the limit");
        assertEquals(100 - summarising.liveUdpFlows(), summarising.evictedUdpCount(), "the others were handed over");
    }
}
