package io.wirebook.text;

/**
 * The bytes that Strings were encoded to before, found again by the String's identity: almost every String
 * a line of output is built from is a literal or an enum's name, the same object on every packet, so its
 * bytes can be copied in one {@code arraycopy} instead of being encoded char by char again.
 *
 * <p>Hand-written for measured speed: encoding the same literals over again was two fifths of the writing
 * thread of {@code wirebook read}, and most of {@code read --format jsonl}'s. Keyed on the String's identity,
 * found by its {@link String#hashCode}, which the String caches, so a hit costs a few loads and a compare with
 * either compiler (measured: {@link System#identityHashCode}, which C2 inlines to a read of the object header,
 * is a call into the VM from C1's code, the compiler of a run of a million packets: 160 ms of the 1.2 s of
 * {@code wirebook read}'s writing thread). Strings equal in content but not the same object share a probe
 * chain and are told apart by identity. A String is kept the second time the same object comes, so that
 * Strings made fresh for one line (a formatted number) never take a slot; open addressing, filled to half at
 * most, so that two literals that hash alike do not push each other out on every line (measured: a
 * direct-mapped table of 512 slots for some 60 field names thrashed on two of them). Once the table is half
 * full nothing more is kept.
 *
 * <p>Shared by every thread that writes: an entry is immutable with final fields, so a racy read sees no
 * entry or a whole one, never part of one; a lost update only costs an encoding.
 */
public final class EncodedStrings {
    /** Only Strings up to this length are kept (literals are short; long text is rarely repeated). */
    public static final int MAX_LENGTH = 160;

    private final Entry[] table;
    /** Strings seen once, by the same hash: a String seen here again is kept in {@link #table}. */
    private final String[] seen;
    private int size;

    private static final class Entry {
        final String key;
        final byte[] bytes;

        Entry(String key, byte[] bytes) {
            this.key = key;
            this.bytes = bytes;
        }
    }

    /** @param slots the table's size, a power of two (it keeps at most half as many Strings) */
    public EncodedStrings(int slots) {
        if (Integer.bitCount(slots) != 1 || slots < 2) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        table = new Entry[slots];
        seen = new String[slots];
    }

    /** A String's hash with its high bits folded into the low ones the table's mask keeps. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The bytes stored for this very String object, or null. */
    public byte[] get(String s) {
        Entry[] t = table;
        int mask = t.length - 1;
        // At most a table's length of probes: racing threads may keep a few more than half (size is counted
        // without a lock), and a miss must still end if ever every slot were taken.
        for (int i = spread(s.hashCode()) & mask, probes = 0; probes < t.length; i = (i + 1) & mask, probes++) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.key == s) {
                return e.bytes;
            }
        }
        return null;
    }

    /**
     * Called after a {@link #get} that found nothing: true when {@code s} should now be kept, because the same
     * String object came before and the table has room; the caller then encodes it and calls {@link #keep}.
     */
    public boolean offer(String s) {
        if (s.length() > MAX_LENGTH || 2 * (size + 1) > table.length) {
            return false;
        }
        int h = spread(s.hashCode()) & (seen.length - 1);
        if (seen[h] != s) {
            seen[h] = s;
            return false;
        }
        seen[h] = null;
        return true;
    }

    /** Keeps the bytes {@code s} encodes to, after {@link #offer} said yes (the caller gives up the array). */
    public void keep(String s, byte[] bytes) {
        int mask = table.length - 1;
        for (int i = spread(s.hashCode()) & mask, probes = 0; probes < table.length; i = (i + 1) & mask, probes++) {
            Entry e = table[i];
            if (e == null) {
                table[i] = new Entry(s, bytes);
                size++;
                return;
            }
            if (e.key == s) {
                return; // another thread kept it meanwhile
            }
        }
    }
}
