package io.wirebook.analysis;

/** What the expert analysis found in one TCP segment. Reused per packet: copy what you keep. */
public final class TcpAnalysis {
    /** {@link AnalysisFlags} bits as the analysis set them (see {@link AnalysisFlags#reported}). */
    public int flags;
    /** For a duplicate ACK: its number (1, 2, ...) and the frame whose ACK it repeats. */
    public long dupAckNum;
    public long dupAckFrame;
    /** The frame this segment acknowledges exactly (its ack equals that segment's end), or 0. */
    public long acksFrame;
    /** Time since that frame, in nanoseconds; valid when {@link #acksFrame} is non-zero. */
    public long ackRttNanos;
    /** Bytes sent and not yet acknowledged, including this segment; -1 when not computed. */
    public long bytesInFlight;
    public long pushBytesSent;
    /** The connection's handshake round trip (SYN to the ACK of the SYN+ACK), nanoseconds; 0 when unknown. */
    public long initialRttNanos;
    /**
     * For a retransmission (plain, fast or spurious): the last earlier frame that carried these sequence
     * numbers, the first one that did (the same frame unless they were sent more than twice), and the time
     * since the last one, which for a timer-driven retransmission is the retransmission timeout; 0 when the
     * earlier transmission was not seen or is no longer remembered.
     */
    public long repeatsFrame;
    public long firstSentFrame;
    public long sinceRepeatedNanos;
    /**
     * True when tshark would compute the analysis but not show it: the TCP header or its options are cut
     * short or malformed, so its dissection stops before the analysis is printed.
     */
    public boolean hidden;
    /**
     * Wirebook's reading beside tshark's: this {@code keep_alive} is sent while the receiver advertises a
     * zero window, so it is Linux's zero-window probe (its persist timer sends seq = snd_una - 1 and no
     * data, the same shape as a keep-alive). tshark 4.0 only knows one-byte probes.
     */
    public boolean linuxZeroWindowProbe;

    void reset() {
        linuxZeroWindowProbe = false;
        flags = 0;
        dupAckNum = 0;
        dupAckFrame = 0;
        acksFrame = 0;
        ackRttNanos = 0;
        bytesInFlight = -1;
        pushBytesSent = 0;
        initialRttNanos = 0;
        repeatsFrame = 0;
        firstSentFrame = 0;
        sinceRepeatedNanos = 0;
        hidden = false;
    }

    /** The flags as tshark shows them, or 0 when they are hidden. */
    public int shownFlags() {
        return hidden ? 0 : AnalysisFlags.reported(flags);
    }
}
