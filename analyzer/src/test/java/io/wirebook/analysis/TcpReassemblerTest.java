package io.wirebook.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.decode.TcpHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reassembler's rules one at a time, on segments made here: what a reader of the stream gets, chunk by
 * chunk ("A@0 hello" is the first sender's bytes at stream offset 0, "B gap 3@5" three missing bytes of
 * the other side), and the counts it keeps. The agreement with tshark on real captures is
 * {@code FollowCommandTest}'s.
 */
class TcpReassemblerTest {
    private static final int SYN = TcpHeader.SYN, ACK = TcpHeader.ACK, FIN = TcpHeader.FIN;
    /** The client's ISN, near the top of the sequence space: its data wraps past 2^32 after 6 bytes. */
    private static final long C = 0xFFFF_FFF9L, S = 5000;

    private final List<String> chunks = new ArrayList<>();
    private final TcpReassembler r = new TcpReassembler(new TcpReassembler.Sink() {
        @Override
        public void data(boolean a, long frame, long offset, byte[] b, int off, int len) {
            chunks.add((a ? "A" : "B") + "@" + offset + " " + new String(b, off, len, StandardCharsets.ISO_8859_1)
                    + " (" + frame + ")");
        }

        @Override
        public void missing(boolean a, long offset, long length) {
            chunks.add((a ? "A" : "B") + " gap " + length + "@" + offset);
        }

        @Override
        public void overflow(boolean a, long frame, long limit) {
            chunks.add((a ? "A" : "B") + " overflow at " + frame);
        }
    }, 400);
    private long frame;

    private void client(long seq, long ack, int flags, String data) throws IOException {
        seg(true, seq, ack, flags, data, data.length());
    }

    private void server(long seq, long ack, int flags, String data) throws IOException {
        seg(false, seq, ack, flags, data, data.length());
    }

    private void seg(boolean a, long seq, long ack, int flags, String data, int captured) throws IOException {
        byte[] b = ("xx" + data).getBytes(StandardCharsets.ISO_8859_1);
        r.segment(a, ++frame, seq & 0xFFFFFFFFL, ack & 0xFFFFFFFFL, flags, data.length(), b, 2, captured);
    }

    private void handshake() throws IOException {
        client(C, 0, SYN, "");
        server(S, C + 1, SYN | ACK, "");
        client(C + 1, S + 1, ACK, "");
    }

    @Test
    void inOrderBytesComeOutAtOnceAcrossTheSequenceWrap() throws IOException {
        handshake();
        client(C + 1, S + 1, ACK, "GET /x");       // 4: bytes 0-5, the last at raw 0xFFFFFFFF
        client(C + 7, S + 1, ACK, " HTTP");        // 5: raw sequence 1, past the wrap
        server(S + 1, C + 12, ACK, "200 OK");      // 6
        assertEquals(List.of("A@0 GET /x (4)", "A@6  HTTP (5)", "B@0 200 OK (6)"), chunks);
        r.finish();
        assertEquals(11, r.direction(true).bytes);
        assertEquals(0, r.direction(true).missing);
    }

    @Test
    void aRetransmissionAddsOnlyTheBytesNotYetPlacedAndTheFirstCopyWins() throws IOException {
        handshake();
        client(C + 1, S + 1, ACK, "abcd");          // 4
        client(C + 1, S + 1, ACK, "ABCDEFG");       // 5: 0-3 again (kept as first sent), 4-6 new
        client(C + 3, S + 1, ACK, "CD");            // 6: nothing new
        assertEquals(List.of("A@0 abcd (4)", "A@4 EFG (5)"), chunks);
        assertEquals(6, r.direction(true).retransmitted);
    }

    @Test
    void anEarlySegmentWaitsForTheBytesBeforeIt() throws IOException {
        handshake();
        client(C + 6, S + 1, ACK, "world");         // 4: bytes 5-9 come first
        server(S + 1, C + 1, ACK, "ok");            // 5: the server has nothing past byte 0 yet
        client(C + 1, S + 3, ACK, "hello");         // 6: 0-4, then 4's bytes follow
        assertEquals(List.of("B@0 ok (5)", "A@0 hello (6)", "A@5 world (4)"), chunks);
        assertEquals(0, r.direction(true).missing);
    }

