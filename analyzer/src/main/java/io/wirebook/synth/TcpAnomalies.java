package io.wirebook.synth;

import static io.wirebook.synth.TcpConversation.ACK;
import static io.wirebook.synth.TcpConversation.PSH;

/**
 * The injected TCP anomalies: each plans one message (or an idle spell) the way a real loss, reordering or
 * full receive buffer would show in a capture taken at the sender, and labels the segments that tshark's
 * {@code tcp.analysis} flags. The conditions tshark checks are noted beside each label; the ones every
 * pattern relies on are that the receiver is past its SYN (so its window is the scaled one) and that its
 * last ACK is the sender's {@code nxt} (so a repeated ACK is a duplicate).
 */
final class TcpAnomalies {
    private TcpAnomalies() {}

    /** Keep-alives happen this often relative to the anomaly rate (once per idle spell, not per message). */
    static final double KEEP_ALIVE_SHARE = 0.1;

    /** Relative frequency of each message anomaly: RTO, fast retransmission, reordering, zero window. */
    private static final int W_RTO = 30, W_FAST = 30, W_REORDER = 25, W_ZERO_WINDOW = 15;

    /** Sends a message of about {@code size} bytes from {@code side} with one anomaly drawn by weight. */
    static void inject(TcpConversation c, TrafficModel m, int side, int size) {
        int r = m.rng.nextInt(W_RTO + W_FAST + W_REORDER + W_ZERO_WINDOW);
        if (r < W_RTO) {
            tailLoss(c, m, side, size);
        } else if (r < W_RTO + W_FAST) {
            fastRetransmission(c, m, side, Math.max(size, 64));
        } else if (r < W_RTO + W_FAST + W_REORDER) {
            reordering(c, m, side, Math.max(size, 120));
        } else {
            zeroWindow(c, m, side);
        }
    }

    /**
     * The last segment of a message is lost; nothing after it can make duplicate ACKs, so the sender waits
     * for its retransmission timer (Linux: at least 200 ms) and sends it again. tshark: the resend is below
     * the highest sequence seen and long after it, with fewer than two duplicate ACKs: "retransmission".
     */
    static void tailLoss(TcpConversation c, TrafficModel m, int side, int size) {
        int receiver = 1 - side;
        int last = -1;
        int n = 0;
        while (size > 0) {
            int len = Math.min(size, c.segmentCap);
            size -= len;
            c.after(2, 25);
            last = c.data(side, len, size == 0);
            if (++n % 2 == 0 && size > 0) {
                c.after(2, 10);
                c.ack(receiver);
            }
        }
        if (n > 1 && c.lastAck[receiver] != c.q.seq[last]) {
            // The receiver got everything before the lost segment: its delayed ACK covers that much.
            c.after(40, 200);
            c.segment(receiver, ACK, c.nxt[receiver], c.q.seq[last], c.window[receiver], 0, 0, SegmentQueue.OPT_TS);
        }
        c.clock += m.millis(200, 260);
        int again = c.resend(last);
        c.q.anomalies[again] |= Anomaly.RETRANSMISSION.bit();
        c.after(10, 40);
        c.ack(receiver);
    }

    /**
     * The first of four to six segments is lost; each later one draws a duplicate ACK carrying a SACK block
     * of what did arrive, and the third duplicate triggers the fast retransmission (RFC 5681 3.2, RFC 6675).
     * tshark: each repeated ACK is a "duplicate_ack"; the resend follows two or more duplicates of its own
     * sequence number within 20 ms: "fast_retransmission", which tshark also reports as "retransmission".
     */
    static void fastRetransmission(TcpConversation c, TrafficModel m, int side, int size) {
        int receiver = 1 - side;
        int parts = m.between(4, 6);
        int base = c.nxt[side];
        int first = -1;
        for (int k = 0; k < parts; k++) {
            int len = k < parts - 1 ? size / parts : size - (parts - 1) * (size / parts);
            c.after(1, 4);
            int i = c.data(side, len, k == parts - 1);
            if (k == 0) {
                first = i;
                continue;
            }
            c.after(1, 4);
            boolean duplicate = c.lastAck[receiver] == base;
            int d = c.segment(receiver, ACK, c.nxt[receiver], base, c.window[receiver], 0, 0,
                    SegmentQueue.OPT_TS_SACK);
            c.q.sackLeft[d] = c.q.seq[first] + c.q.length[first];
            c.q.sackRight[d] = c.nxt[side];
            if (duplicate) {
                c.q.anomalies[d] |= Anomaly.DUPLICATE_ACK.bit();
            }
        }
        c.after(1, 4);
        int again = c.resend(first);
        c.q.anomalies[again] |= Anomaly.FAST_RETRANSMISSION.bit() | Anomaly.RETRANSMISSION.bit();
        c.after(5, 30);
        c.ack(receiver);
    }

