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
}
