package io.wirebook.flow;

/**
 * When the tracker forgets connections, so that memory stays bounded on captures of any size.
 *
 * <p>tshark keeps every conversation until the end; Wirebook does the same on ordinary captures, so that
 * nothing is evicted and the analysis is exactly tshark's. Two things bound the memory of a capture of
 * any length:
 * <ul>
 *   <li>Finished connections (both FINs acknowledged, or a RST): once more than {@link #finishedKept}
 *       are held, each is evicted when it has been idle for {@link #finishedLingerNanos} of capture time
 *       (long enough for a retransmitted FIN or a late ACK to find the state), oldest finished first. The
 *       finished connections held are then those of the last linger of capture time, which depends on the
 *       capture's rate of connections, not on its length.</li>
 *   <li>Past {@link #softLimit} live connections and flows, every {@link #sweepInterval} new ones a
 *       sweep evicts any connection or flow idle for {@link #idleTimeoutNanos} (and finished connections
 *       past their linger); if more than {@link #hardLimit} TCP connections remain, the longest idle ones
 *       down to the soft limit, and the same for UDP flows past {@link #udpHardLimit} (the same number:
 *       a UDP flow has no end, so without it a flood of one-datagram flows would be held to the end).</li>
 * </ul>
 * An evicted TCP connection leaves a small tombstone (its stream number, sequence bases and window
 * scales) so that a later packet of the same 4-tuple keeps tshark's stream number and relative numbers,
 * and an evicted UDP flow one with its index; at most {@link #maxTombstones} are kept (both kinds
 * together), oldest first out.
 */
public final class EvictionPolicy {
    public final int softLimit;
    public final int hardLimit;
    /** UDP flows held at most: past it, the sweep evicts the longest idle down to the soft limit. */
    public final int udpHardLimit;
    public final int sweepInterval;
    public final long finishedLingerNanos;
    public final long idleTimeoutNanos;
    public final int maxTombstones;
    public final int finishedKept;

    /** A policy whose finished connections are kept up to the soft limit (evicted only by the sweep). */
    public EvictionPolicy(int softLimit, int hardLimit, long finishedLingerNanos, long idleTimeoutNanos, int maxTombstones) {
        this(softLimit, hardLimit, finishedLingerNanos, idleTimeoutNanos, maxTombstones, softLimit);
    }

    public EvictionPolicy(int softLimit, int hardLimit, long finishedLingerNanos, long idleTimeoutNanos, int maxTombstones,
            int finishedKept) {
        this.finishedKept = Math.max(0, finishedKept);
        this.softLimit = softLimit;
        this.hardLimit = Math.max(hardLimit, softLimit);
        this.udpHardLimit = this.hardLimit;
        this.sweepInterval = Math.max(1, softLimit / 4);
        this.finishedLingerNanos = finishedLingerNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxTombstones = maxTombstones;
    }

    /**
     * Finished connections past the first 2,000 leave 2 s (capture time) after their last packet; 50,000 live
     * connections and flows before the sweep; at most 200,000 TCP connections and 200,000 UDP flows; 5 min
     * idle; 1M tombstones.
     */
    public static EvictionPolicy defaults() {
        return new EvictionPolicy(50_000, 200_000, 2_000_000_000L, 300_000_000_000L, 1_000_000, 2_000);
    }

    /** Never evict (tests that want tshark's keep-everything behaviour whatever the size). */
    public static EvictionPolicy never() {
        return new EvictionPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0, Integer.MAX_VALUE);
    }
}
