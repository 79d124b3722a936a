package io.wirebook.flow;

import static io.wirebook.flow.TcpState.CLOSED;
import static io.wirebook.flow.TcpState.CLOSE_WAIT;
import static io.wirebook.flow.TcpState.CLOSING;
import static io.wirebook.flow.TcpState.ESTABLISHED;
import static io.wirebook.flow.TcpState.FIN_WAIT_1;
import static io.wirebook.flow.TcpState.FIN_WAIT_2;
import static io.wirebook.flow.TcpState.LAST_ACK;
import static io.wirebook.flow.TcpState.NO_SOCKET;
import static io.wirebook.flow.TcpState.SYN_RECEIVED;
import static io.wirebook.flow.TcpState.SYN_SENT;
import static io.wirebook.flow.TcpState.TIME_WAIT;
import static io.wirebook.flow.TcpState.UNKNOWN;

import io.wirebook.decode.TcpHeader;

/**
 * Moves both endpoints of a connection through the RFC 9293 state diagram (section 3.3.2, figure 5) as
 * one captured segment shows it, recording each transition (one segment can make two for one side).
 *
 * <p>The capture point (loopback, or a tap between the hosts) sees each segment when it is sent, in the
 * order it was sent, and each direction arrives in order; it never sees when a segment arrives. So a
 * segment says two things: what its sender was in to send it (its flags, and what its ack shows it had
 * received), which is certain; and what its receiver becomes on getting it, which is assumed to happen at
 * once, except where a later segment could still show otherwise:
 * <ul>
 *   <li>A FIN that reaches a side which has not sent its own FIN (ESTABLISHED) moves that side to
 *       CLOSE-WAIT only once that side shows it got the FIN: its ack covers the FIN. Until then it may send
 *       its own FIN without having seen this one: the FINs cross (simultaneous close, 3.6, figure 13), and
 *       that side goes ESTABLISHED, FIN-WAIT-1, CLOSING, never CLOSE-WAIT. Moving it to CLOSE-WAIT at the
 *       first FIN, as this class once did, had to be undone by a CLOSE-WAIT to CLOSING step that RFC 9293
 *       does not have.</li>
 *   <li>A FIN that reaches a side past its own FIN (FIN-WAIT-1 or -2) moves it at once: nothing it sends
 *       later can contradict that, since the other side's ACK of its FIN comes after this FIN.</li>
 *   <li>SYNs that crossed (simultaneous open, figure 7) move both sides to SYN-RECEIVED.</li>
 * </ul>
 * What a receiver was taken to do is withdrawn when a later segment of its own disproves it (the steps taken
 * for a side since its last segment are kept for that, {@link TcpView#revision}):
 * <ul>
 *   <li>it sends its SYN or SYN/ACK again: the ACK taken to complete its handshake never reached it (or
 *       was not taken, as with TCP_DEFER_ACCEPT); it is still in SYN-SENT or SYN-RECEIVED, and the next
 *       ACKs of the handshake are not taken to arrive until it shows otherwise;</li>
 *   <li>it answers a segment with a RST without ACK whose sequence number is that segment's ack (the form of
 *       a reply, 3.10.7.1): a side in a synchronized state aborts with RST+ACK on Linux, the BSDs and
 *       Windows; so a side that never showed a synchronized state had not completed its handshake, and a
 *       side that did had no connection left when the answered segment (without data) arrived.</li>
 * </ul>
 * A RST from a side that never sent a SYN, answering a SYN, comes from a port with no socket (3.10.7.1):
 * that side gets {@link TcpState#NO_SOCKET} without a transition, since it was never in any other state.
 */
final class TcpStateMachine {
    private TcpStateMachine() {}

