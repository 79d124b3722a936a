package io.wirebook.analysis;

import io.wirebook.decode.TcpHeader;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The payload of one TCP connection put back in sequence order, each direction on its own: what the
 * receiving application read, as far as the capture shows it. Segments come in capture order; each byte
 * is placed once, from the first captured segment that carried it, and handed to a {@link Sink} as soon as
 * every byte before it is placed, so a direction's chunks come out in sequence order and the two
 * directions interleave in the order their bytes became readable.
 *
 * <p>The rules are those of tshark 4.0's "Follow TCP Stream" ({@code follow_tcp_tap_listener} and
 * {@code check_follow_fragments} in {@code epan/dissectors/packet-tcp.c}), so that {@code wirebook follow}
 * prints the same chunks:
 * <ul>
 * <li>A direction starts at its first captured segment (after the SYN's own sequence number), or at the
 *     ack of the other side's SYN/ACK when that comes first.
 * <li>A segment at or before the next expected byte contributes only the bytes past it (the rest is
 *     counted as retransmitted); a segment past it waits, out of order, until the bytes before it arrive.
 * <li>When the other side acknowledges past the start of a waiting segment, the receiver had the bytes
 *     before it, so they are missing from the capture only: they become a gap, and the waiting segments
 *     that now fit follow it.
 * </ul>
 * Where it goes further than tshark (which says nothing of them): bytes that a segment's length declares
 * but the snaplen cut off are a gap at once; at {@link #finish()} the segments still waiting come out
 * after gaps, and bytes before this side's FIN that no captured segment carried are a gap at the end.
 * Bytes the other side acknowledged past the last one captured are not a gap, only counted
 * ({@link Direction#ackedUnseen}): the last of them may be an uncaptured FIN, which the ack covers too.
 *
 * <p>Memory: only the waiting segments are kept (a receiver holds at most its receive window of them),
 * up to {@code maxBuffered} bytes counting {@value #FRAGMENT_OVERHEAD} bytes of bookkeeping each; past
 * that, the reassembler stops waiting for the lowest hole: it tells the sink ({@link Sink#overflow}),
 * makes the hole a gap and goes on.
 */
public final class TcpReassembler {
    /** Bytes counted for each waiting segment besides its payload (object headers, map entry). */
    public static final int FRAGMENT_OVERHEAD = 96;

    /** Where the reassembled bytes go. */
    public interface Sink {
        /** {@code len} bytes at stream offset {@code offset} of one direction, from frame {@code frame}. */
        void data(boolean fromFirstSender, long frame, long offset, byte[] b, int off, int len) throws IOException;

        /** {@code length} bytes at stream offset {@code offset} that no captured segment carried. */
        void missing(boolean fromFirstSender, long offset, long length) throws IOException;

        /**
         * The waiting segments of one direction passed the limit at frame {@code frame}: the hole before
         * them is given up as missing (the next call is that {@link #missing}).
         */
        default void overflow(boolean fromFirstSender, long frame, long limit) throws IOException {}
    }

    /** What one direction came to: every count in bytes, except {@link #gaps}. */
    public static final class Direction {
        /** Bytes placed in sequence (handed to {@link Sink#data}). */
        public long bytes;
        /** Bytes that arrived again after they were placed (or given up as missing), and were left out. */
        public long retransmitted;
        /** Bytes no captured segment carried, and the holes they were in. */
        public long missing;
        public long gaps;
        /** Times the waiting segments passed the limit. */
        public long overflows;
        /**
         * After {@link #finish()}: how far the other side's acks went past the last byte placed (data that
         * was never captured, or an uncaptured FIN: the capture cannot tell).
         */
        public long ackedUnseen;

        private boolean started;
        /** Stream offset of the next byte expected, and its raw sequence number. */
        private long next;
        private long nextRaw;
        private boolean acked;
        /** Highest stream offset the other side acknowledged. */
        private long highestAck;
        private boolean fin;
        /** Stream offset of this side's FIN: the end of its data. */
        private long finOffset;
        /** Waiting segments by stream offset; several at one offset are chained in arrival order. */
        private final TreeMap<Long, Fragment> waiting = new TreeMap<>();
        private long buffered;

        /** The stream offset of a raw sequence number, taken within 2^31 of the next expected byte. */
        private long offset(long raw) {
            return next + (int) (raw - nextRaw);
        }

        private void start(long raw) {
            started = true;
            next = 0;
            nextRaw = raw & 0xFFFFFFFFL;
        }

        private void advance(long n) {
            next += n;
            nextRaw = (nextRaw + n) & 0xFFFFFFFFL;
        }

        /** True when segments wait for bytes before them. */
        public boolean waiting() {
            return !waiting.isEmpty();
        }
    }

    private static final class Fragment {
        final long offset;
        final long length;
        final byte[] data;
        final long frame;
        final long arrival;
        Fragment later;

        Fragment(long offset, long length, byte[] data, long frame, long arrival) {
            this.offset = offset;
            this.length = length;
            this.data = data;
            this.frame = frame;
            this.arrival = arrival;
        }

        long cost() {
            return data.length + FRAGMENT_OVERHEAD;
        }
    }

    private final Sink sink;
    private final long maxBuffered;
    private final Direction first = new Direction(), second = new Direction();
    private long arrivals;

    /** @param maxBuffered the most bytes of waiting segments one direction keeps (see the class comment) */
    public TcpReassembler(Sink sink, long maxBuffered) {
        this.sink = sink;
        this.maxBuffered = maxBuffered;
    }

    /** The counts of the direction whose sender sent the connection's first packet, or of the other. */
    public Direction direction(boolean fromFirstSender) {
        return fromFirstSender ? first : second;
    }

    /**
     * One segment of the connection, in capture order.
     *
     * @param fromFirstSender whether its sender sent the connection's first packet (a fixed side: which
     *                        side is the client may be learnt later)
     * @param seq             raw sequence number; {@code ack} raw acknowledgment number, used when
     *                        {@code flags} has ACK
     * @param flags           the TCP flags ({@link TcpHeader#SYN}, ...)
     * @param length          payload length as the IP length declares it
     * @param b               the captured payload bytes are {@code b[off, off + captured)}, {@code captured <= length}
     */
    public void segment(boolean fromFirstSender, long frame, long seq, long ack, int flags, int length, byte[] b,
            int off, int captured) throws IOException {
        Direction d = fromFirstSender ? first : second, other = fromFirstSender ? second : first;
        boolean syn = (flags & TcpHeader.SYN) != 0;
        if ((flags & TcpHeader.ACK) != 0) {
            if (!other.started && syn) {
                other.start(ack); // a SYN/ACK acknowledges the other side's ISN: its data starts here
            }
            if (other.started) {
                acknowledged(!fromFirstSender, other, other.offset(ack));
            }
        }
        if (!d.started) {
            d.start(seq + (syn ? 1 : 0));
        }
        long at = d.offset(seq) + (syn ? 1 : 0);
        if ((flags & TcpHeader.FIN) != 0) {
            long end = at + length;
            d.finOffset = d.fin ? Math.max(d.finOffset, end) : end;
            d.fin = true;
        }
        if (length <= 0) {
            return;
        }
        int kept = Math.max(0, Math.min(captured, length));
        if (at <= d.next) {
            place(fromFirstSender, d, frame, at, length, b, off, kept);
            drain(fromFirstSender, d);
            return;
        }
        byte[] copy = new byte[kept];
        System.arraycopy(b, off, copy, 0, kept);
        Fragment f = new Fragment(at, length, copy, frame, arrivals++);
        Fragment same = d.waiting.get(at);
        if (same == null) {
            d.waiting.put(at, f);
        } else {
            while (same.later != null) {
                same = same.later;
            }
            same.later = f;
        }
        d.buffered += f.cost();
        if (d.buffered > maxBuffered) {
            d.overflows++;
            sink.overflow(fromFirstSender, frame, maxBuffered);
            while (d.buffered > maxBuffered && !d.waiting.isEmpty()) {
                gapTo(fromFirstSender, d, d.waiting.firstKey());
                drain(fromFirstSender, d);
            }
        }
    }

    /**
     * The other side acknowledged up to {@code ackOffset} of direction {@code d}: a hole before a waiting
     * segment that the ack passes is missing from the capture only (tshark's rule: the ack must pass the
     * start of the lowest waiting segment).
     */
    private void acknowledged(boolean fromFirstSender, Direction d, long ackOffset) throws IOException {
        if (!d.acked || ackOffset > d.highestAck) {
            d.highestAck = ackOffset;
            d.acked = true;
        }
        while (!d.waiting.isEmpty() && ackOffset > d.waiting.firstKey()) {
            gapTo(fromFirstSender, d, d.waiting.firstKey());
            drain(fromFirstSender, d);
        }
    }

    /** Ends the connection: waiting segments come out after their holes, then any hole at the end. */
    public void finish() throws IOException {
        finish(true, first);
        finish(false, second);
    }

    private void finish(boolean fromFirstSender, Direction d) throws IOException {
        if (!d.started) {
            return;
        }
        while (!d.waiting.isEmpty()) {
            gapTo(fromFirstSender, d, d.waiting.firstKey());
            drain(fromFirstSender, d);
        }
        if (d.fin && d.finOffset > d.next) {
            gapTo(fromFirstSender, d, d.finOffset); // the FIN's sequence number is the end of the data
        }
        if (!d.fin && d.acked && d.highestAck > d.next) {
            d.ackedUnseen = d.highestAck - d.next;
        }
    }

    private void gapTo(boolean fromFirstSender, Direction d, long offset) throws IOException {
        long n = offset - d.next;
        if (n <= 0) {
            return;
        }
        d.missing += n;
        d.gaps++;
        sink.missing(fromFirstSender, d.next, n);
        d.advance(n);
    }

    /**
     * Places a segment that starts at or before the next expected byte: the bytes past it go to the sink,
     * and bytes its length declares but the capture did not keep become a gap.
     */
    private void place(boolean fromFirstSender, Direction d, long frame, long at, long length, byte[] b, int off,
            int kept) throws IOException {
        long skip = d.next - at;
        if (skip >= length) {
            d.retransmitted += length;
            return;
        }
        d.retransmitted += skip;
        int from = (int) Math.min(skip, kept);
        int n = kept - from;
        if (n > 0) {
            d.bytes += n;
            sink.data(fromFirstSender, frame, d.next, b, off + from, n);
            d.advance(n);
        }
        long cut = length - skip - n;
        if (cut > 0) {
            gapTo(fromFirstSender, d, d.next + cut);
        }
    }

    /**
     * Places the waiting segments that now fit, one at a time: of those that start at or before the next
     * expected byte, the one that arrived first (tshark takes them in arrival order).
     */
    private void drain(boolean fromFirstSender, Direction d) throws IOException {
        while (!d.waiting.isEmpty()) {
            NavigableMap<Long, Fragment> fit = d.waiting.headMap(d.next, true);
            if (fit.isEmpty()) {
                return;
            }
            Fragment best = null;
            for (Map.Entry<Long, Fragment> e : fit.entrySet()) {
                if (best == null || e.getValue().arrival < best.arrival) {
                    best = e.getValue();
                }
            }
            if (best.later != null) {
                d.waiting.put(best.offset, best.later);
            } else {
                d.waiting.remove(best.offset);
            }
            d.buffered -= best.cost();
            place(fromFirstSender, d, best.frame, best.offset, best.length, best.data, 0, best.data.length);
        }
    }

}