    /**
     * A message's two segments arrive swapped. tshark: the second, above the next expected sequence number,
     * is "lost_segment" (previous segment not captured); the receiver's ACK of the gap with a SACK block is a
     * "duplicate_ack"; the first, arriving within one handshake round trip of the second, is "out_of_order".
     */
    static void reordering(TcpConversation c, TrafficModel m, int side, int size) {
        int receiver = 1 - side;
        int s1 = c.nxt[side];
        int cut = m.between(40, size - 40);
        int end = s1 + size;
        c.after(2, 25);
        int second = c.segment(side, ACK | PSH, s1 + cut, c.nxt[receiver], c.window[side], size - cut,
                m.payload(size - cut), SegmentQueue.OPT_TS);
        c.q.anomalies[second] |= Anomaly.LOST_SEGMENT.bit();
        c.after(1, 3);
        boolean duplicate = c.lastAck[receiver] == s1;
        int d = c.segment(receiver, ACK, c.nxt[receiver], s1, c.window[receiver], 0, 0, SegmentQueue.OPT_TS_SACK);
        c.q.sackLeft[d] = s1 + cut;
        c.q.sackRight[d] = end;
        if (duplicate) {
            c.q.anomalies[d] |= Anomaly.DUPLICATE_ACK.bit();
        }
        c.after(1, 3);
        int first = c.segment(side, ACK, s1, c.nxt[receiver], c.window[side], cut, m.payload(cut), SegmentQueue.OPT_TS);
        c.q.anomalies[first] |= Anomaly.OUT_OF_ORDER.bit();
        c.nxt[side] = end;
        c.after(5, 30);
        c.ack(receiver);
    }

    /**
     * The receiving application stops reading: its window shrinks, one segment fills it exactly, it
     * advertises zero, the sender probes with one byte after its persist timer (RFC 9293 3.8.6.1), the probe
     * is refused, and then the application reads and the window opens. tshark: "window_full" on the filling
     * segment, "zero_window" on every ACK that advertises 0, "zero_window_probe" and
     * "zero_window_probe_ack" on the probe and its answer, "window_update" on the ACK that only reopens.
     */
    static void zeroWindow(TcpConversation c, TrafficModel m, int side) {
        int receiver = 1 - side;
        int first = m.between(64, 1024);
        int small = m.between(4, 16); // raw window, scaled by 2^7: 512..2048 bytes
        int rest = m.between(16, 2048);
        c.after(2, 25);
        c.data(side, first, false);
        c.after(5, 30);
        c.segment(receiver, ACK, c.nxt[receiver], c.nxt[side], small, 0, 0, SegmentQueue.OPT_TS);
        c.after(2, 20);
        int full = c.data(side, small << TcpConversation.WINDOW_SCALE, false);
        c.q.anomalies[full] |= Anomaly.WINDOW_FULL.bit();
        c.after(5, 30);
        int zero = c.segment(receiver, ACK, c.nxt[receiver], c.nxt[side], 0, 0, 0, SegmentQueue.OPT_TS);
        c.q.anomalies[zero] |= Anomaly.ZERO_WINDOW.bit();
        c.clock += m.millis(200, 400);
        int probe = c.segment(side, ACK, c.nxt[side], c.nxt[receiver], c.window[side], 1, m.payload(1),
                SegmentQueue.OPT_TS);
        c.q.anomalies[probe] |= Anomaly.ZERO_WINDOW_PROBE.bit();
        c.after(5, 30);
        int refusal = c.segment(receiver, ACK, c.nxt[receiver], c.nxt[side], 0, 0, 0, SegmentQueue.OPT_TS);
        c.q.anomalies[refusal] |= Anomaly.ZERO_WINDOW.bit() | Anomaly.ZERO_WINDOW_PROBE_ACK.bit();
        c.clock += m.millis(1, 50);
        int update = c.segment(receiver, ACK, c.nxt[receiver], c.nxt[side], c.window[receiver], 0, 0,
                SegmentQueue.OPT_TS);
        c.q.anomalies[update] |= Anomaly.WINDOW_UPDATE.bit();
        // The probe's byte was not accepted: the rest starts with it again.
        c.plainMessage(side, rest);
        c.after(5, 30);
        c.ack(receiver);
    }

    /**
     * The connection idles past the client's keep-alive time (here 1 to 3 s, as with TCP_KEEPIDLE set low):
     * the client sends an empty segment one below its next sequence number and the server answers with its
     * ACK again (RFC 9293 3.8.4). tshark: "keep_alive", then "keep_alive_ack".
     */
    static void keepAlive(TcpConversation c, TrafficModel m) {
        int client = TcpConversation.CLIENT;
        int server = TcpConversation.SERVER;
        c.clock += m.millis(1_000, 3_000);
        int probe = c.segment(client, ACK, c.nxt[client] - 1, c.nxt[server], c.window[client], 0, 0,
                SegmentQueue.OPT_TS);
        c.q.anomalies[probe] |= Anomaly.KEEP_ALIVE.bit();
        c.after(10, 60);
        int answer = c.ack(server);
        c.q.anomalies[answer] |= Anomaly.KEEP_ALIVE_ACK.bit();
    }
}
