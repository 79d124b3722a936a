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
 */
public record SynthOptions(long packets, long connections, long seed, double anomalyRate, boolean nanos) {
    public static final double DEFAULT_ANOMALY_RATE = 0.02;

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
        long max = SyntheticCapture.maxConnections(packets);
        if (connections > max) {
            throw new IllegalArgumentException(String.format(
                    "%d connections do not fit in %d packets: a connection takes at least a handshake and a close,"
                            + " so at most %d", connections, packets, max));
        }
    }

    /** {@code packets} packets of the natural mix, seed 1, the default anomaly rate, microseconds. */
    public static SynthOptions of(long packets) {
        return new SynthOptions(packets, 0, 1, DEFAULT_ANOMALY_RATE, false);
    }

    public SynthOptions withConnections(long n) {
        return new SynthOptions(packets, n, seed, anomalyRate, nanos);
    }

    public SynthOptions withSeed(long s) {
        return new SynthOptions(packets, connections, s, anomalyRate, nanos);
    }

    public SynthOptions withAnomalyRate(double r) {
        return new SynthOptions(packets, connections, seed, r, nanos);
    }

    public SynthOptions withNanos(boolean n) {
        return new SynthOptions(packets, connections, seed, anomalyRate, n);
    }
}
