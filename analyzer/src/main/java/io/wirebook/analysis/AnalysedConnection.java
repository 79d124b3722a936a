package io.wirebook.analysis;

import io.wirebook.flow.FlowKey;
import io.wirebook.flow.TcpConnection;

/**
 * A tracked TCP connection with the expert analysis' state for it, made for the tracker by {@link CaptureAnalysis}.
 *
 * <p>The state ({@link #analysis}, about 1.5 KB with both directions) is made only once there is something
 * to analyse: a connection that has seen only a bare SYN keeps that SYN's numbers here instead (see
 * {@link TcpAnalyzer#analyze}), and an ICMP error quoting a SYN keeps its time here too, so a half-open
 * connection of a SYN scan, answered or not, costs a few hundred bytes.
 */
final class AnalysedConnection extends TcpConnection {
    /** Null until the connection's second segment, or its summary, needs it ({@link TcpAnalyzer#state}). */
    ConnectionAnalysis analysis;
    /** True while the connection's only segment is a bare SYN whose analysis is still to be replayed. */
    boolean synDeferred;
    boolean synFromFirstSender, synReusedPorts;
    /** The SYN's raw sequence and acknowledgment fields (unsigned 32-bit, kept in ints), flags and window. */
    int synSeq, synAck, synFlags, synWindow;
    long synTime, synFrame;
    /**
     * An ICMP error quoting a bare SYN of this connection, while it had no state: when and in which frame
     * (0: none). tshark takes the quote's time as the most recent SYN's, for the first RTT.
     */
    long quotedSynTime, quotedSynFrame;

    /**
     * The analysis state this connection had before the tracker reused it ({@link #clear}), made new again
     * when it is next needed instead of allocating one (null: none to reuse).
     */
    ConnectionAnalysis spare;

    AnalysedConnection(int stream, FlowKey key, boolean aIsKeyA) {
        super(stream, key, aIsKeyA);
    }

    @Override
    protected void clear() {
        if (analysis != null) {
            spare = analysis;
            analysis = null;
        }
        synDeferred = false;
        synFromFirstSender = false;
        synReusedPorts = false;
        synSeq = 0;
        synAck = 0;
        synFlags = 0;
        synWindow = 0;
        synTime = 0;
        synFrame = 0;
        quotedSynTime = 0;
        quotedSynFrame = 0;
    }

    /** A new analysis state for this connection: its spare one made new, or a new one. */
    ConnectionAnalysis newAnalysis() {
        ConnectionAnalysis ca = spare;
        if (ca == null) {
            return new ConnectionAnalysis();
        }
        spare = null;
        ca.reset();
        return ca;
    }

    void deferSyn(boolean fromFirstSender, boolean reusedPorts, long time, long frame, long seq, long ack, int flags,
            int window) {
        synDeferred = true;
        synFromFirstSender = fromFirstSender;
        synReusedPorts = reusedPorts;
        synTime = time;
        synFrame = frame;
        synSeq = (int) seq;
        synAck = (int) ack;
        synFlags = flags;
        synWindow = window;
    }
}
