package io.wirebook.synth;

/**
 * What the generator injects on purpose, named exactly as tshark's {@code tcp.analysis.*} fields, so a
 * labels file can be checked line by line against {@code tshark -Y tcp.analysis.flags}.
 *
 * <p>A frame may carry several: tshark marks a fast retransmission as a retransmission too, and the ACK
 * of a zero-window probe also advertises a zero window. A frame's anomalies are an {@code int} bit set
 * ({@link #bit()}), so planning a segment allocates nothing.
 */
public enum Anomaly {
    /** A segment sent again after the retransmission timer (here 200 ms or more) fired. */
    RETRANSMISSION("retransmission"),
    /** A segment sent again right after the third duplicate ACK (RFC 5681 section 3.2). */
    FAST_RETRANSMISSION("fast_retransmission"),
    /** A segment that fills a hole below data already seen, soon after it (a reordering, not a resend). */
    OUT_OF_ORDER("out_of_order"),
    /** A segment above the next expected sequence number: tshark's "previous segment(s) not captured". */
    LOST_SEGMENT("lost_segment"),
    /** A pure ACK that repeats the previous ACK while data is missing. */
    DUPLICATE_ACK("duplicate_ack"),
    /** A segment that ends exactly at the right edge of the receiver's advertised window. */
    WINDOW_FULL("window_full"),
    /** The receiver advertises a window of 0. */
    ZERO_WINDOW("zero_window"),
    /** One byte sent into a zero window to learn when it opens (RFC 9293 section 3.8.6.1). */
    ZERO_WINDOW_PROBE("zero_window_probe"),
    /** The receiver's answer to a zero-window probe, still advertising 0. */
    ZERO_WINDOW_PROBE_ACK("zero_window_probe_ack"),
    /** A pure ACK that only changes the window (here: the zero window opens again). */
    WINDOW_UPDATE("window_update"),
    /** An idle connection's keep-alive: no data, one below the next sequence number (RFC 9293 3.8.4). */
    KEEP_ALIVE("keep_alive"),
    /** The answer to a keep-alive: the same ACK again. */
    KEEP_ALIVE_ACK("keep_alive_ack"),
    /** A SYN on a 4-tuple that an earlier connection in the capture already used. */
    REUSED_PORTS("reused_ports");

    private static final Anomaly[] ALL = values();

    private final String label;

    Anomaly(String label) {
        this.label = label;
    }

    /** The tshark field name after {@code tcp.analysis.}, as written in the labels file. */
    public String label() {
        return label;
    }

    /** This anomaly's bit in a frame's anomaly set. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The anomaly with this ordinal (the index of its bit). */
    static Anomaly of(int ordinal) {
        return ALL[ordinal];
    }
}
