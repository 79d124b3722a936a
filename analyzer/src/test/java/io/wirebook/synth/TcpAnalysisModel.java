package io.wirebook.synth;

import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A small, independent model of the tshark 4.0 tcp.analysis rules the generator's labels rely on
 * ({@code tcp_analyze_sequence_number} in packet-tcp.c, as documented in the Wireshark user's guide section
 * "TCP Analysis"), written from the rules, not from the generator. Fed every frame in order, it says which
 * flags tshark would set on each; the tests require exactly the generator's labels, so a label that does not
 * describe its frame fails, and so does an anomaly nobody labelled.
 */
final class TcpAnalysisModel {
    private static final int FIN = TcpHeader.FIN, SYN = TcpHeader.SYN, RST = TcpHeader.RST, ACK = TcpHeader.ACK;

    /** One direction of one connection. */
    private static final class Direction {
        boolean hasNext;
        long next;
        long nextTime;
        boolean hasAck;
        long lastAck;
        long lastTime;
        /** Window scaled as tshark keeps it: raw in a SYN, raw << scale afterwards; -1 before any segment. */
        long window = -1;
        int dupAcks;
        boolean lastWasKeepAlive;
        boolean lastWasProbe;
        long synTime;
        /** Payload hashes of sent segments by sequence number, to check a resend repeats the bytes. */
        final Map<Long, Integer> sent = new HashMap<>();
    }

    private static final class Connection {
        final Direction client = new Direction();
        final Direction server = new Direction();
        long firstRtt = -1;
        long synTime;
    }

    private final Map<String, Connection> connections = new HashMap<>();
    private final java.util.Set<String> tuplesSeen = new java.util.HashSet<>();
    /** Problems that are not about flags: a resend whose bytes differ from the original. */
    final java.util.List<String> problems = new java.util.ArrayList<>();

    /** The tcp.analysis labels tshark would give this TCP packet. */
    TreeSet<String> analyse(Packet p, long timeNanos) {
        TreeSet<String> out = new TreeSet<>();
        TcpHeader t = p.tcp;
        boolean v6 = p.network == Packet.NET_IPV6;
        String forward = (v6 ? "6/" : "4/") + t.sourcePort + ">" + t.destinationPort;
        String backward = (v6 ? "6/" : "4/") + t.destinationPort + ">" + t.sourcePort;
        String tuple = (v6 ? "6/" : "4/") + Math.min(t.sourcePort, t.destinationPort) + "/"
                + Math.max(t.sourcePort, t.destinationPort);
        int flags = t.flags;
        long seq = t.seq;
        long ack = t.ack;
        int len = t.payloadLength;
        if ((flags & (SYN | ACK)) == SYN) {
            if (!tuplesSeen.add(tuple)) {
                out.add("reused_ports");
            }
            Connection c = new Connection();
            c.synTime = timeNanos;
            connections.put(forward, c);
        }
        Connection c = connections.get(forward);
        boolean isClient = c != null;
        if (c == null) {
            c = connections.get(backward);
        }
        Direction fwd = isClient ? c.client : c.server;
        Direction rev = isClient ? c.server : c.client;
        if ((flags & (SYN | ACK)) == ACK && c.firstRtt < 0 && isClient && fwd.hasNext) {
            c.firstRtt = timeNanos - c.synTime;
        }
        boolean control = (flags & (SYN | FIN | RST)) != 0;
        long window = (flags & SYN) != 0 ? t.window : (long) t.window << TcpConversation.WINDOW_SCALE;
        int payloadHash = java.util.Arrays.hashCode(java.util.Arrays.copyOfRange(p.bytes(),
                p.base() + t.payloadOffset, p.base() + t.payloadOffset + t.payloadCaptured));

        boolean probe = len == 1 && fwd.hasNext && seq == fwd.next && rev.window == 0;
        boolean keepAlive = false;
        boolean duplicate = false;
        if (probe) {
            out.add("zero_window_probe");
        } else {
            if (t.window == 0 && !control) {
                out.add("zero_window");
            }
            if (fwd.hasNext && after(seq, fwd.next) && (flags & RST) == 0) {
                out.add("lost_segment");
            }
            if (len <= 1 && fwd.hasNext && seq == ((fwd.next - 1) & 0xFFFF_FFFFL) && !control) {
                out.add("keep_alive");
                keepAlive = true;
            }
            boolean sameAck = fwd.hasNext && seq == fwd.next && fwd.hasAck && ack == fwd.lastAck && !control;
            if (len == 0 && window != 0 && window != fwd.window && sameAck) {
                out.add("window_update");
            }
            if (len > 0 && rev.hasAck && rev.window >= 0 && !control
                    && ((seq + len) & 0xFFFF_FFFFL) == ((rev.lastAck + rev.window) & 0xFFFF_FFFFL)) {
                out.add("window_full");
            }
            if (len == 0 && window != 0 && window == fwd.window && sameAck && rev.lastWasKeepAlive) {
                out.add("keep_alive_ack");
            } else if (len == 0 && window == 0 && window == fwd.window && sameAck && rev.lastWasProbe) {
                out.add("zero_window_probe_ack");
            } else if (len == 0 && window != 0 && window == fwd.window && sameAck) {
                out.add("duplicate_ack");
                duplicate = true;
            }
            if ((len > 0 || (flags & (SYN | FIN)) != 0) && !keepAlive && fwd.hasNext && after(fwd.next, seq)) {
                if (rev.dupAcks >= 2 && rev.lastAck == seq && timeNanos - rev.lastTime < 20_000_000L) {
                    out.add("fast_retransmission");
                    out.add("retransmission");
                } else if (timeNanos - fwd.nextTime < (c.firstRtt > 0 ? c.firstRtt : 3_000_000L)
                        && fwd.next != ((seq + len) & 0xFFFF_FFFFL)) {
                    out.add("out_of_order");
                } else {
                    out.add("retransmission");
                }
                Integer original = fwd.sent.get(seq);
                if (out.contains("retransmission") && (original == null || original != payloadHash)) {
                    problems.add("resend of seq " + seq + " does not repeat an earlier segment's bytes");
                }
            }
        }
        // What tshark remembers for the next segment.
        long end = (seq + len + ((flags & SYN) != 0 ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0)) & 0xFFFF_FFFFL;
        if (!probe && (!fwd.hasNext || after(end, fwd.next))) {
            fwd.next = end;
            fwd.hasNext = true;
            fwd.nextTime = timeNanos;
        }
        if (len > 0) {
            fwd.sent.putIfAbsent(seq, payloadHash);
        }
        fwd.dupAcks = duplicate ? fwd.dupAcks + 1 : 0;
        fwd.window = window;
        if ((flags & ACK) != 0) {
            fwd.hasAck = true;
            fwd.lastAck = ack;
        }
        fwd.lastTime = timeNanos;
        fwd.lastWasKeepAlive = keepAlive;
        fwd.lastWasProbe = probe;
        return out;
    }

    /** {@code a} is after {@code b} in sequence space (RFC 9293 3.4, modulo 2^32). */
    private static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }
}
