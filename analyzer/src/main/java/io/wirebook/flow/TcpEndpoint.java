package io.wirebook.flow;

/**
 * What the capture shows of one side of a TCP connection: its sequence base and window scale as tshark
 * computes them, and its RFC 9293 state.
 */
public final class TcpEndpoint {
    /** Window scale not known yet (no SYN seen from this side). */
    public static final int SCALE_UNKNOWN = -1;
    /** The handshake showed that window scaling is not in use. */
    public static final int SCALE_NONE = -2;

    /** Sequence number that relative numbers count from (the ISN, or first seq - 1 without a SYN). */
    public long baseSeq;
    public boolean baseSet;
    /** Shift announced by this side's window scale option (0..14), or SCALE_UNKNOWN / SCALE_NONE. */
    public int windowScale = SCALE_UNKNOWN;

    /** RFC 9293 state as far as the capture shows it. */
    public TcpState state = TcpState.UNKNOWN;
    /** Raw sequence number of this side's SYN, valid when {@link #synSeen}. */
    public long isn;
    public boolean synSeen;
    /** Raw sequence number just past this side's FIN (the ack that acknowledges it), valid when {@link #finSeen}. */
    public long finEnd;
    public boolean finSeen;
    /** Frame number and capture time of this side's first FIN, valid when {@link #finSeen}. */
    public long finFrame;
    public long finTime;
    /**
     * True once this side has shown that it received the other side's FIN: its ack covered it, or it was
     * past its own FIN when that FIN arrived (see {@link TcpStateMachine}).
     */
    public boolean peerFinReceived;
    /** True once the other side acknowledged this side's FIN. */
    public boolean finAcked;
    public boolean rstSeen;
    /** Highest raw ack this side has sent (ACK flag set), valid when {@link #ackSeen}. */
    public long highestAck;
    public boolean ackSeen;

    /**
     * What this side's own last segment showed: its state after sending it (what a side sends proves the
     * state it was in), the segment's frame number, its raw ack (valid when {@link #lastAckFlag}) and its payload length.
     */
    TcpState shownState = TcpState.UNKNOWN;
    long lastSentFrame;
    long lastAck;
    boolean lastAckFlag;
    int lastLength;
    /**
     * The steps the tracker made for this side since its last segment by taking it that the other side's
     * segments arrived when they were captured: the frame of each, the state it moved to and the state
     * before. A later segment can disprove them (see {@link TcpStateMachine}); its own next segment confirms them.
     */
    static final int MAX_ASSUMED = 4;
    /** Null until the first assumed step: the target of a SYN scan's SYN never has one. */
    long[] assumedFrames;
    TcpState[] assumedStates;
    TcpState[] assumedBefore;
    int assumedCount;
    /**
     * True once a segment of this side disproved the arrival of a handshake ACK (it sent its SYN again):
     * the next ACKs of the handshake are then not taken to arrive until this side shows it.
     */
    boolean arrivalDoubted;
    /** True once this side sent a SYN with ACK (a SYN after it repeats that, not a SYN without ACK). */
    boolean synAckSent;

    /** Records a step assumed for this side (there is room: {@code assumedCount < MAX_ASSUMED}). */
    void assume(long frame, TcpState before, TcpState state) {
        if (assumedFrames == null) {
            assumedFrames = new long[MAX_ASSUMED];
            assumedStates = new TcpState[MAX_ASSUMED];
            assumedBefore = new TcpState[MAX_ASSUMED];
        }
        assumedFrames[assumedCount] = frame;
        assumedBefore[assumedCount] = before;
        assumedStates[assumedCount++] = state;
    }

    /** Packets and bytes (whole frame lengths, as tshark's conversation table counts them) sent by this side. */
    public long packets;
    public long bytes;
    /** Payload bytes sent, counting every segment (retransmissions too). */
    public long payloadBytes;

    /**
     * Makes this side what a new one is, for a connection the tracker reuses ({@link ConnectionTracker}'s
     * recycling); the assumed steps' arrays stay, empty (only the first {@link #assumedCount} are read).
     * Every field is here: {@code RecyclingTest} compares a reused side with a new one, field by field.
     */
    void reset() {
        baseSeq = 0;
        baseSet = false;
        windowScale = SCALE_UNKNOWN;
        state = TcpState.UNKNOWN;
        isn = 0;
        synSeen = false;
        finEnd = 0;
        finSeen = false;
        finFrame = 0;
        finTime = 0;
        peerFinReceived = false;
        finAcked = false;
        rstSeen = false;
        highestAck = 0;
        ackSeen = false;
        shownState = TcpState.UNKNOWN;
        lastSentFrame = 0;
        lastAck = 0;
        lastAckFlag = false;
        lastLength = 0;
        assumedCount = 0;
        arrivalDoubted = false;
        synAckSent = false;
        packets = 0;
        bytes = 0;
        payloadBytes = 0;
    }
}
