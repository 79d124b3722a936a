package io.wirebook.flow;

import static io.wirebook.TcpCaptureBuilder.ACK;
import static io.wirebook.TcpCaptureBuilder.FIN;
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
}