    /**
     * Applies one segment from {@code x} to {@code y}, recording the transitions in {@code v}.
     *
     * @param seq raw sequence number
     * @param ack raw acknowledgment number (meaningful only with the ACK flag)
     */
    static void apply(TcpConnection c, TcpEndpoint x, TcpEndpoint y, int flags, long seq, long ack, int len,
            long frame, TcpView v) {
        v.revision = TcpView.Revision.NONE;
        v.withdrawnCount = 0;
        v.answersFrame = 0;
        int ySteps = steps(c, y, v);
        segment(c, x, y, flags, seq, ack, len, v);
        // What this segment did to the receiver is an assumption until the receiver's next segment.
        TcpState[] path = y == c.client() ? v.clientPath : v.serverPath;
        int after = steps(c, y, v);
        TcpState before = ySteps > 0 ? path[ySteps - 1] : (y == c.client() ? v.clientBefore : v.serverBefore);
        for (int i = ySteps; i < after && y.assumedCount < TcpEndpoint.MAX_ASSUMED; i++) {
            y.assume(frame, i == ySteps ? before : path[i - 1], path[i]);
        }
        // What the sender sent shows its state: the steps assumed for it so far are confirmed.
        x.shownState = x.state;
        x.lastSentFrame = frame;
        x.assumedCount = 0;
        x.lastAck = ack;
        x.lastAckFlag = (flags & TcpHeader.ACK) != 0;
        x.lastLength = len;
        if (x.state == ESTABLISHED) {
            x.arrivalDoubted = false;
        }
        c.lastSender = x;
    }

    private static int steps(TcpConnection c, TcpEndpoint e, TcpView v) {
        return e == c.client() ? v.clientSteps : v.serverSteps;
    }