    @Test
    void anAckPastAWaitingSegmentMakesTheHoleBeforeItAGap() throws IOException {
        handshake();
        client(C + 1, S + 1, ACK, "ab");            // 4: 0-1
        client(C + 6, S + 1, ACK, "fg");            // 5: 5-6; 2-4 were never captured
        server(S + 1, C + 6, ACK, "");              // 6: ack of byte 5 only: no proof yet of the bytes before 5
        assertEquals(List.of("A@0 ab (4)"), chunks);
        server(S + 1, C + 8, ACK, "");              // 7: the receiver had 2-6: 2-4 are missing from the capture only
        assertEquals(List.of("A@0 ab (4)", "A gap 3@2", "A@5 fg (5)"), chunks);
        client(C + 3, S + 1, ACK, "cde");           // 8: comes too late: left out
        assertEquals(3, r.direction(true).retransmitted);
        assertEquals(3, r.direction(true).missing);
        assertEquals(1, r.direction(true).gaps);
    }

    @Test
    void atTheEndWaitingSegmentsComeOutAfterTheirHolesAndAHoleBeforeTheFinIsAGap() throws IOException {
        handshake();
        client(C + 1, S + 1, ACK, "ab");            // 4
        client(C + 5, S + 1, ACK, "ef");            // 5: 4-5 wait, 2-3 never captured, never acked
        server(S + 1, C + 3, ACK, "xyz");           // 6
        server(S + 6, C + 3, FIN | ACK, "");        // 7: the FIN says the server's data ends at 5: 3-4 are missing
        r.finish();
        assertEquals(List.of("A@0 ab (4)", "B@0 xyz (6)", "A gap 2@2", "A@4 ef (5)", "B gap 2@3"), chunks);
        assertEquals(2, r.direction(false).missing);
    }

    @Test
    void bytesAckedPastTheLastCapturedAreCountedNotClaimed() throws IOException {
        handshake();
        server(S + 1, C + 1, ACK, "hi");            // 4
        client(C + 1, S + 4, ACK, "");              // 5: acks one more than captured: a data byte or the FIN
        r.finish();
        assertEquals(List.of("B@0 hi (4)"), chunks);
        assertEquals(1, r.direction(false).ackedUnseen);
        assertEquals(0, r.direction(false).missing);
    }

    @Test
    void aSynAckStartsTheOtherDirectionWhoseSynWasNotCaptured() throws IOException {
        server(S, C + 1, SYN | ACK, "");            // 1: the client's SYN is not in the capture
        client(C + 3, S + 1, ACK, "cd");            // 2: bytes 2-3; 0-1 not captured
        server(S + 1, C + 5, ACK, "");              // 3: the server had them
        assertEquals(List.of("A gap 2@0", "A@2 cd (2)"), chunks);
    }

    @Test
    void bytesTheSnaplenCutOffAreAGapAtOnce() throws IOException {
        handshake();
        seg(true, C + 1, S + 1, ACK, "abcdefgh", 3); // 4: 8 bytes, 3 captured
        client(C + 9, S + 1, ACK, "ij");             // 5
        assertEquals(List.of("A@0 abc (4)", "A gap 5@3", "A@8 ij (5)"), chunks);
    }

    @Test
    void pastTheLimitTheLowestHoleIsGivenUp() throws IOException {
        handshake();
        client(C + 1, S + 1, ACK, "a");              // 4: byte 0; byte 1 is never captured
        String block = "x".repeat(100);
        client(C + 3, S + 1, ACK, block);            // 5: 196 bytes held (100 + 96 of bookkeeping)
        client(C + 103, S + 1, ACK, block);          // 6: 392
        assertEquals(List.of("A@0 a (4)"), chunks);
        client(C + 203, S + 1, ACK, block);          // 7: 588 > 400: stop waiting for byte 1
        assertEquals(List.of("A@0 a (4)", "A overflow at 7", "A gap 1@1", "A@2 " + block + " (5)", "A@102 " + block + " (6)",
                "A@202 " + block + " (7)"), chunks);
        assertEquals(1, r.direction(true).overflows);
    }
}
