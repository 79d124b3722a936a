package io.wirebook.flow;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.FIN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static io.wirebook.pipeline.Segments.mss;
import static io.wirebook.pipeline.Segments.nop;
import static io.wirebook.pipeline.Segments.wscale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow table: a segment finds its connection by 4-tuple in either direction; connections are numbered
 * as tshark's {@code tcp.stream}; relative numbers and scaled windows are Wireshark's; a new SYN on a used
 * 4-tuple starts a new stream; both sides move through the RFC 9293 states. (Eviction: {@link EvictionTest}.)
 * Every expected number here was checked against tshark 4.0 on the same frames written to a pcap.
 */
class ConnectionTrackerTest {
    private static final long C = CLIENT_ISN, S = SERVER_ISN;
    private final Segments s = new Segments();
    private final PacketPipeline pipeline = new PacketPipeline();

    /** Runs the frames through one pipeline; results are kept, so each still shows its own numbers. */
    private List<PacketResult> run(List<Frame> frames) {
        List<PacketResult> out = new ArrayList<>();
        for (Frame f : frames) {
            out.add(pipeline.keep(f));
        }
        return out;
    }

    private List<Integer> streams(List<PacketResult> rs) {
        List<Integer> out = new ArrayList<>();
        for (PacketResult r : rs) {
            out.add(r.tcp().stream);
        }
        return out;
    }

    @Test
    void bothDirectionsFindTheSameConnection() {
        List<PacketResult> r = run(s.handshake());
        TcpConnection c = r.get(0).connection();
        assertSame(c, r.get(1).connection(), "the SYN/ACK, 10.0.0.2.80 > 10.0.0.1.40000, finds the SYN's connection");
        assertSame(c, r.get(2).connection());
        assertEquals(List.of(true, false, true), List.of(r.get(0).fromClient(), r.get(1).fromClient(), r.get(2).fromClient()));
        assertEquals(1, pipeline.tracker().liveConnections());
        assertEquals(1, pipeline.tracker().streamCount());
        assertEquals(2, c.a.packets, "the client sent two of the three");
        assertEquals(1, c.b.packets);
    }

    @Test
    void streamsAreNumberedInOrderOfFirstAppearance() {
        Segments b = s.port(40001), m = s.port(40002);
        List<PacketResult> r = run(List.of(
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0
                s.client(0, SYN, 1000, 0, 0, 64240),
                // IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 5000, win 64240, length 0
                b.client(100, SYN, 5000, 0, 0, 64240),
                // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 9000, ack 1001, win 65160, length 0
                s.server(1000, SYN | ACK, 9000, 1001, 0, 65160),
                // IP 10.0.0.1.40002 > 10.0.0.2.80: Flags [P.], seq 70000:70010, ack 90000, win 300, length 10 (mid-stream)
                m.client(1500, PSH | ACK, 70000, 90000, 10, 300),
                // IP 10.0.0.2.80 > 10.0.0.1.40001: Flags [S.], seq 7000, ack 5001, win 65160, length 0
                b.server(2000, SYN | ACK, 7000, 5001, 0, 65160)));
        assertEquals(List.of(0, 1, 0, 2, 1), streams(r));
        assertEquals(3, pipeline.tracker().streamCount());
        assertEquals(3, pipeline.tracker().liveConnections());
    }

