package io.wirebook.decode;

/**
 * An ICMP (RFC 792) or ICMPv6 (RFC 4443) message. Error messages quote the offending packet's IP
 * header and at least its first 8 transport bytes; those are decoded into the {@code inner*} fields so
 * the error can be attached to the flow it refers to.
 */
public final class IcmpHeader {
    public static final int TYPE = 0, CODE = 1, CHECKSUM = 2, REST = 4, BODY = 8;
    public static final int HEADER_LENGTH = 8;

    /** 4 for ICMP, 6 for ICMPv6. */
    public int version;
    public int offset;
    public int type;
    public int code;
    public int checksum;
    /** Echo identifier and sequence (echo request/reply only), else -1. */
    public int echoId;
    public int echoSeq;

    /** True when this message is an error that quotes a packet. */
    public boolean isError;
    /** True when the quoted IP header and ports were decoded. */
    public boolean hasInner;
    public int innerIpVersion;
    public int innerOffset;
    /** Offsets of the quoted source and destination addresses (4 or 16 bytes each). */
    public int innerSourceOffset;
    public int innerDestinationOffset;
    public int innerProtocol;
    public int innerSourcePort;
    public int innerDestinationPort;
    /** Quoted TCP sequence number, or -1 when not a TCP quote. */
    public long innerTcpSeq;
    /** Offset of the quoted transport header and how many of its bytes the error carries (0 when none). */
    public int innerTransportOffset;
    public int innerTransportCaptured;
    /** Quoted TCP acknowledgment number and flags, when at least 16 bytes of the TCP header were quoted. */
    public long innerTcpAck;
    public int innerTcpFlags;

    void reset() {
        echoId = -1;
        echoSeq = -1;
        isError = false;
        hasInner = false;
        innerIpVersion = 0;
        innerOffset = -1;
        innerSourceOffset = -1;
        innerDestinationOffset = -1;
        innerProtocol = -1;
        innerSourcePort = -1;
        innerDestinationPort = -1;
        innerTcpSeq = -1;
        innerTransportOffset = -1;
        innerTransportCaptured = 0;
    }

    /** Type name as tcpdump/Wireshark call it. */
    public String typeName() {
        return typeName(version, type);
    }

    /** Code name for the type, or null when the type has no named codes. */
    public String codeName() {
        return codeName(version, type, code);
    }

    /** The name of an ICMP ({@code version} 4) or ICMPv6 ({@code version} 6) type. */
    public static String typeName(int version, int type) {
        return messageType(version, type).name();
    }

    /** The name of a code of an ICMP or ICMPv6 type, or null when the type has no named codes. */
    public static String codeName(int version, int type, int code) {
        return messageType(version, type).codeName(code);
    }

    /** True for ICMP or ICMPv6 error messages, which quote the packet that caused them. */
    static boolean isError(int version, int type) {
        return messageType(version, type).isError();
    }

    /** The ICMP ({@code version} 4) or ICMPv6 ({@code version} 6) type with this number. */
    public static IcmpMessageType messageType(int version, int type) {
        return version == 6 ? Icmpv6Type.valueOf(type) : IcmpType.valueOf(type);
    }
}
