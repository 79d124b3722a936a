package io.wirebook.flow;

/** A packet's TCP numbers as seen in its connection: reused per packet. */
public final class TcpView {
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
    /** States this packet moved the client and the server to, or null where it changed nothing. */
    public TcpState clientState;
    public TcpState serverState;
    /** Capture time of the packet in nanoseconds since the epoch. */
    public long time;

    /** A SACK edge (in the peer's sequence space) made relative the way tshark shows it. */
    public long sackRelative(long raw) {
        return peerBase < 0 ? raw : (raw - peerBase) & 0xFFFFFFFFL;
    }
}