    private static void segment(TcpConnection c, TcpEndpoint x, TcpEndpoint y, int flags, long seq, long ack, int len, TcpView v) {
        boolean syn = (flags & TcpHeader.SYN) != 0, ackf = (flags & TcpHeader.ACK) != 0,
                fin = (flags & TcpHeader.FIN) != 0, rst = (flags & TcpHeader.RST) != 0;
        if (syn && (fin || rst) || (flags & 0xFF) == 0) {
            // Open together with close or abort (a "Christmas tree" packet), or no flag at all (a "null scan"):
            // no real stack sends it, and receivers drop it (Linux discards a SYN with FIN or RST), so it
            // moves no state.
            return;
        }
        if (rst && !ackf && c.lastSender == y && y.lastAckFlag && seq == y.lastAck) {
            // The form of a reply to a segment (RFC 9293 3.10.7.1: <SEQ=SEG.ACK><CTL=RST>): a side with no
            // synchronized connection answers so (no socket, or a handshake still in SYN-RECEIVED, 3.10.7.3);
            // a synchronized one aborts with RST+ACK (Linux, the BSDs and Windows all set ACK on it).
            v.answersFrame = y.lastSentFrame;
            if (synchronizedState(x.state)) {
                if (x.shownState == SYN_SENT || x.shownState == SYN_RECEIVED) {
                    // It never completed its handshake: every step taken for it since it last sent is withdrawn.
                    revise(c, x, x.shownState, 0, TcpView.Revision.NO_CONNECTION, v);
                } else if (y.lastLength == 0) {
                    // A segment without data (a FIN, an ACK) that a connection would have taken: x's connection was
                    // gone before it arrived, so the steps it was taken to make are withdrawn. (Data is answered so
                    // by a socket the application closed too, RFC 1122 4.2.2.13: that proves nothing.)
                    revise(c, x, null, y.lastSentFrame, TcpView.Revision.NO_CONNECTION, v);
                }
            }
        }
        if (rst) {
            // RFC 9293 3.10.7: a RST aborts the connection on both sides (its acceptability is not checked).
            x.rstSeen = true;
            if (x.state == UNKNOWN && !x.synSeen && y.state == SYN_SENT) {
                x.state = NO_SOCKET; // a refused SYN: nothing on x's side ever had the connection
            } else if (x.state != NO_SOCKET) {
                move(c, x, CLOSED, v);
            }
            if (y.state != UNKNOWN && y.state != NO_SOCKET) {
                move(c, y, CLOSED, v);
            }
            return;
        }
        if (x.state == CLOSED && !syn || x.state == NO_SOCKET) {
            return; // after its RST a side has no connection: what it sends moves no state
        }
        if (syn && x.synSeen && seq == x.isn && (ackf == x.synAckSent) && x.state != x.shownState
                && (x.shownState == SYN_SENT || x.shownState == SYN_RECEIVED) && x.assumedCount > 0) {
            // Its SYN again: the segment taken to complete its handshake never reached it (or was not taken,
            // as with TCP_DEFER_ACCEPT). Until it shows otherwise, the next such ACKs are not taken to arrive.
            revise(c, x, x.shownState, 0, TcpView.Revision.SYN_AGAIN, v);
            x.arrivalDoubted = true;
        }
        if (syn) {
            x.synAckSent |= ackf;
            if (!x.synSeen) {
                x.synSeen = true;
                x.isn = seq;
            }
            if (!ackf) {
                if (y.state == SYN_SENT) {
                    // Simultaneous open (3.5, figure 7): the SYNs crossed; each side gets the other's in SYN-SENT.
                    move(c, x, SYN_SENT, v);
                    move(c, x, SYN_RECEIVED, v);
                    move(c, y, SYN_RECEIVED, v);
                } else if (x.state == UNKNOWN || x.state == CLOSED || x.state == TIME_WAIT) {
                    move(c, x, SYN_SENT, v);
                }
            } else {
                if (x.state == UNKNOWN || x.state == CLOSED || x.state == SYN_SENT) {
                    move(c, x, SYN_RECEIVED, v); // LISTEN (or SYN-SENT, figure 7) got the SYN and answers it
                }
                if ((y.state == SYN_SENT || y.state == SYN_RECEIVED) && acksSyn(y, ack) && !y.arrivalDoubted) {
                    move(c, y, ESTABLISHED, v);
                }
            }
        } else {
            // What sending this segment shows about the sender.
            if (x.state == UNKNOWN) {
                move(c, x, ESTABLISHED, v); // the capture started after the handshake
            } else if (x.state == SYN_RECEIVED && fin) {
                // Closed before the ACK of its SYN arrived: SYN-RECEIVED goes to FIN-WAIT-1 below (3.10.4).
            } else if ((x.state == SYN_SENT || x.state == SYN_RECEIVED) && (!ackf || acksSyn(y, ack) || !y.synSeen)) {
                move(c, x, ESTABLISHED, v); // the segment that moved it was not captured
            }
        }
        if (ackf && y.finSeen && !x.peerFinReceived && ge(ack, y.finEnd)) {
            receiveFin(c, x, v); // its ack shows the sender had the receiver's FIN when it sent this
            v.finShownFrame = y.finFrame;
            v.finShownTime = y.finTime;
        }
        boolean firstFin = fin && !x.finSeen;
        if (firstFin) {
            x.finSeen = true;
            x.finEnd = (seq + len + 1 + (syn ? 1 : 0)) & 0xFFFFFFFFL;
            if (x.state == CLOSE_WAIT) {
                move(c, x, LAST_ACK, v);
                // The peer's FIN was acknowledged by an earlier segment (four-way) or by this FIN+ACK (three-way).
                c.close = y.finAcked ? TcpConnection.Close.FOUR_WAY : TcpConnection.Close.THREE_WAY;
            } else if (x.state == ESTABLISHED || x.state == SYN_RECEIVED) {
                move(c, x, FIN_WAIT_1, v);
                if (y.finSeen) {
                    // Simultaneous close (3.6, figure 13): this FIN crossed the peer's, which its ack does not
                    // cover. The peer's FIN reaches x next (each direction arrives in order, and the peer's ACK
                    // of this FIN comes after its own FIN), so x gets it in FIN-WAIT-1: CLOSING.
                    c.close = TcpConnection.Close.SIMULTANEOUS;
                    v.finsCrossed = true;
                    receiveFin(c, x, v);
                } else {
                    c.firstFin = x == c.client() ? TcpConnection.Sender.CLIENT : TcpConnection.Sender.SERVER;
                }
            }
        }
        // What receiving it does to the receiver: first the acknowledgment, then the FIN (3.10.7.4).
        if (ackf) {
            if (y.state == SYN_RECEIVED && acksSyn(y, ack) && !y.arrivalDoubted) {
                move(c, y, ESTABLISHED, v);
            }
            if (y.finSeen && ge(ack, y.finEnd)) {
                y.finAcked = true;
                if (y.state == FIN_WAIT_1) {
                    move(c, y, FIN_WAIT_2, v);
                } else if (y.state == CLOSING) {
                    move(c, y, TIME_WAIT, v);
                } else if (y.state == LAST_ACK) {
                    move(c, y, CLOSED, v);
                }
            }
        }
        if (firstFin && (y.state == FIN_WAIT_1 || y.state == FIN_WAIT_2)) {
            // y is past its own FIN: nothing it sends later can show it had not got this one.
            receiveFin(c, y, v);
        }
        // Otherwise (y ESTABLISHED) the FIN's arrival waits for y's next segment to show it.
    }

