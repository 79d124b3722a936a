package io.wirebook.analysis;

import static io.wirebook.TcpCaptureBuilder.ACK;
import static io.wirebook.TcpCaptureBuilder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wirebook.TcpCaptureBuilder;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that has seen only a bare SYN keeps no analysis state (a SYN scan's half-open connections
 * cost a few hundred bytes); its second segment, or its summary, replays the SYN first, so the findings
 * are those of a connection that kept its state all along: a repeated SYN is a retransmission, the
 * handshake round trip counts from the SYN, and the summary of a lone SYN is Zeek's S0 with history S.
 */
class DeferredSynTest {
    @TempDir
    Path tmp;

    @Test
    void aLoneSynKeepsNoStateAndItsReplayGivesTheSameFindings() throws IOException {
        Path f = new TcpCaptureBuilder()
                .seg(0, true, SYN, 1000, 0, 0, 1000, 40000)
                .seg(0, true, SYN, 7000, 0, 0, 1000, 40001)
                .seg(1_000_000, true, SYN, 1000, 0, 0, 1000, 40000) // the SYN again, 1 s later
                .seg(1_000_500, false, SYN | ACK, 5000, 1001, 0, 1000, 40000)
                .seg(1_000_900, true, ACK, 1001, 5001, 0, 1000, 40000)
                .write(tmp.resolve("syns.pcap"));
        List<ConversationSummary> summaries = new ArrayList<>();
        PacketPipeline pipeline = PacketPipeline.summarising(EvictionPolicy.defaults(), summaries::add, null);
        List<Integer> flags = new ArrayList<>();
        List<Boolean> stateKept = new ArrayList<>();
        long rtt = -1;
        try (FrameSource src = CaptureFiles.open(f.toString())) {
            Frame frame = new Frame();
            while (src.next(frame)) {
                PacketResult r = pipeline.next(frame);
                flags.add(r.analysis().flags);
                stateKept.add(((AnalysedConnection) r.connection()).analysis != null);
                rtt = r.analysis().initialRttNanos;
            }
        }
        assertEquals(List.of(false, false, true, true, true), stateKept, "state from each connection's second segment");
        assertEquals(List.of(0, 0, AnalysisFlags.RETRANSMISSION, 0, 0), flags, "the repeated SYN is a retransmission");
        assertEquals(900_000L, rtt, "from the most recent SYN to the ACK of the SYN+ACK, in nanoseconds");
        pipeline.finish();
        assertEquals(2, summaries.size());
        ConversationSummary answered = summaries.get(0), lone = summaries.get(1);
        assertEquals(1, answered.retransmissions);
        assertEquals("ShA", answered.history);
        assertEquals(1, lone.stream);
        assertEquals("S0", lone.connState);
        assertEquals("S", lone.history);
        assertEquals(0, lone.retransmissions);
    }

    @Test
    void aLoneSynsStateIsMadeForItsSummary() throws IOException {
        Path f = new TcpCaptureBuilder().seg(0, true, SYN, 1000, 0, 0, 1000, 40000).write(tmp.resolve("one.pcap"));
        List<ConversationSummary> summaries = new ArrayList<>();
        PacketPipeline pipeline = PacketPipeline.summarising(EvictionPolicy.defaults(), summaries::add, null);
        AnalysedConnection c;
        try (FrameSource src = CaptureFiles.open(f.toString())) {
            Frame frame = new Frame();
            src.next(frame);
            c = (AnalysedConnection) pipeline.next(frame).connection();
        }
        assertNull(c.analysis);
        pipeline.finish();
        assertNotNull(c.analysis, "made, with the SYN replayed on it, for the summary");
        assertEquals("S", summaries.get(0).history);
    }
}
