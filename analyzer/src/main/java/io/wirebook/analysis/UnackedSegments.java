package io.wirebook.analysis;

/**
 * The segments one side sent that the other has not yet acknowledged (tshark's per-flow "unacked" list,
 * at most {@link #MAX} entries as in tshark), held in primitive arrays that grow only as needed (none
 * while empty): no object per segment. Index 0 is the oldest.
 */
final class UnackedSegments {
    /** tshark's TCP_MAX_UNACKED_SEGMENTS. */
    static final int MAX = 10_000;

    /** Shared by every empty list: most lists of a connection never hold a segment (the peer of a SYN scan's SYN). */
    private static final long[] NONE = new long[0];

    long[] frame = NONE;
    long[] seq = NONE;
    long[] next = NONE;
    long[] time = NONE;
    int size;

    void add(long f, long s, long n, long t) {
        if (size == frame.length) {
            int cap = Math.min(MAX, Math.max(2, size * 2));
            frame = java.util.Arrays.copyOf(frame, cap);
            seq = java.util.Arrays.copyOf(seq, cap);
            next = java.util.Arrays.copyOf(next, cap);
            time = java.util.Arrays.copyOf(time, cap);
        }
        frame[size] = f;
        seq[size] = s;
        next[size] = n;
        time[size] = t;
        size++;
    }

    /** Keeps the newest {@code keep} entries only: adds entry {@code i} of {@code from}, dropping the oldest. */
    void addBounded(UnackedSegments from, int i, int keep) {
        if (size == keep) {
            remove(0);
        }
        add(from.frame[i], from.seq[i], from.next[i], from.time[i]);
    }

    void remove(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(frame, i + 1, frame, i, tail);
            System.arraycopy(seq, i + 1, seq, i, tail);
            System.arraycopy(next, i + 1, next, i, tail);
            System.arraycopy(time, i + 1, time, i, tail);
        }
        size--;
        if (size == 0 && frame.length > 64) {
            // A burst is over: give the memory back.
            frame = NONE;
            seq = NONE;
            next = NONE;
            time = NONE;
        }
    }
}
