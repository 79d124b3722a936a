package io.wirebook.capture;

/**
 * One captured frame: timestamp, lengths, link type and the captured bytes.
 *
 * <p>A {@code Frame} is a mutable, reused holder: a {@link FrameSource} fills the same instance for every
 * record so the offline hot path allocates nothing per packet. The bytes are {@code data[offset ..
 * offset + capturedLength)}; the array is owned by the source and is only valid until the next call to
 * {@link FrameSource#next(Frame)}. Call {@link #copy()} to keep a frame.
 */
public final class Frame {
    /** 1-based frame number in file order, as tshark's {@code frame.number}. */
    public long number;
    /** Seconds since the epoch. */
    public long epochSeconds;
    /** Nanoseconds within the second, 0..999_999_999. */
    public int nanos;
    /**
     * False when the record carries no time at all (a pcapng Simple Packet Block); then {@link #epochSeconds}
     * and {@link #nanos} are 0 and tshark leaves {@code frame.time_epoch} empty.
     */
    public boolean hasTimestamp = true;
    /** Digits of sub-second precision the source records (6 for microseconds, 9 for nanoseconds). */
    public int tsDigits = 6;
    /** Bytes present in {@link #data}. */
    public int capturedLength;
    /** Length of the packet on the wire (pcap {@code orig_len}). */
    public int originalLength;
    /** LINKTYPE_* value of the interface the frame arrived on (see {@link LinkType}). */
    public int linkType;
    /** pcapng interface index within its section, or -1 for classic pcap. */
    public int interfaceId = -1;
    /** Byte offset of the record (pcap record header / pcapng block) in the file; -1 for live capture. */
    public long fileOffset;
    /** Captured bytes live in data[offset, offset + capturedLength); null when they are in {@link #direct}. */
    public byte[] data;
    public int offset;
    /**
     * Only when {@link #data} is null: the captured bytes where a live capture found them (the kernel's ring,
     * {@link LiveCapture#dispatch}), from this buffer's position, capturedLength of them, valid only while the
     * frame is being handed over. The capture writers write them from there, without a copy; anything else
     * that reads the bytes takes a {@link #copy()}.
     */
    public java.nio.ByteBuffer direct;
    /** pcapng opt_comment values, or null when there are none (rare, so allocating is fine). */
    public java.util.List<String> comments;

    /** The capture time as nanoseconds since the epoch (a long holds them until the year 2262). */
    public long epochNanos() {
        return epochSeconds * 1_000_000_000L + nanos;
    }

    /** True when the capture kept fewer bytes than the packet had on the wire (snaplen cut it). */
    public boolean isTruncated() {
        return capturedLength < originalLength;
    }

    /** Exact epoch timestamp as a decimal string with {@code digits} fractional digits. */
    public String timestampString(int digits) {
        return Timestamps.format(epochSeconds, nanos, digits);
    }

    /** A deep copy that owns its bytes. */
    public Frame copy() {
        Frame f = new Frame();
        f.number = number;
        f.epochSeconds = epochSeconds;
        f.nanos = nanos;
        f.hasTimestamp = hasTimestamp;
        f.tsDigits = tsDigits;
        f.capturedLength = capturedLength;
        f.originalLength = originalLength;
        f.linkType = linkType;
        f.interfaceId = interfaceId;
        f.fileOffset = fileOffset;
        if (data != null) {
            f.data = java.util.Arrays.copyOfRange(data, offset, offset + capturedLength);
        } else {
            f.data = new byte[capturedLength];
            direct.get(direct.position(), f.data, 0, capturedLength);
        }
        f.offset = 0;
        f.comments = comments == null ? null : java.util.List.copyOf(comments);
        return f;
    }
}
