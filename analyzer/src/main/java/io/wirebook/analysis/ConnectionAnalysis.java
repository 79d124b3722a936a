package io.wirebook.analysis;

/** The analysis state of one TCP connection: both directions, the handshake timing, counts for its summary. */
final class ConnectionAnalysis {
    /** Segments sent by the connection's side a and side b. */
    final DirectionState a = new DirectionState();
    final DirectionState b = new DirectionState();
    /** Time of the most recent SYN without ACK, and the handshake round trip measured from it; 0 = unknown. */
    long tsMruSyn;
    long firstRtt;
    /** Frames with each reported finding, by flag bit index. */
    final int[] counts = new int[AnalysisFlags.COUNT];
    final ZeekHistory zeek = new ZeekHistory();
}
