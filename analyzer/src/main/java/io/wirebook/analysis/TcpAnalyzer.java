package io.wirebook.analysis;

import static io.wirebook.analysis.AnalysisFlags.ACK_LOST_SEGMENT;
import static io.wirebook.analysis.AnalysisFlags.DUPLICATE_ACK;
import static io.wirebook.analysis.AnalysisFlags.FAST_RETRANSMISSION;
import static io.wirebook.analysis.AnalysisFlags.KEEP_ALIVE;
import static io.wirebook.analysis.AnalysisFlags.KEEP_ALIVE_ACK;
import static io.wirebook.analysis.AnalysisFlags.LOST_SEGMENT;
import static io.wirebook.analysis.AnalysisFlags.OUT_OF_ORDER;
import static io.wirebook.analysis.AnalysisFlags.RETRANSMISSION;
import static io.wirebook.analysis.AnalysisFlags.REUSED_PORTS;
import static io.wirebook.analysis.AnalysisFlags.SPURIOUS_RETRANSMISSION;
import static io.wirebook.analysis.AnalysisFlags.WINDOW_FULL;
import static io.wirebook.analysis.AnalysisFlags.WINDOW_UPDATE;
import static io.wirebook.analysis.AnalysisFlags.ZERO_WINDOW;
import static io.wirebook.analysis.AnalysisFlags.ZERO_WINDOW_PROBE;
import static io.wirebook.analysis.AnalysisFlags.ZERO_WINDOW_PROBE_ACK;

import io.wirebook.decode.Malformed;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpEndpoint;
import io.wirebook.flow.TcpView;

/**
 * tshark 4.0's TCP sequence analysis ({@code tcp_analyze_sequence_number} in packet-tcp.c, one pass,
 * default preferences), re-derived from its documented behaviour: for each segment, in capture order, which
 * expert findings it gets, which frame it acknowledges and after how long, and how many bytes are in
 * flight. Checks run in tshark's order, on raw sequence numbers and the raw 16-bit window, with unsigned
 * 32-bit sequence arithmetic; the first match of the retransmission family wins (spurious, fast, out of
 * order, plain). Every step allocates nothing.
 */
final class TcpAnalyzer {
    private static final int SYN = TcpHeader.SYN, ACK = TcpHeader.ACK, FIN = TcpHeader.FIN, RST = TcpHeader.RST,
            PSH = TcpHeader.PSH;
    /** A retransmission counts as fast when it follows the peer's last segment by less than this (20 ms). */
    static final long FAST_RETRANSMISSION_WINDOW = 20_000_000L;
    /** Out-of-order window when the handshake round trip is not known (3 ms). */
    static final long OUT_OF_ORDER_DEFAULT = 3_000_000L;

    /**
     * Analyses a segment of {@code c} that the tracker has just tracked into {@code v}.
     *
     * <p>A connection whose only segment so far is a bare SYN (no ACK, FIN, RST, payload or SACK blocks)
     * keeps no analysis state: a SYN scan makes hundreds of thousands of them, most of which never see a
     * second packet. The SYN is analysed on a state that is then dropped, and its few numbers are kept in
     * the connection ({@link AnalysedConnection#deferSyn}); the connection's next segment (or its summary)
     * first replays it on the state it then gets, so every finding is what it would have been.
     */
    /**
     * The state a bare SYN is analysed on before it is dropped, and the findings of a deferred SYN's replay
     * (dropped too): made once, not per connection (they were a third of the bytes a 1M-packet run allocated).
     */
    private final ConnectionAnalysis deferred = new ConnectionAnalysis();
    private final TcpAnalysis replayed = new TcpAnalysis();
    /**
     * Whether Zeek's history and state are kept ({@link ZeekHistory}): only summaries say them (measured: a
     * thirteenth of {@code wirebook read}'s analysis, which writes none).
     */
    private final boolean zeek;

    /** @param zeek whether connections' Zeek history and state are kept (for their summaries) */
    TcpAnalyzer(boolean zeek) {
        this.zeek = zeek;
    }

