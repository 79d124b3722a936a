package io.wirebook.pipeline;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.FIN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.capture.Frame;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.TcpState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One pipeline per capture: {@code next} reuses one result, {@code keep} gives results that stay true to
 * their frame, non-TCP packets carry no TCP view, and the note is the same whichever way it is asked for.
 */
class PacketPipelineTest {
    private static final long C = CLIENT_ISN, S = SERVER_ISN;
    private static final String ETH = "000000000002 000000000001 0800";
    // IP 10.0.0.1.51000 > 10.0.0.2.7777: UDP, length 15
    private static final String UDP = ETH + "4500 002b 0001 4000 4011 26bf 0a00 0001 0a00 0002"
            + "c738 1e61 0017 f869 68656c6c6f2c2077697265626f6f6b";
    // IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9 unreachable, length 40
    private static final String ICMP = ETH + "4500 003c 0003 0000 4001 66bc 0a00 0002 0a00 0001" + "0303 111d 0000 0000"
            + "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67";
    // ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
    private static final String ARP = "ffffffffffff 000000000001 0806"
            + "0001 0800 0604 0001 000000000001 0a000001 000000000000 0a000002";
    // IP 10.0.0.1.40000 > 10.0.0.2.80:  tcp 8 [bad hdr length 16 - too short, < 20]
    private static final String BAD_TCP = ETH + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002"
            + "9c40 0050 000f 4241 b2d0 5e01 4018 01f6 aa1d 0000 0000 0000";

    private final Segments s = new Segments();
    private final PacketPipeline pipeline = new PacketPipeline();

    @Test
    void nextReusesOneResultForEveryFrame() {
        List<Frame> hs = s.handshake();
        PacketResult first = pipeline.next(hs.get(0));
        assertEquals(TcpState.SYN_SENT, first.tcp().clientState);
        assertEquals("SYN: opens a connection; proposes MSS 1460, window scale 7 (x128), SACK, timestamps;"
                + " client enters SYN_SENT", first.note());
        PacketResult second = pipeline.next(hs.get(1));
        assertSame(first, second);
        assertSame(first.packet(), second.packet());
        // The reused result now describes frame 2 throughout, its note too (worded afresh, not the SYN's).
        assertEquals(2, first.frame().number);
        assertFalse(first.fromClient());
        assertEquals(TcpState.SYN_RECEIVED, first.tcp().serverState);
        assertEquals("SYN/ACK: agrees to open the connection and acknowledges the SYN; proposes MSS 1460, window scale"
                + " 7 (x128), SACK, timestamps; client enters ESTABLISHED, server enters SYN_RECEIVED", first.note());
    }

    @Test
    void keptResultsStayTrueToTheirFrameAfterLaterFrames() {
        List<Frame> hs = s.handshake();
        PacketResult syn = pipeline.keep(hs.get(0));
        PacketResult synAck = pipeline.keep(hs.get(1));
        // The capture's reader reuses its frame: overwrite the SYN's bytes as the next record would.
        Frame original = hs.get(0);
        java.util.Arrays.fill(original.data, original.offset, original.offset + original.capturedLength, (byte) 0);
        original.number = 99;
        pipeline.next(hs.get(2));
        pipeline.next(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502));

