package io.wirebook.synth;

import java.util.Arrays;

/**
 * The planned but not yet written segments of one TCP connection, in time order, as parallel arrays.
 *
 * <p>A connection plans one phase at a time (handshake, one request/response exchange, teardown) and the
 * generator writes its segments one by one, interleaved with other connections by time. Arrays rather than
 * segment objects keep millions of segments from becoming millions of objects; the queue grows to the
 * longest phase and is then reused for the connection's life, and after it for the next connection.
 */
final class SegmentQueue {
    /** Which options a segment carries (Linux's choices on loopback). */
    static final byte OPT_NONE = 0, OPT_SYN = 1, OPT_TS = 2, OPT_TS_SACK = 3;

    long[] time = new long[16];
    boolean[] fromClient = new boolean[16];
    int[] flags = new int[16];
    int[] seq = new int[16];
    int[] ack = new int[16];
    int[] window = new int[16];
    int[] length = new int[16];
    /** Where the payload's bytes start in the {@link PayloadPool}. */
    int[] payload = new int[16];
    byte[] options = new byte[16];
    int[] sackLeft = new int[16];
    int[] sackRight = new int[16];
    /** {@link Anomaly} bits the segment is labelled with. */
    int[] anomalies = new int[16];

    /** Index of the next segment to write. */
    int head;
    /** Number of planned segments (written ones included until the queue is cleared). */
    int size;

    boolean isEmpty() {
        return head == size;
    }

    /** Forgets every segment (all written). */
    void clear() {
        head = 0;
        size = 0;
    }

    /** Appends a segment and returns its index. */
    int add(long t, boolean client, int f, int s, int a, int win, int len, int pay, byte opts) {
        if (size == time.length) {
            grow();
        }
        int i = size++;
        time[i] = t;
        fromClient[i] = client;
        flags[i] = f;
        seq[i] = s;
        ack[i] = a;
        window[i] = win;
        length[i] = len;
        payload[i] = pay;
        options[i] = opts;
        anomalies[i] = 0;
        return i;
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        fromClient = Arrays.copyOf(fromClient, n);
        flags = Arrays.copyOf(flags, n);
        seq = Arrays.copyOf(seq, n);
        ack = Arrays.copyOf(ack, n);
        window = Arrays.copyOf(window, n);
        length = Arrays.copyOf(length, n);
        payload = Arrays.copyOf(payload, n);
        options = Arrays.copyOf(options, n);
        sackLeft = Arrays.copyOf(sackLeft, n);
        sackRight = Arrays.copyOf(sackRight, n);
        anomalies = Arrays.copyOf(anomalies, n);
    }
}
