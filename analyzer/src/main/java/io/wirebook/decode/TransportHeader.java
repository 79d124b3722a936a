package io.wirebook.decode;

/**
 * What a TCP and a UDP header both start with: the source and destination ports (RFC 9293 section 3.1, RFC
 * 768). The decoder reads them, into the header and the {@link Packet}, as soon as their four bytes were
 * captured, even when the rest of the header was cut.
 */
public abstract sealed class TransportHeader permits TcpHeader, UdpHeader {
    /** Offset of the header in the frame. */
    public int offset;
    public int sourcePort;
    public int destinationPort;
}
