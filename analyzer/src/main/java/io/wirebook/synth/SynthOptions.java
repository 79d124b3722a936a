package io.wirebook.synth;

/**
 * What to generate.
 *
 * @param packets exact number of packets to write
 * @param connections how many TCP connections to aim for over those packets, or 0 for the natural mix (about
 *     one connection per 37 packets); exchanges per connection are fitted to the aim
 * @param seed the seed of every random choice: the same options give the same bytes
 * @param anomalyRate probability, 0..1, that a message carries an injected TCP anomaly
 * @param nanos nanosecond timestamps (pcap magic a1b23c4d) instead of microseconds
 * @param flowsPerSecond how often a new TCP connection or UDP exchange starts, on average: with the packets
 *     per flow this sets how much time the capture spans and how many connections are open at once
 */
public record SynthOptions(long packets, long connections, long seed, double anomalyRate, boolean nanos,
        double flowsPerSecond) {
    public static final double DEFAULT_ANOMALY_RATE = 0.02;
    public static final double DEFAULT_FLOWS_PER_SECOND = 20_000;

    public SynthOptions {
        if (packets < 0) {
            throw new IllegalArgumentException("packets must not be negative: " + packets);
        }
        if (connections < 0) {
            throw new IllegalArgumentException("connections must not be negative: " + connections);
        }
        if (!(anomalyRate >= 0 && anomalyRate <= 1)) {
            throw new IllegalArgumentException("anomaly rate must be between 0 and 1: " + anomalyRate);
        }
        if (!(flowsPerSecond >= 0.01 && flowsPerSecond <= 1e8)) {
            throw new IllegalArgumentException("flows per second must be between 0.01 and 100000000: " + flowsPerSecond);
        }
        long max = SyntheticCapture.maxConnections(packets);
        if (connections > max) {
            throw new IllegalArgumentException(String.format(
                    "%d connections do not fit in %d packets: a connection takes at least a handshake and a close,"
                            + " so at most %d", connections, packets, max));
        }
    }

    /** {@code packets} packets of the natural mix, seed 1, the default anomaly rate, microseconds. */
    public static SynthOptions of(long packets) {
        return new SynthOptions(packets, 0, 1, DEFAULT_ANOMALY_RATE, false, DEFAULT_FLOWS_PER_SECOND);
    }

    public SynthOptions withConnections(long n) {
        return new SynthOptions(packets, n, seed, anomalyRate, nanos, flowsPerSecond);
    }

    public SynthOptions withSeed(long s) {
        return new SynthOptions(packets, connections, s, anomalyRate, nanos, flowsPerSecond);
    }

    public SynthOptions withAnomalyRate(double r) {
        return new SynthOptions(packets, connections, seed, r, nanos, flowsPerSecond);
    }

    public SynthOptions withNanos(boolean n) {
        return new SynthOptions(packets, connections, seed, anomalyRate, n, flowsPerSecond);
    }

    public SynthOptions withFlowsPerSecond(double r) {
        return new SynthOptions(packets, connections, seed, anomalyRate, nanos, r);
    }
}
