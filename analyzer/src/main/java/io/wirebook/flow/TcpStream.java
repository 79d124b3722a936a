package io.wirebook.flow;

/**
 * One TCP connection: a stream index numbered like tshark's {@code tcp.stream} and its two directions.
 * Direction A is the sender of the first packet seen.
 */
public final class TcpStream {
    public final int index;
    public final FlowKey key;
    /** Whether the canonical key's A side is the first sender (so direction A == key side A). */
    final boolean firstSenderIsKeyA;
    public final TcpEndpoint a = new TcpEndpoint();
    public final TcpEndpoint b = new TcpEndpoint();
    /** Set when this stream replaced an earlier one on the same 4-tuple (tshark's "reused ports"). */
    public boolean reusedPorts;

    TcpStream(int index, FlowKey key, boolean firstSenderIsKeyA) {
        this.index = index;
        this.key = key;
        this.firstSenderIsKeyA = firstSenderIsKeyA;
    }
}
