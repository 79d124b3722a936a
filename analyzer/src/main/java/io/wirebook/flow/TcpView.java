package io.wirebook.flow;

/** A packet's TCP numbers as seen in its connection: reused per packet. */
public final class TcpView {
    /** Most transitions one segment makes for one side. */
    public static final int MAX_STEPS = 3;

    public int stream;
    /** True when the packet was sent by the side that sent the stream's first packet. */
    public boolean fromFirstSender;
    /** True when the packet was sent by the connection's client. */
    public boolean fromClient;
    public long relSeq;
    public long relAck;
    /** Relative sequence number after this segment (seq + len + SYN + FIN), tshark's tcp.nxtseq. */
    public long nextSeq;
    /** Window after applying the sender's scale, or the raw window when the scale is not known. */
    public long scaledWindow;
    /** The shift applied (0..14), or a TcpEndpoint.SCALE_* value. */
    public int windowScale;
    /** True when this SYN started a new connection on a 4-tuple that had one before, or a SYN+ACK re-based it. */
    public boolean reusedPorts;
    /** True when this is a SYN (without ACK) repeating the sender's ISN on a known connection. */
    public boolean synRepeat;
    /** Base of the receiver's sequence space, which SACK blocks and acks refer to; -1 when unknown. */
    public long peerBase = -1;
    /** States this packet moved the client and the server to (the last of each path), or null where it changed nothing. */
    public TcpState clientState;
    public TcpState serverState;
    /**
     * Every state each side passed through on this packet, in order, with the state before them: one
     * segment can make two RFC 9293 transitions (a FIN+ACK moves FIN-WAIT-1 to FIN-WAIT-2, then TIME-WAIT,
     * RFC 9293 3.10.7.4; a FIN that crossed the other one moves its sender to FIN-WAIT-1, then CLOSING).
     */
    public final TcpState[] clientPath = new TcpState[MAX_STEPS];
    public final TcpState[] serverPath = new TcpState[MAX_STEPS];
    public int clientSteps;
    public int serverSteps;
    /** The states before this packet (UNKNOWN when the side had shown none). */
    public TcpState clientBefore;
    public TcpState serverBefore;
    /**
     * When this packet's ack is the first sign that its sender got the other side's FIN (its sender enters
     * CLOSE_WAIT on it), the frame number and capture time of that FIN; 0 otherwise. The FIN arrived at
     * some moment between the two, which the capture does not show.
     */
    public long finShownFrame;
    public long finShownTime;
    /** True when this is a FIN sent before the other side's FIN (already captured) arrived: the FINs crossed. */
    public boolean finsCrossed;
    /**
     * When this packet disproved steps the tracker had taken for one side by assuming that the other
     * side's segments arrived at once: the side ({@link #revisedClient}), the state it was really in
     * ({@link #revisedTo}), the steps withdrawn (each the frame that made it and the state it named, in
     * order) and why ({@link #revision}). Views that hold the whole capture drop the withdrawn steps.
     */
    public Revision revision = Revision.NONE;
    public boolean revisedClient;
    public TcpState revisedTo;
    public static final int MAX_WITHDRAWN = TcpEndpoint.MAX_ASSUMED;
    public final long[] withdrawnFrames = new long[MAX_WITHDRAWN];
    public final TcpState[] withdrawnStates = new TcpState[MAX_WITHDRAWN];
    public int withdrawnCount;
    /**
     * For a RST without the ACK flag whose sequence number is the ack of the other side's segment just
     * before it (the form of a reply to a segment, RFC 9293 3.10.7.1): that segment's frame; 0 otherwise.
     */
    public long answersFrame;

    /** Why a packet disproved the tracker's earlier steps. */
    public enum Revision {
        NONE,
        /** The side sent its SYN (or SYN/ACK) again: the ACK that was taken to complete its handshake never reached it. */
        SYN_AGAIN,
        /**
         * The side answered a segment with a RST without ACK, as a side with no synchronized connection does:
         * it never completed its handshake, or its connection was gone before that segment arrived.
         */
        NO_CONNECTION
    }

    /** Capture time of the packet in nanoseconds since the epoch. */
    public long time;

    /** The states side {@code client} (or the server) passed through on this packet, in order. */
    public java.util.List<TcpState> path(boolean client) {
        return java.util.Arrays.asList(client ? clientPath : serverPath).subList(0, client ? clientSteps : serverSteps);
    }

    /** A SACK edge (in the peer's sequence space) made relative the way tshark shows it. */
    public long sackRelative(long raw) {
        return peerBase < 0 ? raw : (raw - peerBase) & 0xFFFFFFFFL;
    }
}
