package io.wirebook.flow;

/**
 * A UDP flow: the datagrams between two address/port pairs, both directions, numbered in order of first
 * appearance (as tshark's {@code udp.stream}), with the ICMP errors that quote one of its datagrams.
 */
public final class UdpFlow {
    /** How many ICMP errors are described one by one; more are only counted. */
    public static final int MAX_ERRORS_KEPT = 8;

    /** The flow's number (the tracker sets it again only when it reuses the object). */
    public int index;
    public final FlowKey key;
    boolean aIsKeyA;
    /** Side a sent the first datagram (or the quoted one, when an ICMP error came first). */
    public long aPackets, aBytes, bPackets, bBytes;
    /** As {@link TcpConnection#firstTime}: nanoseconds since the epoch (mod 2^64), and exact seconds. */
    public long firstTime, lastTime;
    public long firstSeconds, lastSeconds;
    public long firstFrame, lastFrame;
    /**
     * ICMP errors quoting this flow: how many, and the first few as (frame, ICMP version, type, code), in
     * arrays that exist only once there is an error (null before: most flows have none).
     */
    public int icmpErrors;
    public long[] errorFrames;
    public int[] errorKinds;

    UdpFlow(int index, FlowKey key, boolean aIsKeyA) {
        this.index = index;
        this.key = key;
        this.aIsKeyA = aIsKeyA;
    }

    /**
     * Makes this flow a new one on its key (whose contents the tracker has just set), as the constructor
     * leaves one: the tracker's recycling. The error arrays stay, empty (only the first {@link #icmpErrors} are read).
     */
    void reuse(int index, boolean aIsKeyA) {
        this.index = index;
        this.aIsKeyA = aIsKeyA;
        aPackets = 0;
        aBytes = 0;
        bPackets = 0;
        bBytes = 0;
        firstTime = 0;
        lastTime = 0;
        firstSeconds = 0;
        lastSeconds = 0;
        firstFrame = 0;
        lastFrame = 0;
        icmpErrors = 0;
    }

    /** A copy of this flow as it is now, with a key of its own: what stays once the tracker reuses this one. */
    public UdpFlow copy() {
        UdpFlow f = new UdpFlow(index, key.copy(), aIsKeyA);
        f.aPackets = aPackets;
        f.aBytes = aBytes;
        f.bPackets = bPackets;
        f.bBytes = bBytes;
        f.firstTime = firstTime;
        f.lastTime = lastTime;
        f.firstSeconds = firstSeconds;
        f.lastSeconds = lastSeconds;
        f.firstFrame = firstFrame;
        f.lastFrame = lastFrame;
        f.icmpErrors = icmpErrors;
        f.errorFrames = errorFrames == null ? null : errorFrames.clone();
        f.errorKinds = errorKinds == null ? null : errorKinds.clone();
        return f;
    }

    /** True when side a is the canonical key's side A (for addresses: {@link FlowKey#address(boolean)}). */
    public boolean aIsKeyA() {
        return aIsKeyA;
    }

    void addError(long frame, int version, int type, int code) {
        if (errorFrames == null) {
            errorFrames = new long[MAX_ERRORS_KEPT];
            errorKinds = new int[MAX_ERRORS_KEPT];
        }
        if (icmpErrors < MAX_ERRORS_KEPT) {
            errorFrames[icmpErrors] = frame;
            errorKinds[icmpErrors] = version << 16 | type << 8 | code;
        }
        icmpErrors++;
    }

    public static int errorVersion(int kind) {
        return kind >>> 16;
    }

    public static int errorType(int kind) {
        return (kind >>> 8) & 0xFF;
    }

    public static int errorCode(int kind) {
        return kind & 0xFF;
    }
}