    void analyze(Packet p, AnalysedConnection c, TcpView v, TcpAnalysis out) {
        TcpHeader t = p.tcp;
        boolean hidden = p.malformed != null && p.malformed.layer == Malformed.Layer.TCP;
        boolean defer = c.analysis == null && !c.synDeferred && !hidden && (t.flags & (SYN | ACK | FIN | RST)) == SYN
                && t.payloadLength == 0 && t.sackCount == 0 && !v.synRepeat;
        ConnectionAnalysis ca;
        if (defer) {
            ca = deferred;
            ca.reset();
        } else {
            ca = state(c, replayed, zeek);
        }
        segment(ca, c, v.fromFirstSender, v.synRepeat, v.reusedPorts, v.time, p.frame.number, t.seq, t.ack,
                t.payloadLength, t.flags, t.window, t.sackCount, t.sackLeft, t.sackRight, t.sourcePort,
                t.destinationPort, hidden, zeek, out);
        if (defer) {
            c.deferSyn(v.fromFirstSender, v.reusedPorts, v.time, p.frame.number, t.seq, t.ack, t.flags, t.window);
        }
    }

    /**
     * The analysis state of {@code c}, made on first use: a deferred SYN is replayed on it first (its
     * findings were reported when it was analysed, so the replay's are dropped).
     */
    static ConnectionAnalysis state(AnalysedConnection c) {
        return state(c, new TcpAnalysis(), true);
    }

    /** As {@link #state(AnalysedConnection)}, the replay's findings (dropped) written into {@code replay}. */
    private static ConnectionAnalysis state(AnalysedConnection c, TcpAnalysis replay, boolean zeek) {
        ConnectionAnalysis ca = c.analysis;
        if (ca == null) {
            ca = c.newAnalysis();
            c.analysis = ca;
            boolean quotedLater = c.quotedSynFrame != 0 && (!c.synDeferred || c.quotedSynFrame > c.synFrame);
            if (c.quotedSynFrame != 0 && !quotedLater) {
                ca.tsMruSyn = c.quotedSynTime; // before the SYN, which replaces it
            }
            if (c.synDeferred) {
                c.synDeferred = false;
                segment(ca, c, c.synFromFirstSender, false, c.synReusedPorts, c.synTime, c.synFrame,
                        c.synSeq & 0xFFFFFFFFL, c.synAck & 0xFFFFFFFFL, 0, c.synFlags, c.synWindow, 0, null, null,
                        0, 0, false, zeek, replay);
            }
            if (quotedLater) {
                ca.tsMruSyn = c.quotedSynTime; // the quote came after the deferred SYN (or there was none)
            }
            c.quotedSynFrame = 0;
        }
        return ca;
    }

