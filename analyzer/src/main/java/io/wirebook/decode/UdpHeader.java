package io.wirebook.decode;

/**
 * A UDP header (RFC 768).
 *
 * <pre>
 * |          Source Port          |       Destination Port        |
 * |            Length             |           Checksum            |
 * </pre>
 */
public final class UdpHeader extends TransportHeader {
    public static final int SOURCE_PORT = 0, DESTINATION_PORT = 2, LENGTH = 4, CHECKSUM = 6;
    public static final int HEADER_LENGTH = 8;

    /** The length field: header plus payload as the sender claims it. */
    public int length;
    public int checksum;
    public int payloadOffset;
    /** Payload bytes present in the frame. */
    public int payloadCaptured;

    /** Payload length as the UDP length field claims it (never negative). */
    public int payloadLength() {
        return Math.max(0, length - HEADER_LENGTH);
    }
}
