package io.wirebook.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The tracker's map from flow key to connection or flow: open addressing with linear probing over three
 * arrays (each slot's hash, key and value), deleted by shifting the slots after it back (no tombstones).
 *
 * <p>Hand-written for the tracker's hot path, where it replaced two {@code HashMap}s: every packet looks its
 * flow up, and HashMap's lookup, shared by the whole JVM, had its call to {@code equals} made megamorphic by
 * other maps' keys, so the optimising compiler threw away and recompiled the tracker four times in a
 * 1M-packet read (JFR's deoptimization events: "bimorphic_or_optimized_type_check" in HashMap.getNode and
 * putVal). Here the key's comparison is {@link FlowKey#sameAs}, a final method, and a probe reads the
 * hashes' array first, so most misses touch no key. Load at most one half; it grows, never shrinks (as
 * HashMap). Not thread-safe.
 */
final class FlowTable<V> {
    private int[] hashes;
    private FlowKey[] keys;
    private Object[] values;
    private int size;

    FlowTable() {
        allocate(64);
    }

    private void allocate(int slots) {
        hashes = new int[slots];
        keys = new FlowKey[slots];
        values = new Object[slots];
    }

    int size() {
        return size;
    }

    /** The value stored under a key equal to {@code k} (a probe filled per packet), or null. */
    @SuppressWarnings("unchecked")
    V get(FlowKey k) {
        int h = k.hashCode();
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            FlowKey at = keys[i];
            if (at == null) {
                return null;
            }
            if (hashes[i] == h && at.sameAs(k)) {
                return (V) values[i];
            }
        }
    }

    /** Stores {@code v} under {@code k}, which the table keeps (a copy, never the probe); replaces an equal key's value. */
    void put(FlowKey k, V v) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int h = k.hashCode();
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            FlowKey at = keys[i];
            if (at == null) {
                hashes[i] = h;
                keys[i] = k;
                values[i] = v;
                size++;
                return;
            }
            if (hashes[i] == h && at.sameAs(k)) {
                keys[i] = k;
                values[i] = v;
                return;
            }
        }
    }

    /** Removes the entry whose key equals {@code k}, if any. */
    void remove(FlowKey k) {
        int h = k.hashCode();
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            FlowKey at = keys[i];
            if (at == null) {
                return;
            }
            if (hashes[i] == h && at.sameAs(k)) {
                delete(i);
                return;
            }
        }
    }

    /**
     * Empties slot {@code hole} and moves back each later slot of its run whose home is not between the hole
     * and it (Knuth's algorithm R for linear probing), so that every key stays reachable from its home.
     */
    private void delete(int hole) {
        int mask = keys.length - 1;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == null) {
                break;
            }
            int home = hashes[j] & mask;
            // Slot j may fill the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                hashes[hole] = hashes[j];
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = null;
        values[hole] = null;
        hashes[hole] = 0;
        size--;
    }

    private void grow() {
        int[] oldHashes = hashes;
        FlowKey[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(2 * oldKeys.length);
        int mask = keys.length - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != null) {
                int i = oldHashes[s] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[s];
                keys[i] = oldKeys[s];
                values[i] = oldValues[s];
            }
        }
    }

    /** The values held, in no particular order (a list of their own: the table may change after). */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                out.add((V) values[i]);
            }
        }
        return out;
    }

    void clear() {
        java.util.Arrays.fill(hashes, 0);
        java.util.Arrays.fill(keys, null);
        java.util.Arrays.fill(values, null);
        size = 0;
    }
}
