package io.wirebook.decode;

/**
 * An IPv6 header (RFC 8200 section 3) and its extension-header chain (section 4), decoded in place.
 *
 * <pre>
 * |Version| Traffic Class |           Flow Label                  |
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * |                      Source Address (128 bits)                |
 * |                   Destination Address (128 bits)              |
 * </pre>
 */
public final class Ipv6Header {
    public static final int VERSION_CLASS_FLOW = 0, PAYLOAD_LENGTH = 4, NEXT_HEADER = 6, HOP_LIMIT = 7,
            SOURCE = 8, DESTINATION = 24;
    public static final int LENGTH = 40;
    public static final int MAX_EXTENSIONS = 8;

    public int offset;
    public int trafficClass;
    public int flowLabel;
    public int payloadLength;
    /** The Next Header field of the fixed header. */
    public int nextHeader;
    public int hopLimit;
    /** Jumbo payload length from a hop-by-hop Jumbo Payload option (RFC 2675), or -1. */
    public long jumboLength;

    /** Extension headers in chain order: protocol number, offset, length. */
    public int extensionCount;
    public final int[] extensionTypes = new int[MAX_EXTENSIONS];
    public final int[] extensionOffsets = new int[MAX_EXTENSIONS];
    public final int[] extensionLengths = new int[MAX_EXTENSIONS];

    /** The upper-layer protocol after the chain (6, 17, 58, 59 for none...). */
    public int upperProtocol;
    /** Offset of the upper-layer header. */
    public int upperOffset;
    /** Fragment header values when one is present. */
    public boolean hasFragmentHeader;
    public int fragmentOffset;
    public boolean moreFragments;
    public long fragmentId;
    public int payloadEnd;
    public boolean lengthExceedsCapture;

    public int sourceOffset() {
        return offset + SOURCE;
    }

    public int destinationOffset() {
        return offset + DESTINATION;
    }

    public boolean isLaterFragment() {
        return hasFragmentHeader && fragmentOffset != 0;
    }

    public boolean isFragment() {
        return hasFragmentHeader && (fragmentOffset != 0 || moreFragments);
    }
}
