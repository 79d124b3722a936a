package io.wirebook.flow;

import static io.wirebook.flow.TcpState.CLOSED;
import static io.wirebook.flow.TcpState.CLOSE_WAIT;
import static io.wirebook.flow.TcpState.CLOSING;
import static io.wirebook.flow.TcpState.ESTABLISHED;
import static io.wirebook.flow.TcpState.FIN_WAIT_1;
import static io.wirebook.flow.TcpState.FIN_WAIT_2;
import static io.wirebook.flow.TcpState.LAST_ACK;
import static io.wirebook.flow.TcpState.SYN_RECEIVED;
import static io.wirebook.flow.TcpState.SYN_SENT;
import static io.wirebook.flow.TcpState.TIME_WAIT;
import static io.wirebook.flow.TcpState.UNKNOWN;

import io.wirebook.decode.TcpHeader;

/**
 * Moves both endpoints of a connection through the RFC 9293 state diagram (section 3.3.2, figure 5) as
 * one captured segment shows it. The capture sits between the endpoints, so a segment is taken to say two
 * things: what its sender must have been in to send it (its own flags and what its ack shows it had
 * received), and what its receiver becomes on getting it (assuming it arrives, which the capture cannot
 * see). Where a later segment shows the receiver had not yet got an earlier one (FINs or SYNs that
 * crossed), the sender's state follows the later evidence: that is how simultaneous open and close appear.
 */
final class TcpStateMachine {
    private TcpStateMachine() {}

    /**
     * Applies one segment from {@code x} to {@code y}.
     *
     * @param seq raw sequence number
     * @param ack raw acknowledgment number (meaningful only with the ACK flag)
     */
    static void apply(TcpConnection c, TcpEndpoint x, TcpEndpoint y, int flags, long seq, long ack, int len) {
        boolean syn = (flags & TcpHeader.SYN) != 0, ackf = (flags & TcpHeader.ACK) != 0,
                fin = (flags & TcpHeader.FIN) != 0, rst = (flags & TcpHeader.RST) != 0;
        if (rst) {
            // RFC 9293 3.10.7: a RST aborts the connection on both sides (its acceptability is not checked).
            x.rstSeen = true;
            x.state = CLOSED;
            if (y.state != UNKNOWN) {
                y.state = CLOSED;
            }
            return;
        }
        if (syn) {
            if (!x.synSeen) {
                x.synSeen = true;
                x.isn = seq;
            }
            if (!ackf) {
                if (y.state == SYN_SENT) {
                    // Simultaneous open (3.5, figure 7): the SYNs crossed; each side gets the other's in SYN-SENT.
                    x.state = SYN_RECEIVED;
                    y.state = SYN_RECEIVED;
                } else if (x.state == UNKNOWN || x.state == CLOSED || x.state == TIME_WAIT || x.state == SYN_SENT) {
                    x.state = SYN_SENT;
                }
            } else {
                if (x.state == UNKNOWN || x.state == CLOSED || x.state == SYN_SENT) {
                    x.state = SYN_RECEIVED;
                }
                if ((y.state == SYN_SENT || y.state == SYN_RECEIVED) && acksSyn(y, ack)) {
                    y.state = ESTABLISHED;
                }
            }
        } else {
            // What sending this segment shows about the sender.
            if (x.state == UNKNOWN) {
                x.state = ESTABLISHED; // the capture started after the handshake
            } else if ((x.state == SYN_SENT || x.state == SYN_RECEIVED) && (!ackf || acksSyn(y, ack) || !y.synSeen)) {
                x.state = ESTABLISHED; // the segment that moved it was not captured
            }
            if (ackf && y.finSeen && ge(ack, y.finEnd)) {
                // The sender has received the receiver's FIN.
                if (x.state == ESTABLISHED) {
                    x.state = CLOSE_WAIT;
                } else if (x.state == FIN_WAIT_1) {
                    x.state = CLOSING;
                } else if (x.state == FIN_WAIT_2) {
                    x.state = TIME_WAIT;
                }
            }
        }
        boolean firstFin = fin && !x.finSeen;
        if (firstFin) {
            x.finSeen = true;
            x.finEnd = (seq + len + 1 + (syn ? 1 : 0)) & 0xFFFFFFFFL;
            boolean peerFinReceived = y.finSeen && ackf && ge(ack, y.finEnd);
            if (y.finSeen && !peerFinReceived) {
                // Simultaneous close (3.6, figure 13): this FIN crossed the peer's; the sender gets the peer's
                // FIN in FIN-WAIT-1 and so enters CLOSING.
                x.state = CLOSING;
                c.close = TcpConnection.Close.SIMULTANEOUS;
            } else if (y.finSeen) {
                x.state = LAST_ACK;
                // The peer's FIN was acknowledged by an earlier segment (four-way) or by this FIN+ACK (three-way).
                c.close = y.finAcked ? TcpConnection.Close.FOUR_WAY : TcpConnection.Close.THREE_WAY;
            } else {
                x.state = FIN_WAIT_1;
                c.firstFin = x == c.client() ? TcpConnection.Sender.CLIENT : TcpConnection.Sender.SERVER;
            }
        }
        // What receiving it does to the receiver: first the acknowledgment, then the FIN (3.10.7.4).
        if (ackf) {
            if (y.synSeen && (y.state == SYN_RECEIVED) && acksSyn(y, ack)) {
                y.state = ESTABLISHED;
            }
            if (y.finSeen && ge(ack, y.finEnd)) {
                y.finAcked = true;
                if (y.state == FIN_WAIT_1) {
                    y.state = FIN_WAIT_2;
                } else if (y.state == CLOSING) {
                    y.state = TIME_WAIT;
                } else if (y.state == LAST_ACK) {
                    y.state = CLOSED;
                }
            }
        }
        if (firstFin) {
            switch (y.state) {
                case ESTABLISHED: case SYN_RECEIVED: y.state = CLOSE_WAIT; break;
                case FIN_WAIT_1: y.state = CLOSING; break;
                case FIN_WAIT_2: y.state = TIME_WAIT; break;
                default: break;
            }
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
