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
