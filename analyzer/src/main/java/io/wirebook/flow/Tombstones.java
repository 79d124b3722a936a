package io.wirebook.flow;

/**
 * What is remembered of evicted TCP connections and UDP flows: per 4-tuple its stream number (for TCP also
 * its sequence bases, window scales and which side was which), so that a late packet of an evicted
 * connection keeps tshark's stream number and relative sequence numbers, and a late datagram its flow's. Fixed memory: a ring of {@code capacity} entries (oldest
 * forgotten first) in primitive arrays, 24 bytes an entry plus a 16-byte-an-entry open-addressing
 * index, allocated as entries come (from 1,024, doubling); keys are 64-bit hashes of the 4-tuple (a collision among a million entries has odds of about 1 in 10^7).
 */
final class Tombstones {
    private static final int BASE_A_SET = 1, BASE_B_SET = 2, A_IS_KEY_A = 4, CLIENT_IS_A = 8, DEAD = 16,
            UDP = 32;

    private final int maxCapacity;
    private int capacity;
    private long[] keys;
    private long[] bases;
    private int[] streams;
    private int[] meta;
    /** Ring position + 1 per slot; 0 is empty. Rebuilt each time the ring wraps, which drops stale slots. */
    private int[] index;
    private int mask;
    private int next;
    private int size;

    Tombstones(int maxCapacity) {
        this.maxCapacity = Math.max(0, maxCapacity);
        allocate(0);
    }

    private void allocate(int cap) {
        capacity = cap;
        keys = new long[cap];
        bases = new long[cap];
        streams = new int[cap];
        meta = new int[cap];
        int slots = cap == 0 ? 1 : Integer.highestOneBit(Math.max(4, cap * 4 - 1)) << 1;
        index = new int[slots];
        mask = slots - 1;
    }

    /** Doubles the ring (up to the maximum), keeping the entries oldest first. */
    private void grow() {
        long[] k = keys, b = bases;
        int[] st = streams, m = meta;
        int old = capacity, start = next == old ? 0 : next;
        allocate(Math.min(maxCapacity, Math.max(1024, old * 2)));
        int n = 0;
        for (int i = 0; i < old; i++) {
            int p = (start + i) % old;
            if ((m[p] & DEAD) == 0 && (k[p] != 0 || m[p] != 0)) {
                keys[n] = k[p];
                bases[n] = b[p];
                streams[n] = st[p];
                meta[n] = m[p];
                insertIndex(k[p], n);
                n++;
            }
        }
        next = n;
    }

    int size() {
        return size;
    }

    void put(long hash, TcpConnection c) {
        store(hash, c.stream, (c.a.baseSeq << 32) | c.b.baseSeq, (c.a.baseSet ? BASE_A_SET : 0)
                | (c.b.baseSet ? BASE_B_SET : 0) | (c.aIsKeyA ? A_IS_KEY_A : 0) | (c.clientIsA ? CLIENT_IS_A : 0)
                | ((c.a.windowScale + 2) & 0x1F) << 8 | ((c.b.windowScale + 2) & 0x1F) << 16);
    }

    void putUdp(long hash, UdpFlow f) {
        store(hash, f.index, 0, UDP | (f.aIsKeyA ? A_IS_KEY_A : 0));
    }

    private void store(long hash, int stream, long base, int flags) {
        if (maxCapacity == 0) {
            return;
        }
        int old = find(hash);
        if (old >= 0) {
            meta[old] |= DEAD;
            size--;
        }
        if (next == capacity && capacity < maxCapacity) {
            grow();
        }
        if (next == capacity) {
            next = 0;
            rebuild();
        }
        int pos = next++;
        if (keys[pos] != 0 || meta[pos] != 0) {
            if ((meta[pos] & DEAD) == 0 && streams[pos] >= 0) {
                size--; // the oldest entry is forgotten
            }
        }
        keys[pos] = hash;
        streams[pos] = stream;
        bases[pos] = base;
        meta[pos] = flags;
        size++;
        insertIndex(hash, pos);
    }

    /** Ring position of the live entry for {@code hash}, or -1. */
    int find(long hash) {
        if (size == 0) {
            return -1;
        }
        for (int s = (int) (hash ^ (hash >>> 32)) & mask; ; s = (s + 1) & mask) {
            int p = index[s];
            if (p == 0) {
                return -1;
            }
            p--;
            if (keys[p] == hash && (meta[p] & DEAD) == 0) {
                return p;
            }
        }
    }

    /** True when the entry at {@code pos} is a UDP flow's. */
    boolean isUdp(int pos) {
        return (meta[pos] & UDP) != 0;
    }

    /** Recreates the UDP flow an entry describes, with its index (its counts start again), and forgets it. */
    UdpFlow reviveUdp(int pos, FlowKey key) {
        UdpFlow f = new UdpFlow(streams[pos], key, (meta[pos] & A_IS_KEY_A) != 0);
        meta[pos] |= DEAD;
        size--;
        return f;
    }

    /** Recreates the connection an entry describes, with its stream number and sequence bases, and forgets it. */
    <C extends TcpConnection> C revive(int pos, FlowKey key, TcpConnection.Factory<C> factory) {
        int m = meta[pos];
        C c = factory.create(streams[pos], key, (m & A_IS_KEY_A) != 0);
        c.clientIsA = (m & CLIENT_IS_A) != 0;
        c.a.baseSet = (m & BASE_A_SET) != 0;
        c.b.baseSet = (m & BASE_B_SET) != 0;
        c.a.baseSeq = bases[pos] >>> 32;
        c.b.baseSeq = bases[pos] & 0xFFFFFFFFL;
        c.a.windowScale = ((m >>> 8) & 0x1F) - 2;
        c.b.windowScale = ((m >>> 16) & 0x1F) - 2;
        meta[pos] |= DEAD;
        size--;
        return c;
    }

    private void insertIndex(long hash, int pos) {
        int s = (int) (hash ^ (hash >>> 32)) & mask;
        while (index[s] != 0) {
            s = (s + 1) & mask;
        }
        index[s] = pos + 1;
    }

    private void rebuild() {
        java.util.Arrays.fill(index, 0);
        for (int p = 0; p < capacity; p++) {
            if ((meta[p] & DEAD) == 0 && (keys[p] != 0 || meta[p] != 0)) {
                insertIndex(keys[p], p);
            }
        }
    }
}
