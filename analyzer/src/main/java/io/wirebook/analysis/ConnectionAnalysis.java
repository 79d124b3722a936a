package io.wirebook.analysis;

/** The analysis state of one TCP connection: both directions, the handshake timing, counts for its summary. */
final class ConnectionAnalysis {
    /** Segments sent by the connection's side a and side b. */
    final DirectionState a = new DirectionState();
    final DirectionState b = new DirectionState();
    /** Time of the most recent SYN without ACK, and the handshake round trip measured from it; 0 = unknown. */
    long tsMruSyn;
    long firstRtt;
    /** Frames with each reported finding, by flag bit index; null until the first finding (most connections have none). */
    private int[] counts;
    final ZeekHistory zeek = new ZeekHistory();

    /**
     * A finished connection's state, made smaller for its linger (EvictionPolicy: 2 s of capture time, which
     * on a busy capture is thousands of connections held at once): every segment is acknowledged, and the
     * arrays that held them go. A late packet (a retransmitted FIN) finds them empty, as they were.
     */
    void finished() {
        a.segments.release();
        b.segments.release();
    }

    /** Makes this state what a new one is (the tracker reuses connections: {@link AnalysedConnection#newAnalysis}). */
    void reset() {
        a.reset();
        b.reset();
        tsMruSyn = 0;
        firstRtt = 0;
        counts = null;
        zeek.reset();
    }

    void count(int flag) {
        if (counts == null) {
            counts = new int[AnalysisFlags.COUNT];
        }
        counts[flag]++;
    }

    /** Frames reported with finding {@code flag}. */
    int frames(int flag) {
        return counts == null ? 0 : counts[flag];
    }

    /** A copy of the counts, by flag bit index. */
    int[] counts() {
        return counts == null ? new int[AnalysisFlags.COUNT] : counts.clone();
    }
}
