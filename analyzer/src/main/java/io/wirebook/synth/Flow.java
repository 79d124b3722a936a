package io.wirebook.synth;

/**
 * Something that sends packets over time: a TCP connection or a UDP exchange. The generator keeps the open
 * flows in a heap by {@link #nextTime()} and writes one packet of the earliest at a time, which is what
 * interleaves thousands of concurrent flows into one capture in time order.
 */
abstract class Flow {
    /** {@link Anomaly} bits of the packet written last. */
    int anomalies;

    /** Time of the next packet, in nanoseconds since the epoch; never earlier than the previous one's. */
    abstract long nextTime();

    /**
     * Writes the next packet as a frame at {@code b[pos]} and returns its length; sets {@link #anomalies}.
     * Afterwards {@link #nextTime()} is the following packet's time, unless {@link #done()}.
     */
    abstract int write(byte[] b, int pos, FrameWriter frames);

    /** True when every packet has been written. */
    abstract boolean done();
}