        assertNotSame(syn, synAck);
        assertEquals(1, syn.frame().number);
        assertTrue(syn.isTcp());
        assertEquals(0, syn.tcp().relSeq);
        assertEquals(1, syn.tcp().nextSeq);
        assertEquals(TcpState.SYN_SENT, syn.tcp().clientState);
        assertEquals(0, syn.analysis().flags);
        // Worded only now, from the kept copy of the bytes.
        assertEquals("SYN: opens a connection; proposes MSS 1460, window scale 7 (x128), SACK, timestamps;"
                + " client enters SYN_SENT", syn.note());
        assertEquals(2, synAck.frame().number);
        assertEquals(1, synAck.tcp().relAck);
        assertEquals(1, synAck.analysis().acksFrame, "the SYN/ACK acknowledges frame 1");
        // The connection is the live one: it has counted every segment since.
        assertSame(syn.connection(), synAck.connection());
        assertEquals(3, syn.connection().a.packets);
        assertEquals(TcpState.ESTABLISHED, syn.connection().server().state);
    }

    @Test
    void keepAllKeepsOneResultPerFrame() {
        List<PacketResult> r = pipeline.keepAll(s.handshake());
        assertEquals(3, r.size());
        assertEquals(List.of(1L, 2L, 3L), List.of(r.get(0).frame().number, r.get(1).frame().number, r.get(2).frame().number));
        assertEquals(List.of(true, false, true), List.of(r.get(0).fromClient(), r.get(1).fromClient(), r.get(2).fromClient()));
        assertEquals(64256, r.get(2).tcp().scaledWindow);
    }

    @Test
    void packetsThatAreNotTrackedTcpSegmentsHaveNoTcpView() {
        for (String hex : List.of(UDP, ICMP, ARP, BAD_TCP)) {
            PacketResult r = pipeline.next(s.hex(0, hex));
            assertFalse(r.isTcp(), hex);
            assertNull(r.tcp(), hex);
            assertNull(r.analysis(), hex);
            assertNull(r.connection(), hex);
            assertFalse(r.fromClient(), hex);
            assertFalse(r.note().isEmpty(), hex);
        }
    }

    @Test
    void aTcpSegmentBetweenOthersStillGetsItsView() {
        pipeline.next(s.hex(0, UDP));
        PacketResult r = pipeline.next(s.client(100, SYN, C, 0, 0, 64240));
        assertTrue(r.isTcp());
        assertEquals(0, r.tcp().stream);
        assertEquals(0, r.analysis().flags);
        pipeline.next(s.hex(200, ICMP));
        assertNull(r.tcp(), "the reused result follows the ICMP packet");
    }

    @Test
    void theNoteIsTheSameThroughNoteAndAppendNote() {
        List<Frame> frames = new ArrayList<>(s.handshake());
        frames.add(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502));
        frames.add(s.client(230_000, PSH | ACK, C + 1, S + 1, 100, 502)); // retransmission
        frames.add(s.server(231_000, FIN | ACK, S + 1, C + 101, 0, 509));
        frames.add(s.hex(232_000, UDP));
        frames.add(s.hex(233_000, ICMP));
        frames.add(s.hex(234_000, ARP));
        frames.add(s.hex(235_000, BAD_TCP));
        PacketPipeline other = new PacketPipeline();
        for (Frame f : frames) {
            // The same frame through two pipelines: one words the note first, the other appends it first.
            PacketResult a = pipeline.next(f);
            PacketResult b = other.next(f);
            String note = a.note();
            StringBuilder fresh = new StringBuilder("line  \u00B7  ");
            assertTrue(b.appendNote(fresh), note);
            assertEquals("line  \u00B7  " + note, fresh.toString(), "appended before note() was asked");
            StringBuilder cached = new StringBuilder(">");
            assertTrue(a.appendNote(cached));
            assertEquals(">" + note, cached.toString(), "appended after note()");
            assertEquals(note, b.note());
        }
    }

    @Test
    void theAnalysisCarriesFromFrameToFrame() {
        List<Frame> frames = new ArrayList<>(s.handshake());
        // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, length 100, twice, 227 ms apart
        frames.add(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502));
        frames.add(s.client(230_000, PSH | ACK, C + 1, S + 1, 100, 502));
        List<PacketResult> r = pipeline.keepAll(frames);
        assertEquals(0, r.get(3).analysis().flags);
        assertEquals(AnalysisFlags.RETRANSMISSION, r.get(4).analysis().flags);
        assertEquals(2_000_000, r.get(4).analysis().initialRttNanos, "SYN to the ACK of the SYN/ACK");
    }

    @Test
    void aSummarisingPipelineHandsEachConnectionOverOnceItEnds() {
        List<ConversationSummary> ended = new ArrayList<>();
        PacketPipeline p = PacketPipeline.summarising(EvictionPolicy.never(), ended::add, null);
        for (Frame f : s.handshake()) {
            p.next(f);
        }
        p.next(s.client(3000, FIN | ACK, C + 1, S + 1, 0, 502));
        p.next(s.server(4000, FIN | ACK, S + 1, C + 2, 0, 509));
        p.next(s.client(5000, ACK, C + 2, S + 2, 0, 502));
        // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 2000000, win 64240, length 0  (the ports again)
        p.next(s.client(9000, SYN, 2_000_000, 0, 0, 64240));
        assertEquals(1, ended.size(), "the new SYN retired the finished connection");
        assertEquals(0, ended.get(0).stream);
        assertEquals(ConversationSummary.End.THREE_WAY_FIN, ended.get(0).end);
        p.finish();
        assertEquals(2, ended.size());
        assertEquals(1, ended.get(1).stream);
        assertTrue(ended.get(1).reusedPorts);
        assertEquals(ConversationSummary.End.NO_ANSWER, ended.get(1).end, "a SYN that got nothing back");
    }
}
