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

    /**
     * Entry i's frame, seq, next and time at {@code 4i} to {@code 4i + 3}: one array, so a connection's four
     * lists are four arrays, not sixteen (each with its header), and a segment's fields share a cache line.
     */
    private long[] e = NONE;
    int size;

    long frame(int i) {
        return e[4 * i];
    }

    long seq(int i) {
        return e[4 * i + 1];
    }

    long next(int i) {
        return e[4 * i + 2];
    }

    long time(int i) {
        return e[4 * i + 3];
    }

    void seq(int i, long v) {
        e[4 * i + 1] = v;
    }

    void add(long f, long s, long n, long t) {
        if (4 * size == e.length) {
            int cap = Math.min(MAX, Math.max(2, size * 2));
            e = java.util.Arrays.copyOf(e, 4 * cap);
        }
        int at = 4 * size;
        e[at] = f;
        e[at + 1] = s;
        e[at + 2] = n;
        e[at + 3] = t;
        size++;
    }

    /** Keeps the newest {@code keep} entries only: adds entry {@code i} of {@code from}, dropping the oldest. */
    void addBounded(UnackedSegments from, int i, int keep) {
        if (size == keep) {
            remove(0);
        }
        add(from.frame(i), from.seq(i), from.next(i), from.time(i));
    }

    /** Gives back an empty list's array (a finished connection's: its lingering must not hold it). */
    void release() {
        if (size == 0) {
            e = NONE;
        }
    }

    /** Empties the list; an array of up to 64 entries stays for the next connection, a larger one goes. */
    void clear() {
        size = 0;
        if (e.length > 4 * 64) {
            e = NONE;
        }
    }

    void remove(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(e, 4 * (i + 1), e, 4 * i, 4 * tail);
        }
        size--;
        if (size == 0 && e.length > 4 * 64) {
            e = NONE; // a burst is over: give the memory back
        }
    }
}
