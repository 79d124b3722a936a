package io.wirebook.analysis;

/**
 * tshark's per-direction sequence analysis state ({@code tcp_flow_t}), for the segments one side sends.
 * Sequence values are raw unsigned 32-bit numbers; 0 in {@link #nextSeq}, {@link #maxSeqToBeAcked} and
 * {@link #lastAck} means "not known yet", as in tshark.
 */
final class DirectionState {
    static final long DUPACK_MARK = 0xFFFFFFFFL;

    /** Raw window of this side's last segment; all ones before the first. */
    long window = 0xFFFFFFFFL;
    long nextSeq;
    long nextSeqTime;
    long lastAck;
    long lastAckTime;
    long lastNonDupAckFrame;
    /** Unsigned 32-bit duplicate-ACK count; {@link #DUPACK_MARK} is tshark's "-1" marker. */
    long dupAckNum;
    long maxSeqToBeAcked;
    int lastSegmentFlags;
    boolean isFirstAck;
    boolean validBif = true;
    long pushBytes;
    boolean pushSetLast;
    /** SACK blocks of this side's most recent segment (at most 3 are kept, as tshark keeps); null until a first one. */
    int sackCount;
    long[] sackLeft, sackRight;
    final UnackedSegments segments = new UnackedSegments();
    /** The segments most recently removed from {@link #segments} by an ACK, so a spurious retransmission can name its original. */
    final UnackedSegments acked = new UnackedSegments();

    /** Makes this state what a new one is; the SACK arrays stay (only the first {@link #sackCount} are read). */
    void reset() {
        window = 0xFFFFFFFFL;
        nextSeq = 0;
        nextSeqTime = 0;
        lastAck = 0;
        lastAckTime = 0;
        lastNonDupAckFrame = 0;
        dupAckNum = 0;
        maxSeqToBeAcked = 0;
        lastSegmentFlags = 0;
        isFirstAck = false;
        validBif = true;
        pushBytes = 0;
        pushSetLast = false;
        sackCount = 0;
        segments.clear();
        acked.clear();
    }
}
