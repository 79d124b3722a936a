package io.wirebook.decode;

/**
 * An IPv4 header (RFC 791 section 3.1), decoded in place.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * |                    Options                    |    Padding    |
 * </pre>
 */
public final class Ipv4Header {
    public static final int VERSION_IHL = 0, TOS = 1, TOTAL_LENGTH = 2, IDENTIFICATION = 4, FLAGS_FRAGMENT = 6,
            TTL = 8, PROTOCOL = 9, CHECKSUM = 10, SOURCE = 12, DESTINATION = 16, OPTIONS = 20;
    public static final int MIN_LENGTH = 20;

    /** Absolute offset of the header in the frame. */
    public int offset;
    /** Header length in bytes (IHL * 4). */
    public int headerLength;
    public int tos;
    public int totalLength;
    public int identification;
    public boolean dontFragment;
    public boolean moreFragments;
    /** Fragment offset in bytes (the field times 8). */
    public int fragmentOffset;
    public int ttl;
    public int protocol;
    public int checksum;
    /** Addresses as 32-bit values in network order. */
    public int source;
    public int destination;
    /** Where the payload ends in the frame: min(offset + totalLength, captured end). */
    public int payloadEnd;
    /** True when the total length claims more bytes than were captured. */
    public boolean lengthExceedsCapture;

    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    public boolean isLaterFragment() {
        return fragmentOffset != 0;
    }

    public int payloadOffset() {
        return offset + headerLength;
    }

    public int ecn() {
        return tos & 3;
    }
}