    @Test
    void relativeNumbersCountFromEachSidesInitialSequenceNumber() {
        List<Frame> frames = new ArrayList<>(s.handshake());
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, length 100
        frames.add(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502));
        // 5 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 1, ack 101, win 509, length 0
        frames.add(s.server(4000, FIN | ACK, S + 1, C + 101, 0, 509));
        List<PacketResult> r = run(frames);
        long[][] seqAckNext = new long[r.size()][];
        for (int i = 0; i < r.size(); i++) {
            TcpView v = r.get(i).tcp();
            seqAckNext[i] = new long[] {v.relSeq, v.relAck, v.nextSeq};
        }
        // Wireshark: the SYN is seq 0 and occupies one number; a SYN's ack is shown raw (0: the ACK flag is clear).
        long[][] expected = {{0, 0, 1}, {0, 1, 1}, {1, 1, 1}, {1, 1, 101}, {1, 101, 2}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(List.of(expected[i][0], expected[i][1], expected[i][2]),
                    List.of(seqAckNext[i][0], seqAckNext[i][1], seqAckNext[i][2]), "frame " + (i + 1) + " seq, ack, nxtseq");
        }
    }

    @Test
    void relativeNumbersWrapWithTheRawOnes() {
        long isn = 4_294_967_000L; // 296 numbers below 2^32
        List<PacketResult> r = run(List.of(
                s.client(0, SYN, 1000, 0, 0, 64240),
                s.server(1000, SYN | ACK, isn, 1001, 0, 65160),
                s.client(2000, ACK, 1001, isn + 1, 0, 502),
                // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 4294967001:205, ack 1001, win 100, length 500
                s.server(3000, PSH | ACK, isn + 1, 1001, 500, 100),
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 205, win 502, length 0   (raw: past 2^32)
                s.client(4000, ACK, 1001, (isn + 501) & 0xFFFF_FFFFL, 0, 502)));
        assertEquals(1, r.get(3).tcp().relSeq);
        assertEquals(501, r.get(3).tcp().nextSeq);
        assertEquals(205, r.get(4).packet().tcp.ack, "the raw ack wrapped");
        assertEquals(501, r.get(4).tcp().relAck);
    }

    @Test
    void aConnectionCaughtMidStreamCountsFromTheFirstNumbersSeen() {
        List<PacketResult> r = run(List.of(
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 70000:70010, ack 90000, win 300, length 10
                s.client(0, PSH | ACK, 70000, 90000, 10, 300),
                // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 70010, win 400, length 0
                s.server(100, ACK, 90000, 70010, 0, 400)));
        // tshark: a side's base is its first seq - 1; the first ack from the other side sets an unseen side's
        // base to ack - 1. Window scale unknown: windows are shown raw.
        TcpView data = r.get(0).tcp(), ack = r.get(1).tcp();
        assertEquals(List.of(1L, 1L, 11L), List.of(data.relSeq, data.relAck, data.nextSeq));
        assertEquals(List.of(1L, 11L), List.of(ack.relSeq, ack.relAck));
        assertEquals(List.of(300L, 400L), List.of(data.scaledWindow, ack.scaledWindow));
        assertEquals(TcpEndpoint.SCALE_UNKNOWN, ack.windowScale);
        assertTrue(data.fromClient, "without a SYN, the side that spoke first is the client");
        // Sending shows each side had the connection open.
        assertEquals(TcpState.ESTABLISHED, data.clientState);
        assertEquals(TcpState.ESTABLISHED, ack.serverState);
    }

    @Test
    void aConnectionFirstSeenAtItsSynAckWasOpenedByTheOtherSide() {
        List<PacketResult> r = run(List.of(
                // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 800, ack 601, win 1000, length 0
                s.server(0, SYN | ACK, 800, 601, 0, 1000),
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 1000, length 0
                s.client(100, ACK, 601, 801, 0, 1000)));
        assertFalse(r.get(0).fromClient());
        assertTrue(r.get(1).fromClient());
        TcpConnection c = r.get(0).connection();
        assertFalse(c.clientIsA, "side a (the first sender) is the server");
        assertEquals(TcpState.ESTABLISHED, c.client().state);
        assertEquals(TcpState.ESTABLISHED, c.server().state);
    }

    @Test
    void windowsAreScaledOnlyAfterBothSynsOfferedTheOption() {
        List<PacketResult> both = run(s.handshake());
        assertEquals(65160, both.get(1).tcp().scaledWindow, "a SYN's window is never scaled (RFC 7323 2.2)");
        assertEquals(64256, both.get(2).tcp().scaledWindow, "502 << 7");
        assertEquals(7, both.get(2).tcp().windowScale);

        Segments one = s.port(40001);
        List<PacketResult> r = run(List.of(
                // IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 5000, win 64240, options [mss 1460,nop,wscale 2], length 0
                one.client(10_000, SYN, 5000, 0, 0, 64240, mss(1460), nop(), wscale(2)),
                // IP 10.0.0.2.80 > 10.0.0.1.40001: Flags [S.], seq 7000, ack 5001, win 65160, options [mss 1460], length 0
                one.server(11_000, SYN | ACK, 7000, 5001, 0, 65160, mss(1460)),
                // IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0
                one.client(12_000, ACK, 5001, 7001, 0, 502),
                // IP 10.0.0.2.80 > 10.0.0.1.40001: Flags [.], ack 1, win 509, length 0
                one.server(13_000, ACK, 7001, 5001, 0, 509)));
        // RFC 7323 2.2: without the option in both SYNs neither side scales.
        assertEquals(502, r.get(2).tcp().scaledWindow);
        assertEquals(509, r.get(3).tcp().scaledWindow);
        assertEquals(TcpEndpoint.SCALE_NONE, r.get(2).tcp().windowScale);
    }

    @Test
    void aShiftAbove14CountsAs14() {
        List<PacketResult> r = run(List.of(
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,nop,wscale 20], length 0
                s.client(0, SYN, 1000, 0, 0, 64240, mss(1460), nop(), wscale(20)),
                s.server(1000, SYN | ACK, 9000, 1001, 0, 65160, mss(1460), nop(), wscale(7)),
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 3, length 0
                s.client(2000, ACK, 1001, 9001, 0, 3)));
        // RFC 7323 2.3: a shift over 14 is used as 14 (tshark warns "Window scale shift exceeds 14").
        assertEquals(14, r.get(2).tcp().windowScale);
        assertEquals(3L << 14, r.get(2).tcp().scaledWindow);
    }

    @Test
    void aNewSynOnAClosedConnectionsPortsStartsTheNextStream() {
        List<Frame> frames = new ArrayList<>(s.handshake());
        frames.add(s.client(3000, FIN | ACK, C + 1, S + 1, 0, 502));
        frames.add(s.server(4000, FIN | ACK, S + 1, C + 2, 0, 509));
        frames.add(s.client(5000, ACK, C + 2, S + 2, 0, 502));
        // 7 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 2000000, win 64240, length 0   (a new ISN)
        frames.add(s.client(9000, SYN, 2_000_000, 0, 0, 64240));
        // 8 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 123456, ack 2000001, win 65160, length 0
        frames.add(s.server(10_000, SYN | ACK, 123_456, 2_000_001, 0, 65160));
        List<PacketResult> r = run(frames);
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 1), streams(r));
        assertTrue(r.get(6).tcp().reusedPorts);
        assertTrue(r.get(6).connection().reusedPorts);
        assertNotSame(r.get(0).connection(), r.get(6).connection());
        assertSame(r.get(6).connection(), r.get(7).connection(), "the SYN/ACK finds the new connection, not the old");
        assertEquals(0, r.get(7).tcp().relSeq);
        assertEquals(1, r.get(7).tcp().relAck, "relative to the new SYN");
        assertEquals(2, pipeline.tracker().streamCount());
        assertEquals(1, pipeline.tracker().liveConnections(), "the old connection was handed over, not kept");
    }

    @Test
    void aSynSentAgainWithTheSameIsnStaysInItsStream() {
        List<PacketResult> r = run(List.of(
                // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0, twice, 1 s apart
                s.client(0, SYN, 1000, 0, 0, 64240),
                s.client(1_000_000, SYN, 1000, 0, 0, 64240)));
        assertEquals(List.of(0, 0), streams(r));
        assertTrue(r.get(1).tcp().synRepeat);
        assertFalse(r.get(1).tcp().reusedPorts);
    }

    @Test
    void simultaneousOpenAndCloseFollowRfc9293Figures7And13() {
        Segments o = s.port(40001);
        List<PacketResult> r = run(List.of(
                o.client(0, SYN, 100, 0, 0, 1000),                 // 1 [S] seq 0
                o.server(1, SYN, 900, 0, 0, 1000),                 // 2 [S] seq 0: the SYNs crossed
                o.client(2, SYN | ACK, 100, 901, 0, 1000),         // 3 [S.] seq 0, ack 1
                o.server(3, SYN | ACK, 900, 101, 0, 1000),         // 4 [S.] seq 0, ack 1
                o.client(10_000, FIN | ACK, 101, 901, 0, 1000),    // 5 [F.] seq 1, ack 1
                o.server(10_001, FIN | ACK, 901, 101, 0, 1000),    // 6 [F.] seq 1, ack 1: the FINs crossed
                o.client(10_002, ACK, 102, 902, 0, 1000),          // 7 [.] ack 2
                o.server(10_003, ACK, 902, 102, 0, 1000)));        // 8 [.] ack 2
        List<String> moves = new ArrayList<>();
        for (PacketResult x : r) {
            moves.add(x.tcp().clientState + "/" + x.tcp().serverState);
        }
        // Each side: SYN-SENT, SYN-RECEIVED (got the other's SYN), ESTABLISHED (its SYN acknowledged);
        // FIN-WAIT-1, CLOSING (got the other's FIN before the ACK of its own), TIME-WAIT. The server never
        // passes CLOSE-WAIT: it sent its FIN (frame 6, ack 1) before the client's FIN reached it.
        assertEquals(List.of("SYN_SENT/null", "SYN_RECEIVED/SYN_RECEIVED", "null/ESTABLISHED", "ESTABLISHED/null",
                "FIN_WAIT_1/null", "CLOSING/CLOSING", "null/TIME_WAIT", "TIME_WAIT/null"), moves);
        assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.CLOSING), r.get(5).tcp().path(false));
        assertEquals(List.of(TcpState.SYN_SENT, TcpState.SYN_RECEIVED), r.get(1).tcp().path(false));
        assertEquals(TcpConnection.Close.SIMULTANEOUS, r.get(0).connection().close);
    }

    @Test
    void anIcmpErrorQuotingASegmentReachesItsConnection() {
        // 1 IP 10.0.0.1.40003 > 10.0.0.2.80: Flags [S], seq 7000, win 64240, length 0
        // 2 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 tcp port 80 unreachable, length 48
        String syn = "4500 0028 0005 4000 4006 26c9 0a00 0001 0a00 0002"
                + "9c43 0050 0000 1b58 0000 0000 5002 faf0 e903 0000";
        PacketResult first = pipeline.keep(s.hex(0, "000000000002 000000000001 0800" + syn));
        PacketResult icmp = pipeline.keep(s.hex(100, "000000000002 000000000001 0800"
                + "4500 0044 0006 0000 4001 66b1 0a00 0002 0a00 0001" + "0303 111a 0000 0000" + syn));
        assertNull(icmp.tcp(), "the ICMP packet itself is not a TCP segment");
        assertEquals(1, first.connection().icmpErrors);
        assertEquals(1, pipeline.tracker().streamCount(), "the quote found the connection, no new stream");
    }

    @Test
    void udpDatagramsBothWaysAreOneFlowAndCollectTheirIcmpErrors() {
        List<UdpFlow> flows = new ArrayList<>();
        PacketPipeline p = PacketPipeline.summarising(EvictionPolicy.never(), null, flows::add);
        String eth = "000000000002 000000000001 0800";
        // 1 IP 10.0.0.1.51000 > 10.0.0.2.7777: UDP, length 15
        p.next(s.hex(0, eth + "4500 002b 0001 4000 4011 26bf 0a00 0001 0a00 0002"
                + "c738 1e61 0017 f869 68656c6c6f2c2077697265626f6f6b"));
        // 2 IP 10.0.0.2.7777 > 10.0.0.1.51000: UDP, length 15   (the same bytes with addresses and ports swapped)
        p.next(s.hex(1000, eth + "4500 002b 0001 4000 4011 26bf 0a00 0002 0a00 0001"
                + "1e61 c738 0017 f869 68656c6c6f2c2077697265626f6f6b"));
        // 3 IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4
        String toPort9 = "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67";
        p.next(s.hex(2000, eth + toPort9));
        // 4 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9 unreachable, length 40
        p.next(s.hex(2100, eth + "4500 003c 0003 0000 4001 66bc 0a00 0002 0a00 0001" + "0303 111d 0000 0000" + toPort9));
        p.finish();
        assertEquals(2, flows.size());
        UdpFlow echo = flows.get(0), refused = flows.get(1);
        assertEquals(0, echo.index);
        assertEquals(List.of(1L, 57L, 1L, 57L), List.of(echo.aPackets, echo.aBytes, echo.bPackets, echo.bBytes));
        assertEquals(List.of(1L, 2L), List.of(echo.firstFrame, echo.lastFrame));
        assertEquals(51000, echo.key.port(echo.aIsKeyA()), "side a sent the first datagram");
        assertEquals(1, refused.index);
        assertEquals(1, refused.icmpErrors);
        assertEquals(4, refused.errorFrames[0]);
        assertEquals(List.of(4, 3, 3), List.of(UdpFlow.errorVersion(refused.errorKinds[0]),
                UdpFlow.errorType(refused.errorKinds[0]), UdpFlow.errorCode(refused.errorKinds[0])));
    }

    /**
     * A new UDP flow can start a sweep of idle flows: it must count as active from its first datagram (it was
     * once swept at once, handed over with no packet, and its answer became a flow of its own).
     */
    @Test
    void aUdpFlowWhoseCreationStartsASweepIsNotSweptItself() {
        List<UdpFlow> flows = new ArrayList<>();
        // Soft limit 0: every new flow starts a sweep of the flows idle for 1 s.
        PacketPipeline p = PacketPipeline.summarising(new EvictionPolicy(0, 0, 0, 1_000_000_000L, 0), null, flows::add);
        String eth = "000000000002 000000000001 0800";
        // 1 IP 10.0.0.1.51000 > 10.0.0.2.7777: UDP, length 15
        p.next(s.hex(0, eth + "4500 002b 0001 4000 4011 26bf 0a00 0001 0a00 0002"
                + "c738 1e61 0017 f869 68656c6c6f2c2077697265626f6f6b"));
        // 2 IP 10.0.0.2.7777 > 10.0.0.1.51000: UDP, length 15
        p.next(s.hex(1000, eth + "4500 002b 0001 4000 4011 26bf 0a00 0002 0a00 0001"
                + "1e61 c738 0017 f869 68656c6c6f2c2077697265626f6f6b"));
        p.finish();
        assertEquals(1, flows.size(), "one flow, both ways");
        UdpFlow f = flows.get(0);
        assertEquals(List.of(1L, 1L, 1L, 2L), List.of(f.aPackets, f.bPackets, f.firstFrame, f.lastFrame));
    }
}
