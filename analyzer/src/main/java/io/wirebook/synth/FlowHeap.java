package io.wirebook.synth;

import java.util.Arrays;

/**
 * A binary min-heap of flows keyed by the time of their next packet. Keys live in a {@code long[]} beside
 * the flows, so comparing needs no call into the flow; after a flow writes a packet its key only grows, and
 * {@link #updateTop} sifts it down in place instead of removing and re-inserting it.
 */
final class FlowHeap {
    private Flow[] flows = new Flow[64];
    private long[] keys = new long[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The flow with the earliest next packet. */
    Flow top() {
        return flows[0];
    }

    /** The earliest next-packet time; {@code Long.MAX_VALUE} when empty. */
    long topTime() {
        return size == 0 ? Long.MAX_VALUE : keys[0];
    }

    void add(Flow f) {
        if (size == flows.length) {
            flows = Arrays.copyOf(flows, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        int i = size++;
        long k = f.nextTime();
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= k) {
                break;
            }
            place(flows[parent], keys[parent], i);
            i = parent;
        }
        place(f, k, i);
    }

    /** The top flow's next time changed (grew): restore the heap order. */
    void updateTop() {
        siftDown(flows[0], flows[0].nextTime());
    }

    /** Removes and returns the top flow. */
    Flow removeTop() {
        Flow top = flows[0];
        int last = --size;
        Flow f = flows[last];
        long k = keys[last];
        flows[last] = null;
        if (last > 0) {
            siftDown(f, k);
        }
        return top;
    }

    private void siftDown(Flow f, long k) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && keys[r] < keys[c]) {
                c = r;
            }
            if (k <= keys[c]) {
                break;
            }
            place(flows[c], keys[c], i);
            i = c;
        }
        place(f, k, i);
    }

    private void place(Flow f, long k, int i) {
        flows[i] = f;
        keys[i] = k;
    }
}