    private static void segment(ConnectionAnalysis ca, AnalysedConnection c, boolean fromFirstSender,
            boolean synRepeat, boolean reusedPorts, long now, long frame, long seq, long ack, int len, int tf,
            int window, int sackCount, long[] sackLeft, long[] sackRight, int sourcePort, int destinationPort,
            boolean hidden, boolean zeek, TcpAnalysis out) {
        DirectionState fwd = fromFirstSender ? ca.a : ca.b;
        DirectionState rev = fwd == ca.a ? ca.b : ca.a;
        TcpEndpoint revEnd = fromFirstSender ? c.b : c.a;
        out.reset();
        if (synRepeat) {
            fwd.nextSeq = fwd.maxSeqToBeAcked; // tshark: a repeated SYN re-opens the sender's sequence space
        }
        int flags = reusedPorts ? REUSED_PORTS : 0;
        TcpEndpoint fwdEnd = fromFirstSender ? c.a : c.b;
        flags = sequence(frame, now, seq, ack, len, tf, window, ca, fwd, rev, revEnd, fwdEnd.baseSeq, flags, out);
        out.flags = flags;
        if ((tf & SYN) != 0) {
            if ((tf & ACK) == 0) {
                ca.tsMruSyn = now;
            }
            fwd.isFirstAck = true;
        }
        if ((tf & (SYN | ACK)) == ACK) {
            if (ca.tsMruSyn != 0 && ca.firstRtt == 0) {
                ca.firstRtt = now - ca.tsMruSyn;
            }
            fwd.isFirstAck = false;
        }
        // SACK blocks of this segment, for the other side's bytes in flight (at most 3 kept, as tshark).
        fwd.sackCount = Math.min(3, sackCount);
        if (fwd.sackCount > 0 && fwd.sackLeft == null) {
            fwd.sackLeft = new long[3];
            fwd.sackRight = new long[3];
        }
        for (int i = 0; i < fwd.sackCount; i++) {
            fwd.sackLeft[i] = sackLeft[i];
            fwd.sackRight[i] = sackRight[i];
        }
        out.initialRttNanos = ca.firstRtt;
        // tshark stops dissecting a TCP header whose options are cut short or malformed before it prints the
        // analysis; the state above was still updated.
        out.hidden = hidden;
        int shown = out.shownFlags();
        for (int i = 0; shown != 0 && i < AnalysisFlags.COUNT; i++) {
            if ((shown & (1 << i)) != 0) {
                ca.count(i);
            }
        }
        if (zeek) {
            ca.zeek.segment(fromFirstSender, tf, sourcePort, destinationPort, seq, ack, len, window);
        }
    }

    /**
     * What an ICMP error quoting a segment of {@code c} does to the analysis: a quoted SYN counts as the
     * most recent SYN (tshark runs that part of its TCP dissection on the quote).
     */
    void quoted(AnalysedConnection c, int quotedFlags, long now, long frame) {
        if ((quotedFlags & (SYN | ACK)) == SYN) {
            if (c.analysis != null) {
                c.analysis.tsMruSyn = now;
            } else {
                // Kept light, as a bare SYN is: an answer to each probe of a SYN scan (host unreachable,
                // say) must not cost full state per connection. Applied when the state is made.
                c.quotedSynTime = now;
                c.quotedSynFrame = frame;
            }
        }
    }


