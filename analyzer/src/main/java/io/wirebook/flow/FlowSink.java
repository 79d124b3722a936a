package io.wirebook.flow;

/**
 * Receives each connection and flow once the tracker is done with it: evicted, replaced by a new
 * connection on the same 4-tuple, or still open at the end of the capture.
 *
 * @param <C> the connections' type, as the tracker's {@link TcpConnection.Factory} makes them
 */
public interface FlowSink<C extends TcpConnection> {
    void tcpEnded(C c);

    void udpEnded(UdpFlow f);

    /** A sink that drops everything. */
    static <C extends TcpConnection> FlowSink<C> none() {
        return new FlowSink<>() {
            @Override
            public void tcpEnded(C c) {}

            @Override
            public void udpEnded(UdpFlow f) {}
        };
    }
}
