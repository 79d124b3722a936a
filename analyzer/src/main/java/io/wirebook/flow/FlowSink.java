package io.wirebook.flow;

/**
 * Receives each connection and flow once the tracker is done with it: evicted, replaced by a new
 * connection on the same 4-tuple, or still open at the end of the capture.
 */
public interface FlowSink {
    void tcpEnded(TcpConnection c);

    void udpEnded(UdpFlow f);

    FlowSink NONE = new FlowSink() {
        @Override
        public void tcpEnded(TcpConnection c) {}

        @Override
        public void udpEnded(UdpFlow f) {}
    };
}
