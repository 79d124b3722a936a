package io.wirebook.synth;

/**
 * Client (ephemeral) ports for TCP connections, one counter per address family and server port, as Linux's
 * {@code ip_local_port_range} (32768..60999) hands them out: mostly consecutive, sometimes skipping one.
 *
 * <p>A port still in use by an open connection to the same server port is skipped, so two connections never
 * share a 4-tuple at once. A port used earlier in the capture may be handed out again once its connection is
 * over (a busy client wraps the range), and then the caller is told: tshark flags such a SYN as
 * {@code tcp.analysis.reused_ports}. Two bit sets of 2 x 65,536 bits per server port are all the memory this
 * takes, whatever the number of connections.
 */
final class PortAllocator {
    static final int FIRST = 32_768;
    static final int END = 61_000;
    /** Returned in bit 16 of {@link #acquire}'s result when the 4-tuple was used before in this capture. */
    static final int REUSED = 1 << 16;

    /**
     * Ports in the ephemeral range that tshark 4.0 dissects as some protocol ({@code tshark -G decodes} for
     * tcp.port and udp.port): random payloads on them would be decoded as that protocol and look malformed.
     */
    private static final int[] TSHARK_REGISTERED = {34962, 34980, 37008, 41170, 44321, 44322, 44818, 45564, 47000,
        47808, 48049, 48898, 49999, 54328, 56000, 56001, 56500, 56501, 57000, 57001, 57032, 57033, 57500, 57501,
        57532, 57533, 59000, 59001, 59032, 59033, 59500, 59501, 59532, 59533, 60001};
    private static final long[] AVOID = new long[65_536 / 64];

    static {
        for (int p : TSHARK_REGISTERED) {
            AVOID[p >>> 6] |= 1L << p;
        }
    }

    private final int first;
    private final int end;
    private final int[] next;
    private final long[] inUse;
    private final long[] used;

    /** @param keys how many (family, server port) pairs there are */
    PortAllocator(int keys) {
        this(keys, FIRST, END);
    }

    /** Hands out ports {@code first..end-1} only (tests use a small range to make ports come back soon). */
    PortAllocator(int keys, int first, int end) {
        this.first = first;
        this.end = end;
        next = new int[keys];
        inUse = new long[keys * 1024];
        used = new long[keys * 1024];
    }

    /** True when a random payload to or from {@code port} would be dissected by something other than data. */
    static boolean avoided(int port) {
        return (AVOID[port >>> 6] & (1L << port)) != 0;
    }

    /**
     * A free client port for {@code key}, advanced from the last one by {@code step}, marked in use; bit
     * {@link #REUSED} is set when the port was used before for this key.
     */
    int acquire(int key, int step, int randomStart) {
        int p = next[key];
        if (p == 0) {
            p = first + Math.floorMod(randomStart - first, end - first);
        }
        for (int tries = 0; tries <= end - first; tries++) {
            p += step;
            step = 1;
            if (p >= end) {
                p -= end - first;
            }
            int bit = key * 65_536 + p;
            if (avoided(p) || (inUse[bit >>> 6] & (1L << bit)) != 0) {
                continue;
            }
            next[key] = p;
            inUse[bit >>> 6] |= 1L << bit;
            boolean reused = (used[bit >>> 6] & (1L << bit)) != 0;
            used[bit >>> 6] |= 1L << bit;
            return p | (reused ? REUSED : 0);
        }
        throw new IllegalStateException("every client port to one server port is in use at once");
    }

    /** The connection on {@code port} is over: the port may be handed out again. */
    void release(int key, int port) {
        int bit = key * 65_536 + port;
        inUse[bit >>> 6] &= ~(1L << bit);
    }

    /** A random port in the ephemeral range that tshark does not dissect (for UDP clients). */
    static int randomEphemeral(java.util.SplittableRandom rng) {
        int p;
        do {
            p = FIRST + rng.nextInt(END - FIRST);
        } while (avoided(p));
        return p;
    }
}
