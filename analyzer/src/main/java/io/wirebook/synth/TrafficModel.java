package io.wirebook.synth;

import java.util.SplittableRandom;

/**
 * The random choices behind the traffic: one seeded {@link SplittableRandom} and every distribution drawn
 * from it (ports, message sizes, gaps, which anomaly), plus the pool that payload bytes are cut from.
 *
 * <p>Everything the generator does is a function of the seed: the one random stream is drawn in the same
 * order on every run, and logarithms go through {@link StrictMath} so that exponential gaps are the same
 * bits on every JVM and CPU.
 */
final class TrafficModel {
    /**
     * TCP server ports, most used first, and their relative weights. None is registered with a dissector in
     * tshark 4.0 ({@code tshark -G decodes}), so random payloads on them stay plain data.
     */
    static final int[] SERVER_PORTS = {8081, 7070, 9090, 8888, 3000, 5050, 8500, 2379, 9093, 15672, 18080, 25000,
        11000, 4000, 31337};
    private static final int[] SERVER_WEIGHTS = {18, 14, 12, 10, 9, 7, 6, 5, 5, 4, 3, 2, 2, 2, 1};
    private static final int[] SERVER_CUMULATIVE = new int[SERVER_WEIGHTS.length];

    static {
        int sum = 0;
        for (int i = 0; i < SERVER_WEIGHTS.length; i++) {
            sum += SERVER_WEIGHTS[i];
            SERVER_CUMULATIVE[i] = sum;
        }
    }

    final SplittableRandom rng;
    final PayloadPool pool;
    /** Probability that a message carries an injected anomaly (when its connection allows one). */
    final double anomalyRate;
    /** Share of flows that are IPv6 ::1 rather than IPv4 127.0.0.1. */
    final double ipv6Share;
    /** Running estimate of packets per request/response exchange, for fitting exchanges to a budget. */
    private double exchangePackets = 4.6;

    TrafficModel(long seed, double anomalyRate, double ipv6Share) {
        this.rng = new SplittableRandom(seed);
        this.anomalyRate = anomalyRate;
        this.ipv6Share = ipv6Share;
        this.pool = new PayloadPool(rng);
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    /** Uniform in {@code [lo, hi]}. */
    int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    /** A duration uniform in {@code [lo, hi]} microseconds, in nanoseconds. */
    long micros(int lo, int hi) {
        return 1000L * lo + rng.nextLong(1000L * (hi - lo) + 1);
    }

    /** A duration uniform in {@code [lo, hi]} milliseconds, in nanoseconds. */
    long millis(int lo, int hi) {
        return 1_000_000L * lo + rng.nextLong(1_000_000L * (hi - lo) + 1);
    }

    /** An exponentially distributed duration with the given mean, in nanoseconds (a Poisson process's gap). */
    long exponential(double meanNanos) {
        return (long) (-meanNanos * StrictMath.log(1.0 - rng.nextDouble()));
    }

    /** Where a payload of {@code length} bytes starts in {@link #pool}. */
    int payload(int length) {
        return pool.offset(rng, length);
    }

    /** Index into {@link #SERVER_PORTS}, drawn by weight. */
    int serverPortIndex() {
        int r = rng.nextInt(SERVER_CUMULATIVE[SERVER_CUMULATIVE.length - 1]);
        int i = 0;
        while (SERVER_CUMULATIVE[i] <= r) {
            i++;
        }
        return i;
    }

    /** Size of a request: mostly small, a few kilobytes at most. */
    int requestSize() {
        return chance(0.85) ? between(32, 512) : between(513, 2048);
    }

    /** Size of a response: mostly under a segment of Ethernet size, sometimes tens of kilobytes. */
    int responseSize() {
        double r = rng.nextDouble();
        if (r < 0.75) {
            return between(16, 1400);
        }
        return r < 0.95 ? between(1401, 8000) : between(8001, 32768);
    }

    /**
     * How much a sender puts in one segment. On loopback the MSS is 65,495 (IPv4) and segments are as large as
     * the application's writes, so a connection's writes decide: whole messages, or 16, 8 or 4 KiB chunks.
     */
    int segmentCap(int maxSegment) {
        switch (rng.nextInt(5)) {
            case 0: return 16_384;
            case 1: return 8_192;
            case 2: return 4_096;
            default: return maxSegment;
        }
    }

    /** How many request/response exchanges a connection would like: 1..6, or 20..200 for a long-lived 2%. */
    int wantedExchanges() {
        return chance(0.02) ? between(20, 200) : between(1, 6);
    }

    /** Mean of {@link #wantedExchanges()}: 0.98 * 3.5 + 0.02 * 110. */
    static final double MEAN_WANTED_EXCHANGES = 0.98 * 3.5 + 0.02 * 110;

    /** A long-lived connection thinks longer between exchanges. */
    static boolean isLongLived(int wantedExchanges) {
        return wantedExchanges >= 20;
    }

    /** Average packets an exchange has taken so far. */
    double exchangePackets() {
        return exchangePackets;
    }

    /** Folds one exchange's packet count into {@link #exchangePackets()} (a slow moving average). */
    void recordExchange(int packets) {
        exchangePackets += (packets - exchangePackets) / 256;
    }
}
