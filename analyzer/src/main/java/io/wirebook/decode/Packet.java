package io.wirebook.decode;

import io.wirebook.capture.Frame;

/**
 * A decoded frame: the layers found in it, each decoded in place over the frame's bytes. One instance is
 * reused for every packet (see {@link PacketDecoder}); copy what you need to keep.
 */
public final class Packet {
    public static final int NET_NONE = 0, NET_IPV4 = 4, NET_IPV6 = 6;
    public static final int TRANSPORT_NONE = 0, TRANSPORT_TCP = 6, TRANSPORT_UDP = 17, TRANSPORT_ICMP = 1,
            TRANSPORT_ICMPV6 = 58, TRANSPORT_OTHER = -1;

    public Frame frame;
    public final LinkHeader link = new LinkHeader();
    /** {@link #NET_IPV4}, {@link #NET_IPV6} or {@link #NET_NONE}. */
    public int network;
    public final Ipv4Header ipv4 = new Ipv4Header();
    public final Ipv6Header ipv6 = new Ipv6Header();
    /** Which transport header is valid: one of the TRANSPORT_* constants. */
    public int transport;
    /** IP protocol number of the payload (also set for protocols we do not decode), or -1. */
    public int ipProtocol;
    public final TcpHeader tcp = new TcpHeader();
    public final UdpHeader udp = new UdpHeader();
    public final IcmpHeader icmp = new IcmpHeader();
    /** Ports, when at least the first four transport bytes were captured (even if the rest is damaged). */
    public int sourcePort;
    public int destinationPort;
    /** Set when this is an IP fragment other than the first: the transport header is in another frame. */
    public boolean laterFragment;
    /** Set when this is the first fragment of a fragmented datagram. */
    public boolean firstFragment;
    /** What the frame carries when it is not IP (e.g. "ARP", "LLC"), or null. */
    public String nonIp;
    /** The first fault found, or null when the packet decoded cleanly. */
    public Malformed malformed;
    private final Malformed malformedHolder = new Malformed();

    void reset(Frame f) {
        frame = f;
        link.reset(f.linkType);
        network = NET_NONE;
        transport = TRANSPORT_NONE;
        ipProtocol = -1;
        sourcePort = -1;
        destinationPort = -1;
        laterFragment = false;
        firstFragment = false;
        nonIp = null;
        malformed = null;
        tcp.resetOptions();
        icmp.reset();
        ipv6.jumboLength = -1;
        ipv6.extensionCount = 0;
        ipv6.hasFragmentHeader = false;
    }

    void flag(Malformed.Layer layer, int offset, int need, int have, String reason) {
        if (malformed == null) {
            boolean bySnaplen = need > have && frame.isTruncated() && offset + need > frame.capturedLength
                    && offset + need <= frame.originalLength;
            malformedHolder.set(layer, offset, need, have, reason, bySnaplen);
            malformed = malformedHolder;
        }
    }

    /**
     * What the packet carries, as JSON Lines' {@code proto} spells it: the IP protocol's name ({@code tcp},
     * {@code icmpv6}, {@code ip-proto-N}, ...), {@code ip} when the IP header ended before naming one,
     * {@code non-ip}, or {@code unknown} when not even the link layer decoded.
     */
    public String protocolName() {
        if (ipProtocol >= 0) {
            return IpProtocol.valueOf(ipProtocol).name();
        }
        return network == NET_NONE ? (nonIp != null ? "non-ip" : "unknown") : "ip";
    }

    public boolean isTcp() {
        return transport == TRANSPORT_TCP;
    }

    public boolean isUdp() {
        return transport == TRANSPORT_UDP;
    }

    public boolean isIcmp() {
        return transport == TRANSPORT_ICMP || transport == TRANSPORT_ICMPV6;
    }

    /** The captured bytes of the frame, with offsets of every layer relative to the frame's first byte. */
    public byte[] bytes() {
        return frame.data;
    }

    /** Index into {@link #bytes()} of frame offset 0. */
    public int base() {
        return frame.offset;
    }

    /** Frame-relative offset of the source address, its length 4 or 16; -1 when there is no IP. */
    public int sourceAddressOffset() {
        return network == NET_IPV4 ? ipv4.offset + Ipv4Header.SOURCE : network == NET_IPV6 ? ipv6.sourceOffset() : -1;
    }

    public int destinationAddressOffset() {
        return network == NET_IPV4 ? ipv4.offset + Ipv4Header.DESTINATION
                : network == NET_IPV6 ? ipv6.destinationOffset() : -1;
    }

    public int addressLength() {
        return network == NET_IPV6 ? 16 : 4;
    }
}
