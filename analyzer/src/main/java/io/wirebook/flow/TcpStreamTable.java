package io.wirebook.flow;

import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import java.util.HashMap;

/**
 * Assigns TCP packets to connections and computes relative sequence numbers and scaled windows the way
 * tshark does (one pass, relative sequence numbers on):
 * <ul>
 *   <li>streams are numbered from 0 in order of first appearance; a SYN (without ACK) whose sequence
 *       number differs from the base of an existing connection's same direction starts a new stream on
 *       that 4-tuple ("reused ports");</li>
 *   <li>a direction's base is its SYN's sequence number; without a SYN, the first sequence number seen
 *       minus one (so the first segment shows relative 1); the first ACK seen from the other side sets the
 *       base of a direction not seen yet to ack - 1;</li>
 *   <li>a window is scaled by the shift its sender's SYN announced, once both SYNs agreed to scaling
 *       (RFC 7323 section 2.2); SYN segments are never scaled; without the handshake the raw value is
 *       shown.</li>
 * </ul>
 */
public final class TcpStreamTable {
    private final HashMap<FlowKey, TcpStream> streams = new HashMap<>();
    private final FlowKey probe = new FlowKey();
    private int nextIndex;

    /** Number of streams seen so far. */
    public int streamCount() {
        return nextIndex;
    }

    /**
     * Looks up (or creates) the connection of a decoded TCP packet and fills {@code view}.
     *
     * @return the stream, or null when the packet is not a fully decoded TCP segment
     */
    public TcpStream track(Packet p, TcpView view) {
        if (!p.isTcp() || !probe.set(p, 6)) {
            return null;
        }
        TcpHeader t = p.tcp;
        boolean keyReversed = probe.reversed();
        TcpStream s = streams.get(probe);
        boolean synOnly = (t.flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN;
        boolean reused = false;
        if (s != null && synOnly) {
            TcpEndpoint fwd = sender(s, keyReversed);
            if (fwd.baseSet && t.seq != fwd.baseSeq) {
                s = null; // a new connection on the same 4-tuple
                reused = true;
            }
        }
        if (s == null) {
            FlowKey k = probe.copy();
            s = new TcpStream(nextIndex++, k, !keyReversed);
            s.reusedPorts = reused;
            streams.put(k, s);
        }
        view.reusedPorts = reused;
        TcpEndpoint fwd = sender(s, keyReversed);
        TcpEndpoint rev = fwd == s.a ? s.b : s.a;
        view.stream = s.index;
        view.fromFirstSender = fwd == s.a;

        boolean syn = t.has(TcpHeader.SYN);
        boolean ackFlag = t.has(TcpHeader.ACK);
        if (syn) {
            fwd.synSeen = true;
            fwd.windowScale = t.windowScale >= 0 ? Math.min(t.windowScale, 14) : TcpEndpoint.SCALE_NONE;
            if (ackFlag && (fwd.windowScale == TcpEndpoint.SCALE_NONE || rev.windowScale == TcpEndpoint.SCALE_NONE)) {
                // Scaling is used only when both SYNs carried the option (RFC 7323 section 2.2).
                fwd.windowScale = TcpEndpoint.SCALE_NONE;
                rev.windowScale = TcpEndpoint.SCALE_NONE;
            }
        }
        if (!fwd.baseSet) {
            fwd.baseSeq = syn ? t.seq : (t.seq - 1) & 0xFFFFFFFFL;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && ackFlag) {
            rev.baseSeq = (t.ack - 1) & 0xFFFFFFFFL;
            rev.baseSet = true;
        }
        view.relSeq = (t.seq - fwd.baseSeq) & 0xFFFFFFFFL;
        view.peerBase = rev.baseSet ? rev.baseSeq : -1;
        // Without the ACK flag the field means nothing; tshark then shows the raw value.
        view.relAck = rev.baseSet && ackFlag ? (t.ack - rev.baseSeq) & 0xFFFFFFFFL : t.ack;
        view.nextSeq = (view.relSeq + t.segmentLength()) & 0xFFFFFFFFL;
        int scale = fwd.windowScale;
        view.windowScale = scale;
        if (!syn && scale >= 0) {
            view.scaledWindow = (long) t.window << scale;
        } else {
            view.scaledWindow = t.window;
        }
        if (t.has(TcpHeader.FIN)) {
            fwd.finSeen = true;
        }
        if (t.has(TcpHeader.RST)) {
            fwd.rstSeen = true;
        }
        return s;
    }

    private static TcpEndpoint sender(TcpStream s, boolean keyReversed) {
        // The packet's sender is key side A when the probe was not reversed.
        boolean senderIsKeyA = !keyReversed;
        return senderIsKeyA == s.firstSenderIsKeyA ? s.a : s.b;
    }
}
