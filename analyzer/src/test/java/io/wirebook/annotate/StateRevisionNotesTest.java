package io.wirebook.annotate;

import static io.wirebook.annotate.RetransmissionNotesTest.note;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The capture sees a segment sent, not arrived; the notes take it that it arrived until the receiver's own
 * next segment says otherwise, and then say so. On the lab's recordings, where the kernel's /proc/net/tcp
 * lines show the truth (tutorial/demo-scenarios.md): a server whose handshake ACK the lab dropped stays in
 * SYN_RECV; clients that found no TIME_WAIT bucket are gone from /proc before the server's FIN.
 */
class StateRevisionNotesTest {

    @Test
    void aResentSynAckSaysTheServerIsStillInSynReceived() throws Exception {
        String n = note("scenarios/synack-retries.pcapng", 4);
        assertTrue(n.contains("server is still in SYN_RECEIVED, not ESTABLISHED: sending its SYN/ACK again shows"
                + " that the ACK of frame 3 never reached it"), n);
        // The next duplicate ACKs are not taken to complete the handshake either.
        assertFalse(note("scenarios/synack-retries.pcapng", 5).contains("server enters ESTABLISHED"));
        assertFalse(note("scenarios/synack-retries.pcapng", 13).contains("server enters ESTABLISHED"));
        String rst = note("scenarios/synack-retries.pcapng", 15);
        assertTrue(rst.contains("RST: answers frame 14 in the form of a reply") && rst.contains("server enters CLOSED"), rst);
    }

    @Test
    void aBareRstAnsweringDataSaysTheHandshakeNeverCompleted() throws Exception {
        String n = note("scenarios/abort-on-overflow.pcapng", 11);
        assertTrue(n.contains("server never entered ESTABLISHED (taken from frame 6): its handshake had not completed"), n);
    }

    @Test
    void aBareRstAnsweringAFinSaysTheSocketWasGone() throws Exception {
        for (long[] f : new long[][] {{21, 20}, {28, 27}, {35, 34}}) {
            String n = note("scenarios/tw-buckets.pcapng", f[0]);
            assertTrue(n.contains("client did not enter TIME_WAIT on frame " + f[1] + ": that segment found no connection"), n);
        }
        // Connections 1 and 2 found a bucket: their FINs are answered by an ACK, and nothing is withdrawn.
        assertTrue(note("scenarios/tw-buckets.pcapng", 6).contains("client enters TIME_WAIT"));
        assertFalse(note("scenarios/tw-buckets.pcapng", 7).contains("did not enter"));
    }

    @Test
    void dataAnsweredByABareRstWithdrawsNothing() throws Exception {
        // reset-errors frame 7: data for a socket its application had closed (RFC 1122 4.2.2.13): the server
        // was in FIN_WAIT_2 and really had the connection; the RST says nothing about states before.
        String n = note("scenarios/reset-errors.pcapng", 7);
        assertTrue(n.contains("RST: answers frame 6") && !n.contains("never entered") && !n.contains("did not enter"), n);
    }
}
