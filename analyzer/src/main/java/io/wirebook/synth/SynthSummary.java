package io.wirebook.synth;

/** What a generator run wrote: counts of packets, bytes, flows and labelled anomalies. */
public final class SynthSummary {
    long packets;
    long bytes;
    long tcpConnections;
    long tcpConnectionsV6;
    long refused;
    long udpExchanges;
    long peakOpenConnections;
    long firstNanos = -1;
    long lastNanos;
    final long[] anomalies = new long[Anomaly.values().length];

    /** Packets written: always the number asked for. */
    public long packets() {
        return packets;
    }

    /** Size of the capture file in bytes, headers included. */
    public long bytes() {
        return bytes;
    }

    /** TCP connections whose SYN was written (refused ones included). */
    public long tcpConnections() {
        return tcpConnections;
    }

    /** UDP exchanges (DNS, statsd, bursts) whose first datagram was written. */
    public long udpExchanges() {
        return udpExchanges;
    }

    /** Most TCP connections open at one time: what the capture's analysis must hold in memory at once. */
    public long peakOpenConnections() {
        return peakOpenConnections;
    }

    /** Time from the first packet to the last, in nanoseconds. */
    public long durationNanos() {
        return firstNanos < 0 ? 0 : lastNanos - firstNanos;
    }

    /** Frames labelled with {@code a}. */
    public long count(Anomaly a) {
        return anomalies[a.ordinal()];
    }

    /** Labelled frames of every kind (a frame with two labels counts twice). */
    public long labels() {
        long n = 0;
        for (long c : anomalies) {
            n += c;
        }
        return n;
    }

    /** One line for a terminal: packets, connections, bytes, anomalies by label. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(packets).append(" packets, ").append(bytes).append(" bytes, ")
                .append(String.format("%.3f", durationNanos() / 1e9)).append(" s of traffic; ")
                .append(tcpConnections).append(" TCP connections (").append(tcpConnectionsV6).append(" IPv6, ")
                .append(refused).append(" refused, at most ").append(peakOpenConnections).append(" open), ")
                .append(udpExchanges).append(" UDP exchanges; anomalies:");
        boolean any = false;
        for (Anomaly a : Anomaly.values()) {
            if (anomalies[a.ordinal()] > 0) {
                sb.append(any ? ", " : " ").append(a.label()).append(' ').append(anomalies[a.ordinal()]);
                any = true;
            }
        }
        if (!any) {
            sb.append(" none");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return oneLine();
    }
}
