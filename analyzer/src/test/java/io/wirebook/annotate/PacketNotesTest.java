package io.wirebook.annotate;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.FIN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.RST;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static io.wirebook.pipeline.Segments.mss;
import static io.wirebook.pipeline.Segments.nop;
import static io.wirebook.pipeline.Segments.sack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plain-words note of each kind of packet a learner meets, on frames made from bytes and run through
 * the pipeline. Connection: client 10.0.0.1:40000, server 10.0.0.2:80, Linux's handshake (frames 1-3, see
 * {@link Segments#handshake()}); sequence numbers in the notes are relative, as Wireshark shows them: the
 * first data byte is byte 1.
 */
class PacketNotesTest {
    /** Raw numbers: C + n is the client's relative byte n, S + n the server's. */
    private static final long C = CLIENT_ISN, S = SERVER_ISN;
    private final Segments s = new Segments();
    /** Frames 1-3, made first so that the frames each test makes next are numbered from 4. */
    private final List<Frame> handshake = s.handshake();
    private final PacketPipeline pipeline = new PacketPipeline();
    private final PacketNotes notes = new PacketNotes();

    /** Each frame's note, in order, worded by PacketNotes from what the pipeline found. */
    private List<String> notes(List<Frame> frames) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            PacketResult r = pipeline.next(f);
            out.add(notes.note(r.packet(), r.tcp(), r.analysis()));
        }
        return out;
    }

    private List<String> afterHandshake(Frame... frames) {
        notes(handshake);
        return notes(List.of(frames));
    }

    @Test
    void handshakeSaysWhatEachSegmentOffersAndTheStatesEachSideEnters() {
        assertEquals(List.of(
                "SYN: opens a connection; proposes MSS 1460, window scale 7 (x128), SACK, timestamps; client enters SYN_SENT",
                "SYN/ACK: agrees to open the connection and acknowledges the SYN; proposes MSS 1460, window scale 7 (x128),"
                        + " SACK, timestamps; client enters ESTABLISHED, server enters SYN_RECEIVED",
                // The ACK of the SYN/ACK: the client's SYN took sequence number 0, so it waits for the server's byte 1.
                "ACK: acknowledges everything before byte 1; server enters ESTABLISHED"),
                notes(handshake));
    }

    @Test
    void synWithoutOptionsProposesNothing() {
        // IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000000, win 1024, length 0
        assertEquals(List.of("SYN: opens a connection; client enters SYN_SENT"),
                notes(List.of(s.client(0, SYN, C, 0, 0, 1024))));
    }

    @Test
    void dataSaysWhichStreamBytesItCarries() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, length 100
        // 5 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, length 0
        // 6 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:301, ack 101, win 509, length 300
        assertEquals(List.of(
                "carries 100 bytes (stream bytes 1-100); acknowledges up to 1",
                "ACK: acknowledges everything before byte 101",
                "carries 300 bytes (stream bytes 1-300); acknowledges up to 101"),
                afterHandshake(
                        s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502),
                        s.server(4000, ACK, S + 1, C + 101, 0, 509),
                        s.server(5000, PSH | ACK, S + 1, C + 101, 300, 509)));
    }

    @Test
    void fourWayCloseWalksBothSidesToTheirLastStates() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, length 0
        // 5 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 2, win 509, length 0
        // 6 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 1, ack 2, win 509, length 0
        // 7 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 2, win 502, length 0
        // RFC 9293 3.6: the closing side goes FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT; the other CLOSE-WAIT, LAST-ACK,
        // CLOSED. The server shows CLOSE-WAIT on its ACK of the FIN: until then it might have sent a FIN of its own.
        assertEquals(List.of(
                "FIN: this side has no more data to send; acknowledges up to 1; client enters FIN_WAIT_1",
                "ACK: acknowledges everything before byte 2; client enters FIN_WAIT_2, server enters CLOSE_WAIT"
                        + " (its ack shows the FIN of frame 4 has arrived)",
                "FIN: this side has no more data to send; acknowledges up to 2; client enters TIME_WAIT, server enters LAST_ACK",
                "ACK: acknowledges everything before byte 2; server enters CLOSED"),
                afterHandshake(
                        s.client(3000, FIN | ACK, C + 1, S + 1, 0, 502),
                        s.server(4000, ACK, S + 1, C + 2, 0, 509),
                        s.server(5000, FIN | ACK, S + 1, C + 2, 0, 509),
                        s.client(6000, ACK, C + 2, S + 2, 0, 502)));
    }

    @Test
    void finThatCarriesDataSaysBoth() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [FP.], seq 1:6, ack 1, win 502, length 5
        assertEquals(List.of("carries 5 bytes (stream bytes 1-5); FIN: this side has no more data to send;"
                        + " acknowledges up to 1; client enters FIN_WAIT_1"),
                afterHandshake(s.client(3000, FIN | PSH | ACK, C + 1, S + 1, 5, 502)));
    }

    @Test
    void rstWithAckRefusesAConnectionAttempt() {
        // 1 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000000, win 64240, length 0
        // 2 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 1, win 0, length 0
        // (tcpdump shows the RST's seq raw: the server never sent a SYN.) The server's port had no socket: it
        // enters no state, it was never in one.
        assertEquals(List.of("SYN: opens a connection; client enters SYN_SENT",
                "RST: refuses or aborts the connection at once; no more data either way; client enters CLOSED"),
                notes(List.of(s.client(0, SYN, C, 0, 0, 64240), s.server(100, RST | ACK, 0, C + 1, 0, 0))));
    }

    @Test
    void rstWithoutAckAbortsAnOpenConnection() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [R], seq 1, win 0, length 0
        assertEquals(List.of("RST: aborts the connection at once; client enters CLOSED, server enters CLOSED"),
                afterHandshake(s.client(3000, RST, C + 1, 0, 0, 0)));
    }

    @Test
    void retransmissionAfterTheTimerSaysWhy() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:51, ack 1, win 502, length 50
        // 5 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:51, ack 1, win 502, length 50   (210 ms later)
        List<String> n = afterHandshake(
                s.client(10_000, PSH | ACK, C + 1, S + 1, 50, 502),
                s.client(220_000, PSH | ACK, C + 1, S + 1, 50, 502));
        assertEquals("carries 50 bytes (stream bytes 1-50); acknowledges up to 1; retransmission, repeats frame 4, 210 ms"
                + " later: these bytes were not acknowledged in time, so the sender's timer sent them again", n.get(1));
    }

    @Test
    void duplicateAcksThenFastRetransmission() {
        // 4  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 1:101, ack 1, win 502, length 100
        // 5  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101:201, ack 1, win 502, length 100
        // 6  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 201:301, ack 1, win 502, length 100
        // 7  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 301:401, ack 1, win 502, length 100
        // 8  IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, length 0
        // 9  IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:301}], length 0
        // 10 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:401}], length 0
        // 11 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101:201, ack 1, win 502, length 100
        List<String> n = afterHandshake(
                s.client(10_000, ACK, C + 1, S + 1, 100, 502),
                s.client(10_100, ACK, C + 101, S + 1, 100, 502),
                s.client(10_200, ACK, C + 201, S + 1, 100, 502),
                s.client(10_300, PSH | ACK, C + 301, S + 1, 100, 502),
                s.server(11_000, ACK, S + 1, C + 101, 0, 509),
                s.server(11_100, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 301)),
                s.server(11_200, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 401)),
                s.client(11_300, ACK, C + 101, S + 1, 100, 502));
        assertEquals("ACK: acknowledges everything before byte 101", n.get(4));
        assertEquals("ACK: acknowledges everything before byte 101; SACK: also holds stream bytes 201-300, past a hole;"
                + " duplicate ACK #1 (same ack as frame 8): the receiver got data past a hole and still waits for byte 101",
                n.get(5));
        assertEquals("ACK: acknowledges everything before byte 101; SACK: also holds stream bytes 201-400, past a hole;"
                + " duplicate ACK #2 (same ack as frame 8): the receiver got data past a hole and still waits for byte 101",
                n.get(6));
        assertEquals("carries 100 bytes (stream bytes 101-200); acknowledges up to 1; fast retransmission, repeats frame"
                + " 5, 1.2 ms later: sent again at once because duplicate ACKs showed the receiver is missing these bytes",
                n.get(7));
    }

    @Test
    void gapInTheCaptureThenTheMissingSegmentOutOfOrder() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 1:101, ack 1, win 502, length 100
        // 5 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 201:301, ack 1, win 502, length 100
        // 6 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101:201, ack 1, win 502, length 100  (0.5 ms later)
        List<String> n = afterHandshake(
                s.client(10_000, ACK, C + 1, S + 1, 100, 502),
                s.client(10_100, ACK, C + 201, S + 1, 100, 502),
                s.client(10_600, ACK, C + 101, S + 1, 100, 502));
        assertEquals("carries 100 bytes (stream bytes 201-300); acknowledges up to 1; previous segment not captured:"
                + " bytes before these were never seen (lost, or missed by the capture)", n.get(1));
        // Sooner after the later bytes than the handshake's round trip (2 ms): tshark's out-of-order.
        assertEquals("carries 100 bytes (stream bytes 101-200); acknowledges up to 1; out of order: bytes before some"
                + " already seen, and within a round trip of them, so tshark calls it out of order rather than a"
                + " retransmission (a quick resend looks the same)", n.get(2));
    }

    @Test
    void ackOfBytesTheCaptureNeverSaw() {
        // 4 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 501, win 509, length 0   (the client's data was not captured)
        assertEquals(List.of("ACK: acknowledges everything before byte 501; acknowledges bytes the capture never saw"),
                afterHandshake(s.server(3000, ACK, S + 1, C + 501, 0, 509)));
    }

    @Test
    void zeroWindowProbeWindowUpdateKeepAlive() {
        // 4  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:1001, ack 1, win 502, length 1000
        // 5  IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1001, win 0, length 0
        // 6  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0      (seq 1000: Linux's probe)
        // 7  IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1001, win 0, length 0
        // 8  IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1001, win 509, length 0
        // 9  IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1001:1011, ack 1, win 502, length 10
        // 10 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1011, win 509, length 0
        // 11 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0      (seq 1010, 5 s idle: keep-alive)
        // 12 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1011, win 509, length 0
        List<String> n = afterHandshake(
                s.client(10_000, PSH | ACK, C + 1, S + 1, 1000, 502),
                s.server(11_000, ACK, S + 1, C + 1001, 0, 0),
                s.client(220_000, ACK, C + 1000, S + 1, 0, 502),
                s.server(221_000, ACK, S + 1, C + 1001, 0, 0),
                s.server(300_000, ACK, S + 1, C + 1001, 0, 509),
                s.client(301_000, PSH | ACK, C + 1001, S + 1, 10, 502),
                s.server(302_000, ACK, S + 1, C + 1011, 0, 509),
                s.client(5_302_000, ACK, C + 1010, S + 1, 0, 502),
                s.server(5_303_000, ACK, S + 1, C + 1011, 0, 509));
        String zero = "ACK: acknowledges everything before byte 1001; zero window: the receiver's buffer is full, the"
                + " sender must stop until it reopens";
        assertEquals(zero, n.get(1));
        assertEquals("ACK: acknowledges everything before byte 1; zero-window probe: the receiver's window is 0, so the"
                + " sender's persist timer asks for a window update; Linux sends it as a byte-less segment repeating"
                + " the last acknowledged byte, the shape of a keep-alive, which is what tshark 4.0 calls it", n.get(2));
        assertEquals(zero, n.get(3));
        assertEquals("ACK: acknowledges everything before byte 1001; window update: no data, only a new receive window"
                + " for the sender", n.get(4));
        assertEquals("ACK: acknowledges everything before byte 1; keep-alive: repeats the last acknowledged byte to"
                + " check that the peer is still there", n.get(7));
        assertEquals("ACK: acknowledges everything before byte 1011; answers a keep-alive: the peer is still there",
                n.get(8));
    }

    @Test
    void newSynOnTheFourTupleOfAClosedConnectionSaysThePortsAreReused() {
        // 4-7: four-way close as above; then
        // 8 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 2000000, win 64240, options [mss 1460], length 0
        List<String> n = afterHandshake(
                s.client(3000, FIN | ACK, C + 1, S + 1, 0, 502),
                s.server(4000, FIN | ACK, S + 1, C + 2, 0, 509),
                s.client(5000, ACK, C + 2, S + 2, 0, 502),
                s.client(9000, SYN, 2_000_000, 0, 0, 64240, mss(1460)));
        assertEquals("SYN: opens a connection; proposes MSS 1460; port numbers reused: a new connection starts on the"
                + " ports of an earlier one; client enters SYN_SENT", n.get(3));
    }

    @Test
    void udpDatagram() {
        // IP 10.0.0.1.51000 > 10.0.0.2.7777: UDP, length 15      ("hello, wirebook")
        Frame f = s.hex(0, "000000000002 000000000001 0800"
                + "4500 002b 0001 4000 4011 26bf 0a00 0001 0a00 0002"
                + "c738 1e61 0017 f869 68656c6c6f2c2077697265626f6f6b");
        assertEquals(List.of("a UDP datagram of 15 bytes: no connection, no acknowledgement, its boundaries kept"),
                notes(List.of(f)));
    }

    @Test
    void icmpPortUnreachableNamesTheDatagramItAnswers() {
        // 1 IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4
        // 2 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9 unreachable, length 40
        String datagram = "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67";
        Frame udp = s.hex(0, "000000000002 000000000001 0800" + datagram);
        Frame icmp = s.hex(100, "000000000002 000000000001 0800"
                + "4500 003c 0003 0000 4001 66bc 0a00 0002 0a00 0001" + "0303 111d 0000 0000" + datagram);
        assertEquals(List.of("a UDP datagram of 4 bytes: no connection, no acknowledgement, its boundaries kept",
                "ICMP destination unreachable (port unreachable): reports a problem with an earlier UDP packet from port"
                        + " 51000 to port 9; nobody listens there (a connected UDP socket hears of it as ECONNREFUSED)"),
                notes(List.of(udp, icmp)));
    }

    @Test
    void malformedTcpHeaderSaysWhatIsWrong() {
        // IP 10.0.0.1.40000 > 10.0.0.2.80:  tcp 8 [bad hdr length 16 - too short, < 20]
        Frame f = s.hex(0, "000000000002 000000000001 0800"
                + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002"
                + "9c40 0050 000f 4241 b2d0 5e01 4018 01f6 aa1d 0000" + "0000 0000");
        assertEquals(List.of("malformed: TCP data offset gives a header of 16 bytes, below the minimum 20 (RFC 9293 3.1)"),
                notes(List.of(f)));
    }

    @Test
    void tcpHeaderCutBySnaplenIsNotCalledMalformed() {
        // IP 10.0.0.1.40000 > 10.0.0.2.80:  [|tcp]      (6 of the TCP header's 20 bytes captured)
        Frame f = s.hex(0, "000000000002 000000000001 0800"
                + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002" + "9c40 0050 000f");
        f.originalLength = 58;
        assertEquals(List.of("cut short by the capture's snaplen: TCP header needs 20 bytes"), notes(List.of(f)));
    }

    @Test
    void arpIsNotIp() {
        // ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
        Frame f = s.hex(0, "ffffffffffff 000000000001 0806" + "0001 0800 0604 0001 000000000001 0a000001"
                + "000000000000 0a000002");
        assertEquals(List.of("not IP (ARP)"), notes(List.of(f)));
    }

    @Test
    void withoutTheTrackerTheNoteUsesRawNumbersAndReadsTheWindowItself() {
        // IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 1000101, win 0, length 0   (decoded alone, no connection)
        PacketResult r = pipeline.next(s.server(0, ACK, S + 1, C + 101, 0, 0));
        assertEquals("ACK: acknowledges everything before byte 1000101; window 0: the receiver's buffer is full, the"
                + " sender must wait", notes.note(r.packet(), null, null));
    }

    @Test
    void aDsackIsADuplicateReportNotDataPastAHole() {
        // 4 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, length 100
        // 5 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, length 0
        // 6 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, length 100   (sent again, 300 ms later)
        // 7 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, options [nop,nop,sack 1 {1:101}], length 0
        // The SACK block lies below the ack: tshark 4.0 shows tcp.options.sack.dsack (RFC 2883 section 4).
        List<String> n = afterHandshake(
                s.client(10_000, PSH | ACK, C + 1, S + 1, 100, 502),
                s.server(11_000, ACK, S + 1, C + 101, 0, 509),
                s.client(310_000, PSH | ACK, C + 1, S + 1, 100, 502),
                s.server(310_100, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 1, C + 101)));
        assertEquals("carries 100 bytes (stream bytes 1-100); acknowledges up to 1; spurious retransmission, repeats"
                + " frame 4, 300 ms later: sent again although the receiver had already acknowledged these bytes", n.get(2));
        assertEquals("ACK: acknowledges everything before byte 101; D-SACK: stream bytes 1-100 arrived twice (a duplicate"
                + " report, RFC 2883, not data past a hole); duplicate ACK #1 (same ack as frame 5): the receiver got"
                + " bytes it already had, which its D-SACK block reports, not data past a hole; it still waits for byte"
                + " 101", n.get(3));
    }

    @Test
    void aDsackIsTheFirstBlockBelowTheAckOrEndingInsideTheSecondAsTsharkDecides() {
        // Each verdict is tshark 4.0's tcp.options.sack.dsack for the same blocks (relative to ack 101).
        long a = C + 101;
        long[][] blocks = {
            {a - 10, a}, {a - 5, a + 5}, {a + 10, a + 20, a + 5, a + 30}, {a + 10, a + 20, a + 15, a + 30},
            {a + 20, a + 30, a + 10, a + 20}, {a + 10, a + 20, a + 20, a + 30}, {a + 10, a + 20, a, a + 15}, {a, a + 10}};
        boolean[] tshark = {true, false, true, true, false, false, false, false};
        notes(handshake);
        for (int i = 0; i < blocks.length; i++) {
            PacketResult r = pipeline.next(s.server(20_000 + i, ACK, S + 1, a, 0, 509, nop(), nop(), sack(blocks[i])));
            assertEquals(tshark[i], r.packet().tcp.dsack(), "blocks " + java.util.Arrays.toString(blocks[i]));
        }
    }

    @Test
    void aRetransmissionNamesTheFrameItRepeatsAndTheTimeoutForSynSynAckAndFin() {
        // 1 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000000, length 0
        // 2 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000000, length 0              (1.02 s later)
        // 3 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 3000000000, ack 1000001, length 0
        // 4 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 3000000000, ack 1000001, length 0 (1.00 s later)
        // 5 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, length 0
        // 6 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, length 0
        // 7 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, length 0             (204 ms later)
        Segments s = new Segments(); // frames numbered from 1
        List<String> n = notes(List.of(
                s.client(0, SYN, C, 0, 0, 64240),
                s.client(1_020_000, SYN, C, 0, 0, 64240),
                s.server(1_020_100, SYN | ACK, S, C + 1, 0, 65160),
                s.server(2_020_100, SYN | ACK, S, C + 1, 0, 65160),
                s.client(2_020_200, ACK, C + 1, S + 1, 0, 502),
                s.client(3_000_000, FIN | ACK, C + 1, S + 1, 0, 502),
                s.client(3_204_000, FIN | ACK, C + 1, S + 1, 0, 502)));
        assertEquals("SYN: opens a connection; retransmission, repeats frame 1, 1.02 s later: the SYN was not answered"
                + " in time, so the sender's timer sent it again", n.get(1));
        assertEquals("SYN/ACK: agrees to open the connection and acknowledges the SYN; retransmission, repeats frame 3,"
                + " 1.00 s later: the SYN/ACK was not acknowledged in time, so the sender's timer sent it again", n.get(3));
        assertEquals("FIN: this side has no more data to send; acknowledges up to 1; retransmission, repeats frame 6,"
                + " 204 ms later: the FIN was not acknowledged in time, so the sender's timer sent it again", n.get(6));
    }

    @Test
    void aChristmasTreePacketSaysItsFlagsContradictEachOther() {
        // 1 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [FSRPUEW.], seq 1000000, ack 0, win 1024, length 0
        PacketResult r = pipeline.next(s.client(0, 0xFF, C, 0, 0, 1024));
        assertEquals("every flag set (a \"Christmas tree\" packet): SYN with FIN and RST asks to open the connection and"
                + " to close and abort it at once, an invalid combination no real TCP stack sends (a scanner's or"
                + " fuzzer's probe); receivers drop it (Linux discards a SYN with FIN or RST), so it changes no state",
                notes.note(r.packet(), r.tcp(), r.analysis()));
        assertEquals(null, r.tcp().clientState);
        assertEquals(null, r.tcp().serverState);
        PacketResult synFin = pipeline.next(s.port(40001).client(10, SYN | FIN, C, 0, 0, 1024));
        assertEquals("flags that contradict each other: SYN with FIN asks to open the connection and to close it at"
                + " once, an invalid combination no real TCP stack sends (a scanner's or fuzzer's probe); receivers"
                + " drop it (Linux discards a SYN with FIN or RST), so it changes no state",
                notes.note(synFin.packet(), synFin.tcp(), synFin.analysis()));
        PacketResult none = pipeline.next(s.port(40002).client(20, 0, C, 0, 0, 1024));
        assertEquals("no flags at all: a segment no real TCP stack sends (a \"null scan\" probe); receivers drop it or"
                + " answer with RST", notes.note(none.packet(), none.tcp(), none.analysis()));
    }

    /** Durations are worded as String.format would round them ("1.02 s", "3.5 ms"), without a Formatter. */
    @org.junit.jupiter.api.Test
    void durationsRoundAsStringFormatRoundsThem() {
        java.util.Random r = new java.util.Random(3);
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 1L, 499L, 500L, 999_499L, 999_500L,
                999_999L, 1_000_000L, 1_049_999L, 1_050_000L, 1_950_000L, 9_949_999L, 9_950_000L, 9_999_999L,
                10_000_000L, 999_999_999L, 1_000_000_000L, 1_004_999_999L, 1_005_000_000L, 9_995_000_000L,
                86_400_000_000_000L, 999_999_999_995_000_000L / 1000));
        for (int i = 0; i < 200_000; i++) {
            values.add((long) (Math.pow(10, 3 + 12 * r.nextDouble())));
        }
        for (long nanos : values) {
            String expected = nanos >= 1_000_000_000L ? String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9)
                    : nanos >= 10_000_000L ? Math.round(nanos / 1e6) + " ms"
                    : nanos >= 1_000_000L ? String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6)
                    : Math.round(nanos / 1e3) + " us";
            io.wirebook.text.Utf8Line line = new io.wirebook.text.Utf8Line(16);
            PacketNotes.duration(line, nanos);
            org.junit.jupiter.api.Assertions.assertEquals(expected, line.toString(), nanos + " ns");
        }
    }
}
