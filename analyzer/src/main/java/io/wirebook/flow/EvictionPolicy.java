package io.wirebook.flow;

/**
 * When the tracker forgets connections, so that memory stays bounded on captures of any size.
 *
 * <p>tshark keeps every conversation until the end; Wirebook does the same as long as fewer than
 * {@link #softLimit} connections are live, so on ordinary captures nothing is evicted and the analysis is
 * exactly tshark's. Past that, every {@link #sweepInterval} new connections a sweep evicts
 * <ul>
 *   <li>finished connections (both FINs acknowledged, or a RST) idle for {@link #finishedLingerNanos}
 *       of capture time: long enough for a retransmitted FIN or a late ACK to find the state;</li>
 *   <li>any connection idle for {@link #idleTimeoutNanos};</li>
 *   <li>and, if more than {@link #hardLimit} remain, the longest idle ones.</li>
 * </ul>
 * An evicted TCP connection leaves a small tombstone (its stream number, sequence bases and window
 * scales) so that a later packet of the same 4-tuple keeps tshark's stream number and relative numbers;
 * at most {@link #maxTombstones} are kept, oldest first out.
 */
public final class EvictionPolicy {
    public final int softLimit;
    public final int hardLimit;
    public final int sweepInterval;
    public final long finishedLingerNanos;
    public final long idleTimeoutNanos;
    public final int maxTombstones;

    public EvictionPolicy(int softLimit, int hardLimit, long finishedLingerNanos, long idleTimeoutNanos, int maxTombstones) {
        this.softLimit = softLimit;
        this.hardLimit = Math.max(hardLimit, softLimit);
        this.sweepInterval = Math.max(1, softLimit / 4);
        this.finishedLingerNanos = finishedLingerNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.maxTombstones = maxTombstones;
    }

    /** 50,000 live connections before any eviction; 2 s linger after the close; 5 min idle; 1M tombstones. */
    public static EvictionPolicy defaults() {
        return new EvictionPolicy(50_000, 200_000, 2_000_000_000L, 300_000_000_000L, 1_000_000);
    }

    /** Never evict (tests that want tshark's keep-everything behaviour whatever the size). */
    public static EvictionPolicy never() {
        return new EvictionPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0);
    }
}
