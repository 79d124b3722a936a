package io.wirebook.annotate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notes of resent segments and repeated ACKs, on the lab's recordings where what happened is known:
 * the lab's nftables rules dropped the originals, and the kernel's counters say how each was resent
 * (tutorial/demo-scenarios.md). tshark -V on the same frames in the comments.
 */
class RetransmissionNotesTest {
    static String note(String capture, long frame) throws IOException {
        PacketPipeline p = new PacketPipeline();
        try (FrameSource src = CaptureFiles.open(TestCaptures.get(capture).toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                PacketResult r = p.next(f);
                if (f.number == frame) {
                    return r.note();
                }
            }
        }
        throw new AssertionError(capture + " has no frame " + frame);
    }

    @Test
    void aResendWithinMillisecondsIsNotCreditedToATimer() throws Exception {
        // What an earlier loss recording showed (frame 248; tshark: "(suspected) retransmission, The RTO for
        // this segment was: 0.000753694 seconds"): a segment resent 754 us after its first copy, right after
        // one SACKed duplicate ACK (one is too few for tshark to call it fast); the kernel counted it in
        // TCPFastRetrans. Made here on a loopback-like path: a handshake of 10 us, so 754 us is many round trips.
        Segments s = new Segments();
        long c = Segments.CLIENT_ISN + 1, sv = Segments.SERVER_ISN + 1;
        List<Frame> frames = new ArrayList<>(List.of(
                s.client(0, Segments.SYN, c - 1, 0, 0, 64240, Segments.mss(1460), Segments.nop(), Segments.wscale(7)),
                s.server(5, Segments.SYN | Segments.ACK, sv - 1, c, 0, 65160, Segments.mss(1460), Segments.nop(), Segments.wscale(7)),
                s.client(10, Segments.ACK, c, sv, 0, 502)));
        frames.add(s.client(3000, Segments.ACK | Segments.PSH, c, sv, 1448, 502));
        frames.add(s.client(3010, Segments.ACK | Segments.PSH, c + 1448, sv, 1448, 502));
        frames.add(s.server(3400, Segments.ACK, sv, c, 0, 502));
        frames.add(s.server(3500, Segments.ACK, sv, c, 0, 502, Segments.nop(), Segments.nop(), Segments.sack(c + 1448, c + 2896)));
        frames.add(s.client(3754, Segments.ACK | Segments.PSH, c, sv, 1448, 502));
        PacketPipeline p = new PacketPipeline();
        String n = null;
        for (Frame f : frames) {
            n = p.next(f).note();
        }
        assertTrue(n.contains("retransmission, repeats frame 4, 754 us later") && n.contains("too soon for the retransmission timer"), n);
        assertFalse(n.contains("timer sent"), n);
    }

    @Test
    void aSynRetransmissionASecondLaterIsTheTimers() throws Exception {
        String n = note("scenarios/syn-retries.pcapng", 2);
        assertTrue(n.contains("repeats frame 1, 1.0") && n.contains("so the sender's timer sent it again"), n);
    }

    @Test
    void anOutOfOrderSegmentIsNotDeniedToBeAResend() throws Exception {
        // loss frame 96 repeats the bytes of frame 91: tshark "(suspected) out-of-order segment".
        String n = note("scenarios/loss.pcapng", 96);
        assertTrue(n.contains("calls it out of order rather than a retransmission"), n);
        assertFalse(n.contains("to be a retransmission"), n);
    }

    @Test
    void theAckOfAResentSynAckIsNoHole() throws Exception {
        // synack-retries frame 5: tshark "This is a TCP duplicate ack ... to the ACK in frame 3".
        String n = note("scenarios/synack-retries.pcapng", 5);
        assertTrue(n.contains("sent its SYN/ACK again, and this ACK answers it once more"), n);
        assertFalse(n.contains("past a hole"), n);
    }
}