    private static int sequence(long frame, long now, long seq, long ack, int seglen, int tf, int window,
            ConnectionAnalysis ca, DirectionState fwd, DirectionState rev, TcpEndpoint revEnd, long base,
            int flags, TcpAnalysis out) {
        boolean syn = (tf & SYN) != 0, fin = (tf & FIN) != 0, rst = (tf & RST) != 0, ackf = (tf & ACK) != 0;
        boolean control = (tf & (SYN | FIN | RST)) != 0;
        if (ackf) {
            rev.validBif = true;
        }
        boolean zwp = false;
        checks:
        {
            // Zero window probe: one byte at the next sequence number into a closed window.
            if (seglen == 1 && seq == fwd.nextSeq && rev.window == 0) {
                flags |= ZERO_WINDOW_PROBE;
                zwp = true;
                break checks;
            }
            if (window == 0 && !control) {
                flags |= ZERO_WINDOW;
            }
            if (fwd.nextSeq != 0 && gt(seq, fwd.nextSeq) && !rst) {
                flags |= LOST_SEGMENT;
                fwd.validBif = false;
            }
            if ((seglen == 0 || seglen == 1) && seq == ((fwd.nextSeq - 1) & 0xFFFFFFFFL) && !control) {
                flags |= KEEP_ALIVE;
                out.linuxZeroWindowProbe = rev.window == 0;
            }
            boolean sameAck = seglen == 0 && seq == fwd.nextSeq && ack == fwd.lastAck && !control;
            if (sameAck && window != 0 && window != fwd.window) {
                flags |= WINDOW_UPDATE;
            }
            if (seglen > 0 && revEnd.windowScale != TcpEndpoint.SCALE_UNKNOWN && !control) {
                int shift = rev.isFirstAck || revEnd.windowScale == TcpEndpoint.SCALE_NONE ? 0 : revEnd.windowScale;
                if (((seq + seglen) & 0xFFFFFFFFL) == ((rev.lastAck + ((rev.window << shift) & 0xFFFFFFFFL)) & 0xFFFFFFFFL)) {
                    flags |= WINDOW_FULL;
                }
            }
            if (sameAck && window != 0 && window == fwd.window && (rev.lastSegmentFlags & KEEP_ALIVE) != 0) {
                flags |= KEEP_ALIVE_ACK;
                break checks;
            }
            if (sameAck && window == 0 && fwd.window == 0 && (rev.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0) {
                flags |= ZERO_WINDOW_PROBE_ACK;
                break checks;
            }
            if (sameAck && window != 0 && window == fwd.window) {
                fwd.dupAckNum = fwd.dupAckNum == DirectionState.DUPACK_MARK ? 1 : (fwd.dupAckNum + 1) & 0xFFFFFFFFL;
                flags |= DUPLICATE_ACK;
                out.dupAckNum = fwd.dupAckNum;
                out.dupAckFrame = fwd.lastNonDupAckFrame;
            }
        }
        if (ack != fwd.lastAck) {
            fwd.lastNonDupAckFrame = frame;
            fwd.dupAckNum = 0;
        }
        // An ACK for bytes the other side was never seen to send.
        if (rev.maxSeqToBeAcked != 0 && gt(ack, rev.maxSeqToBeAcked) && ackf) {
            if (lt(rev.maxSeqToBeAcked, rev.nextSeq)) {
                rev.maxSeqToBeAcked = rev.nextSeq;
                flags |= ACK_LOST_SEGMENT;
            } else {
                if (rev.dupAckNum == 0) {
                    flags |= ACK_LOST_SEGMENT;
                }
                rev.dupAckNum = DirectionState.DUPACK_MARK;
            }
        }
        if (seglen > 0 || syn || fin) {
            flags = retransmission(now, seq, seglen, syn || fin, ca, fwd, rev, flags);
            if ((flags & (RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION)) != 0) {
                long end = (seq + Math.max(seglen, 1)) & 0xFFFFFFFFL;
                if (!original(fwd.segments, seq, end, now, out)) {
                    original(fwd.acked, seq, end, now, out);
                }
            }
        }
        // Bookkeeping: the unacked list, the next expected sequence number, the last ack and window.
        long nxt = (seq + seglen) & 0xFFFFFFFFL;
        if ((seglen > 0 || syn || fin) && fwd.segments.size < UnackedSegments.MAX) {
            if (syn || fin) {
                nxt = (nxt + 1) & 0xFFFFFFFFL;
            }
            fwd.segments.add(frame, seq, nxt, now);
        }
        if ((gt(nxt, fwd.nextSeq) || fwd.nextSeq == 0) && !zwp) {
            fwd.nextSeq = nxt;
            fwd.nextSeqTime = now;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !zwp) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = now;
        fwd.lastSegmentFlags = flags;
        acknowledge(now, ack, rev.segments, rev.acked, out);
        if (seglen != 0 && fwd.segments.size > 0 && fwd.validBif) {
            bytesInFlight(tf, seglen, syn || fin, base, fwd, rev, out);
        }
        return flags;
    }

    private static int retransmission(long now, long seq, int seglen, boolean synOrFin, ConnectionAnalysis ca,
            DirectionState fwd, DirectionState rev, int flags) {
        if ((flags & KEEP_ALIVE) != 0) {
            return flags;
        }
        boolean notAdvanced = fwd.nextSeq != 0 && lt(seq, fwd.nextSeq);
        if (seglen > 1 && ((fwd.nextSeq - 1) & 0xFFFFFFFFL) == seq) {
            notAdvanced = false; // data following a one-byte probe
        }
        if (seglen > 0 && rev.lastAck != 0 && le((seq + seglen) & 0xFFFFFFFFL, rev.lastAck)) {
            return flags | SPURIOUS_RETRANSMISSION;
        }
        if (notAdvanced && Long.compareUnsigned(rev.dupAckNum, 2) >= 0 && rev.lastAck == seq
                && Long.compareUnsigned(now - rev.lastAckTime, FAST_RETRANSMISSION_WINDOW) < 0) {
            return flags | FAST_RETRANSMISSION;
        }
        long threshold = ca.firstRtt != 0 ? ca.firstRtt : OUT_OF_ORDER_DEFAULT;
        if (notAdvanced && Long.compareUnsigned(now - fwd.nextSeqTime, threshold) < 0
                && fwd.nextSeq != ((seq + seglen + (synOrFin ? 1 : 0)) & 0xFFFFFFFFL)) {
            return flags | OUT_OF_ORDER;
        }
        return notAdvanced ? flags | RETRANSMISSION : flags;
    }

    /** The other side's unacked segments that this ack covers; the oldest exact match gives the RTT. */
    private static void acknowledge(long now, long ack, UnackedSegments s, UnackedSegments acked, TcpAnalysis out) {
        for (int i = s.size - 1; i >= 0; i--) {
            if (ack == s.next(i)) {
                out.acksFrame = s.frame(i);
                out.ackRttNanos = now - s.time(i);
                acked.addBounded(s, i, ACKED_KEPT);
                s.remove(i);
            } else if (gt(ack, s.seq(i)) && le(ack, s.next(i))) {
                s.seq(i, ack);
            } else if (!gt(s.next(i), ack)) {
                acked.addBounded(s, i, ACKED_KEPT);
                s.remove(i);
            }
        }
    }

    /** Acknowledged segments remembered per direction, for naming what a spurious retransmission repeats. */
    static final int ACKED_KEPT = 8;

    /**
     * Finds the earlier transmissions of [seq, end) among {@code s} (oldest first): the newest one is what
     * this segment repeats, the oldest where those bytes were first sent.
     */
    private static boolean original(UnackedSegments s, long seq, long end, long now, TcpAnalysis out) {
        boolean found = false;
        for (int i = 0; i < s.size; i++) {
            if (lt(s.seq(i), end) && lt(seq, s.next(i)) || s.seq(i) == seq) {
                if (!found) {
                    out.firstSentFrame = s.frame(i);
                    found = true;
                }
                out.repeatsFrame = s.frame(i);
                out.sinceRepeatedNanos = now - s.time(i);
            }
        }
        return found;
    }

    private static void bytesInFlight(int tf, int seglen, boolean synOrFin, long base, DirectionState fwd,
            DirectionState rev, TcpAnalysis out) {
        UnackedSegments s = fwd.segments;
        // Span of the unacked segments, measured (as tshark does) relative to the sender's sequence base.
        long first = 0, last = 0;
        for (int i = 0; i < s.size; i++) {
            long lo = (s.seq(i) - base) & 0xFFFFFFFFL, hi = (s.next(i) - base) & 0xFFFFFFFFL;
            if (i == 0 || lo < first) first = lo;
            if (i == 0 || hi > last) last = hi;
        }
        long inFlight = (last - first) & 0xFFFFFFFFL;
        for (int i = 0; i < rev.sackCount; i++) {
            inFlight = (inFlight - ((rev.sackRight[i] - rev.sackLeft[i]) & 0xFFFFFFFFL)) & 0xFFFFFFFFL;
        }
        if (inFlight > 0 && inFlight < 2_000_000_000L) {
            out.bytesInFlight = inFlight - (synOrFin ? 1 : 0);
        }
        boolean psh = (tf & PSH) != 0;
        if (psh && !fwd.pushSetLast) {
            fwd.pushBytes += seglen;
            fwd.pushSetLast = true;
        } else if (psh) {
            fwd.pushBytes = seglen;
        } else if (fwd.pushSetLast) {
            fwd.pushBytes = seglen;
            fwd.pushSetLast = false;
        } else {
            fwd.pushBytes += seglen;
        }
        out.pushBytesSent = fwd.pushBytes;
    }

    static boolean gt(long a, long b) {
        return (int) (b - a) < 0;
    }

    static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    static boolean le(long a, long b) {
        return (int) (a - b) <= 0;
    }
}