    /**
     * Withdraws steps assumed for {@code e}: all of them (back to {@code to}) when {@code frame} is 0, else
     * those made by that frame (back to the state before the first of them); records them in the view.
     */
    private static void revise(TcpConnection c, TcpEndpoint e, TcpState to, long frame, TcpView.Revision why, TcpView v) {
        int from = 0;
        if (frame != 0) {
            while (from < e.assumedCount && e.assumedFrames[from] != frame) {
                from++;
            }
            if (from == e.assumedCount) {
                return; // nothing was assumed on that segment
            }
            to = e.assumedBefore[from];
        }
        v.revision = why;
        v.revisedClient = e == c.client();
        v.revisedTo = to;
        v.withdrawnCount = 0;
        for (int i = from; i < e.assumedCount; i++) {
            v.withdrawnFrames[v.withdrawnCount] = e.assumedFrames[i];
            v.withdrawnStates[v.withdrawnCount++] = e.assumedStates[i];
        }
        e.assumedCount = from;
        e.state = to;
        // A FIN whose arrival was withdrawn has not been shown received: only these states come after one.
        e.peerFinReceived &= to == CLOSE_WAIT || to == LAST_ACK || to == CLOSING || to == TIME_WAIT;
    }

    /** States in which a side has a synchronized connection (RFC 9293 3.10.7.4), as the tracker has it. */
    private static boolean synchronizedState(TcpState s) {
        switch (s) {
            case ESTABLISHED: case FIN_WAIT_1: case FIN_WAIT_2: case CLOSE_WAIT: case CLOSING: case LAST_ACK: case TIME_WAIT:
                return true;
            default:
                return false;
        }
    }

    /** {@code e} gets the other side's FIN (RFC 9293 3.10.7.4, "eighth, check the FIN bit"). */
    private static void receiveFin(TcpConnection c, TcpEndpoint e, TcpView v) {
        e.peerFinReceived = true;
        switch (e.state) {
            case ESTABLISHED: case SYN_RECEIVED: move(c, e, CLOSE_WAIT, v); break;
            case FIN_WAIT_1: move(c, e, CLOSING, v); break;
            case FIN_WAIT_2: move(c, e, TIME_WAIT, v); break;
            default: break;
        }
    }

    /** Moves {@code e} to {@code to} and records the transition in the view, as the client's or the server's. */
    private static void move(TcpConnection c, TcpEndpoint e, TcpState to, TcpView v) {
        if (e.state == to) {
            return;
        }
        e.state = to;
        if (e == c.client()) {
            if (v.clientSteps < TcpView.MAX_STEPS) {
                v.clientPath[v.clientSteps++] = to;
            }
        } else if (v.serverSteps < TcpView.MAX_STEPS) {
            v.serverPath[v.serverSteps++] = to;
        }
    }

    /** Whether {@code ack} acknowledges the endpoint's SYN. */
    private static boolean acksSyn(TcpEndpoint e, long ack) {
        return e.synSeen && ge(ack, e.isn + 1);
    }

    /** Sequence-space "a is at or after b" (RFC 9293 3.4, arithmetic modulo 2^32). */
    static boolean ge(long a, long b) {
        return (int) (a - b) >= 0;
    }
}
