package io.wirebook.annotate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The notes of resent segments and repeated ACKs on the lab's recordings, where what happened is known:
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
        // loss frame 248: tshark "(suspected) retransmission, The RTO for this segment was: 0.000753694
        // seconds", right after a SACKed duplicate ACK; the kernel counted it in TCPFastRetrans.
        String n = note("scenarios/loss.pcapng", 248);
        assertTrue(n.contains("too soon for the retransmission timer"), n);
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
