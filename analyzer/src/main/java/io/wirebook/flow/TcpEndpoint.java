package io.wirebook.flow;

/** What we know of one direction of a TCP connection: the sender's sequence base and window scale. */
public final class TcpEndpoint {
    /** Window scale not known yet (no SYN seen from this side). */
    public static final int SCALE_UNKNOWN = -1;
    /** The handshake showed that window scaling is not in use. */
    public static final int SCALE_NONE = -2;

    /** Sequence number that relative numbers count from (the ISN, or first seq - 1 without a SYN). */
    public long baseSeq;
    public boolean baseSet;
    /** Shift from this side's SYN, or SCALE_UNKNOWN / SCALE_NONE. */
    public int windowScale = SCALE_UNKNOWN;
    /** True once this side's SYN was seen. */
    public boolean synSeen;
    /** True once this side sent FIN or RST. */
    public boolean finSeen;
    public boolean rstSeen;
}
