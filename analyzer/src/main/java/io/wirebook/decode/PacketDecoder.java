package io.wirebook.decode;

import static io.wirebook.capture.Bytes.u16;
import static io.wirebook.capture.Bytes.u32;
import static io.wirebook.capture.Bytes.u8;

import io.wirebook.capture.Bytes;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import io.wirebook.decode.Malformed.Layer;

/**
 * Decodes a frame from the link layer up to TCP, UDP or ICMP into a reused {@link Packet}.
 *
 * <p>Like gopacket's DecodingLayerParser, every layer decodes into a preallocated object over the captured
 * bytes, so decoding allocates nothing. A shortfall or an impossible field value never throws: it is
 * recorded once in {@link Packet#malformed} (layer, offset, need, have, reason) and decoding stops at that
 * layer, keeping what the outer layers said.
 *
 * <p>Offsets stored in the layers are relative to the frame's first byte. Two ends bound each layer: the
 * <em>captured</em> end (bytes we have) and the <em>reported</em> end (bytes the packet had on the wire,
 * as the IP length says, capped by the frame's original length). Payload lengths follow the reported end,
 * as tshark's {@code tcp.len} does, so a snaplen-truncated segment still reports its true length.
 */
public final class PacketDecoder {
    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD, ETHERTYPE_ARP = 0x0806,
            ETHERTYPE_VLAN = 0x8100, ETHERTYPE_QINQ = 0x88A8, ETHERTYPE_QINQ_OLD = 0x9100;

    private byte[] b;
    private int base;
    /** Captured bytes of the frame. */
    private int cap;
    /** Bytes the frame had on the wire. */
    private int wire;

    /** Decodes {@code frame} into {@code p} and returns it. */
    public Packet decode(Frame frame, Packet p) {
        p.reset(frame);
        b = frame.data;
        base = frame.offset;
        cap = frame.capturedLength;
        wire = Math.max(frame.originalLength, cap);
        switch (frame.linkType) {
            case LinkType.EN10MB: ethernet(p); break;
            case LinkType.LINUX_SLL: sll(p); break;
            case LinkType.LINUX_SLL2: sll2(p); break;
            case LinkType.NULL: nullLoop(p, false); break;
            case LinkType.LOOP: nullLoop(p, true); break;
            case LinkType.RAW: case LinkType.DLT_RAW_12: case LinkType.DLT_RAW_14: rawIp(p, 0); break;
            // LINKTYPE_IPV4/IPV6 promise one version, but the version nibble is what the packet is;
            // tshark decodes an IPv6 packet under LINKTYPE_IPV4 as IPv6 too.
            case LinkType.IPV4: case LinkType.IPV6: rawIp(p, 0); break;
            default:
                p.nonIp = "unsupported link type " + frame.linkType;
                break;
        }
        b = null;
        return p;
    }

    private int have(int o) {
        return Math.max(0, cap - o);
    }

    // ---- link layer -------------------------------------------------------------------------------------

    /** Ethernet II (IEEE 802.3 clause 3) with any number (up to 4) of 802.1Q / 802.1ad tags. */
    private void ethernet(Packet p) {
        LinkHeader l = p.link;
        if (cap < 14) {
            p.flag(Layer.ETHERNET, 0, 14, cap, "Ethernet header needs 14 bytes");
            return;
        }
        l.dstMacOffset = 0;
        l.srcMacOffset = 6;
        int o = 12;
        int type = u16(b, base + o);
        while ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD)) {
            if (have(o + 2) < 4) {
                p.flag(Layer.VLAN, o, 4, have(o + 2), "802.1Q tag needs 4 bytes");
                return;
            }
            if (l.vlanCount < LinkHeader.MAX_VLANS) {
                l.vlanOffsets[l.vlanCount] = o;
                l.vlanIds[l.vlanCount] = u16(b, base + o + 2) & 0x0FFF;
                l.vlanCount++;
            }
            o += 4;
            type = u16(b, base + o);
        }
        l.length = o + 2;
        if (type <= 1500) {
            // IEEE 802.3 length field: an LLC frame (STP, NetBIOS...), not IP.
            p.nonIp = "802.3 LLC";
            return;
        }
        l.etherType = type;
        network(p, type, l.length);
    }

    /** Linux cooked capture v1: 16-byte pseudo header ending in the protocol type. */
    private void sll(Packet p) {
        LinkHeader l = p.link;
        if (cap < 16) {
            p.flag(Layer.SLL, 0, 16, cap, "Linux cooked header needs 16 bytes");
            return;
        }
        l.pktType = u16(b, base);
        l.length = 16;
        l.etherType = u16(b, base + 14);
        network(p, l.etherType, 16);
    }

    /** Linux cooked capture v2: protocol first, then interface index, ARPHRD type and packet type. */
    private void sll2(Packet p) {
        LinkHeader l = p.link;
        if (cap < 20) {
            p.flag(Layer.SLL2, 0, 20, cap, "Linux cooked v2 header needs 20 bytes");
            return;
        }
        l.etherType = u16(b, base);
        l.ifIndex = Bytes.i32(b, base + 4);
        l.pktType = u8(b, base + 10);
        l.length = 20;
        network(p, l.etherType, 20);
    }

    /**
     * BSD loopback: a 4-byte address family. For NULL it is in the capturing host's byte order (so we
     * accept either); for LOOP it is always network order. IPv6's AF_INET6 differs by OS: 24, 28 or 30.
     */
    private void nullLoop(Packet p, boolean networkOrder) {
        LinkHeader l = p.link;
        if (cap < 4) {
            p.flag(networkOrder ? Layer.LOOP : Layer.NULL, 0, 4, cap, "loopback header needs 4 bytes");
            return;
        }
        long fam = networkOrder ? u32(b, base) : Bytes.u32le(b, base);
        if (!networkOrder && fam > 0xFFFF) {
            fam = u32(b, base);
        }
        l.family = (int) fam;
        l.length = 4;
        if (fam == 2) {
            l.etherType = ETHERTYPE_IPV4;
            ipv4(p, 4);
        } else if (fam == 24 || fam == 28 || fam == 30) {
            l.etherType = ETHERTYPE_IPV6;
            ipv6(p, 4);
        } else {
            p.nonIp = "address family " + fam;
        }
    }

    /** Raw IP: the version nibble says which. */
    private void rawIp(Packet p, int o) {
        if (cap - o < 1) {
            p.flag(Layer.IP, o, 1, have(o), "raw IP packet is empty");
            return;
        }
        int version = u8(b, base + o) >> 4;
        if (version == 4) {
            ipv4(p, o);
        } else if (version == 6) {
            ipv6(p, o);
        } else {
            p.flag(Layer.IP, o, -1, -1, "IP version " + version + " is neither 4 nor 6");
        }
    }

    private void network(Packet p, int etherType, int o) {
        switch (etherType) {
            case ETHERTYPE_IPV4: ipv4(p, o); break;
            case ETHERTYPE_IPV6: ipv6(p, o); break;
            case ETHERTYPE_ARP: p.nonIp = "ARP"; break;
            default: p.nonIp = String.format("ethertype 0x%04x", etherType); break;
        }
    }

    // ---- network layer ----------------------------------------------------------------------------------

    private void ipv4(Packet p, int o) {
        Ipv4Header ip = p.ipv4;
        ip.offset = o;
        int avail = have(o);
        if (avail < Ipv4Header.MIN_LENGTH) {
            p.flag(Layer.IPV4, o, Ipv4Header.MIN_LENGTH, avail, "IPv4 header needs 20 bytes");
            return;
        }
        int vihl = u8(b, base + o);
        if ((vihl >> 4) != 4) {
            p.flag(Layer.IPV4, o, -1, -1, "IPv4 version field is " + (vihl >> 4) + ", not 4");
            return;
        }
        ip.headerLength = (vihl & 0x0F) * 4;
        if (ip.headerLength < Ipv4Header.MIN_LENGTH) {
            // Nothing after the first byte can be trusted, so no addresses are reported (as tshark).
            p.flag(Layer.IPV4, o, -1, -1, "IPv4 header length " + ip.headerLength + " is below the minimum 20 (RFC 791)");
            return;
        }
        p.network = Packet.NET_IPV4;
        ip.tos = u8(b, base + o + Ipv4Header.TOS);
        ip.totalLength = u16(b, base + o + Ipv4Header.TOTAL_LENGTH);
        ip.identification = u16(b, base + o + Ipv4Header.IDENTIFICATION);
        int ff = u16(b, base + o + Ipv4Header.FLAGS_FRAGMENT);
        ip.dontFragment = (ff & 0x4000) != 0;
        ip.moreFragments = (ff & 0x2000) != 0;
        ip.fragmentOffset = (ff & 0x1FFF) * 8;
        ip.ttl = u8(b, base + o + Ipv4Header.TTL);
        ip.protocol = u8(b, base + o + Ipv4Header.PROTOCOL);
        ip.checksum = u16(b, base + o + Ipv4Header.CHECKSUM);
        ip.source = Bytes.i32(b, base + o + Ipv4Header.SOURCE);
        ip.destination = Bytes.i32(b, base + o + Ipv4Header.DESTINATION);
        p.ipProtocol = ip.protocol;
        if (avail < ip.headerLength) {
            p.flag(Layer.IPV4, o, ip.headerLength, avail, "IPv4 header with options needs " + ip.headerLength + " bytes");
            return;
        }
        int total = ip.totalLength;
        if (total == 0) {
            // A zero total length is what TCP segmentation offload leaves in locally sent super-frames:
            // the real length is the frame's (Wireshark does the same).
            total = wire - o;
        } else if (total < ip.headerLength) {
            p.flag(Layer.IPV4, o + Ipv4Header.TOTAL_LENGTH, -1, -1,
                    "IPv4 total length " + total + " is less than the header length " + ip.headerLength);
            return;
        }
        int reportedEnd = o + total;
        ip.lengthExceedsCapture = reportedEnd > wire;
        if (reportedEnd > wire) {
            p.flag(Layer.IPV4, o + Ipv4Header.TOTAL_LENGTH, total, wire - o,
                    "IPv4 total length " + total + " exceeds the " + (wire - o) + " bytes the frame carries");
            reportedEnd = wire;
        }
        int capturedEnd = Math.min(reportedEnd, cap);
        ip.payloadEnd = capturedEnd;
        if (ip.fragmentOffset != 0) {
            p.laterFragment = true;
            return;
        }
        p.firstFragment = ip.moreFragments;
        transport(p, ip.protocol, o + ip.headerLength, reportedEnd, capturedEnd);
    }

    private void ipv6(Packet p, int o) {
        Ipv6Header ip = p.ipv6;
        ip.offset = o;
        int avail = have(o);
        if (avail < Ipv6Header.LENGTH) {
            p.flag(Layer.IPV6, o, Ipv6Header.LENGTH, avail, "IPv6 header needs 40 bytes");
            return;
        }
        int first = Bytes.i32(b, base + o);
        if ((first >>> 28) != 6) {
            p.flag(Layer.IPV6, o, -1, -1, "IPv6 version field is " + (first >>> 28) + ", not 6");
            return;
        }
        p.network = Packet.NET_IPV6;
        ip.trafficClass = (first >>> 20) & 0xFF;
        ip.flowLabel = first & 0xFFFFF;
        ip.payloadLength = u16(b, base + o + Ipv6Header.PAYLOAD_LENGTH);
        ip.nextHeader = u8(b, base + o + Ipv6Header.NEXT_HEADER);
        ip.hopLimit = u8(b, base + o + Ipv6Header.HOP_LIMIT);
        int next = ip.nextHeader;
        int h = o + Ipv6Header.LENGTH;
        // Walk the extension-header chain (RFC 8200 section 4.1 order, but accept any order).
        while (true) {
            int len;
            if (next == 0 || next == 43 || next == 60 || next == 135 || next == 139 || next == 140) {
                if (have(h) < 2) {
                    p.flag(Layer.IPV6, h, 2, have(h), "IPv6 extension header " + next + " needs 2 bytes");
                    return;
                }
                len = (u8(b, base + h + 1) + 1) * 8;
            } else if (next == 44) {
                len = 8;
            } else if (next == 51) {
                if (have(h) < 2) {
                    p.flag(Layer.IPV6, h, 2, have(h), "IPv6 authentication header needs 2 bytes");
                    return;
                }
                len = (u8(b, base + h + 1) + 2) * 4;
            } else {
                break;
            }
            if (have(h) < len) {
                p.flag(Layer.IPV6, h, len, have(h), "IPv6 extension header " + next + " needs " + len + " bytes");
                return;
            }
            if (ip.extensionCount < Ipv6Header.MAX_EXTENSIONS) {
                ip.extensionTypes[ip.extensionCount] = next;
                ip.extensionOffsets[ip.extensionCount] = h;
                ip.extensionLengths[ip.extensionCount] = len;
                ip.extensionCount++;
            } else {
                p.flag(Layer.IPV6, h, -1, -1, "more than " + Ipv6Header.MAX_EXTENSIONS + " IPv6 extension headers");
                return;
            }
            if (next == 0) {
                hopByHop(ip, h, len);
            } else if (next == 44) {
                ip.hasFragmentHeader = true;
                int fo = u16(b, base + h + 2);
                ip.fragmentOffset = fo & 0xFFF8;
                ip.moreFragments = (fo & 1) != 0;
                ip.fragmentId = u32(b, base + h + 4);
            }
            next = u8(b, base + h);
            h += len;
        }
        ip.upperProtocol = next;
        ip.upperOffset = h;
        p.ipProtocol = next;
        long declared = ip.payloadLength == 0 && ip.jumboLength > 0 ? ip.jumboLength : ip.payloadLength;
        long reported = o + Ipv6Header.LENGTH + declared;
        if (reported < h) {
            p.flag(Layer.IPV6, o + Ipv6Header.PAYLOAD_LENGTH, -1, -1,
                    "IPv6 payload length " + declared + " is shorter than its extension headers");
            return;
        }
        ip.lengthExceedsCapture = reported > wire;
        if (reported > wire) {
            p.flag(Layer.IPV6, o + Ipv6Header.PAYLOAD_LENGTH, (int) Math.min(declared, Integer.MAX_VALUE),
                    wire - o - Ipv6Header.LENGTH,
                    "IPv6 payload length " + declared + " exceeds the " + (wire - o - Ipv6Header.LENGTH) + " bytes the frame carries");
        }
        int reportedEnd = (int) Math.min(reported, wire);
        int capturedEnd = Math.min(reportedEnd, cap);
        ip.payloadEnd = capturedEnd;
        if (ip.isLaterFragment()) {
            p.laterFragment = true;
            return;
        }
        p.firstFragment = ip.isFragment();
        transport(p, next, h, reportedEnd, capturedEnd);
    }

    /** Looks for the Jumbo Payload option (type 0xC2, RFC 2675) in a hop-by-hop header. */
    private void hopByHop(Ipv6Header ip, int h, int len) {
        int i = h + 2;
        int end = h + len;
        while (i < end) {
            int type = u8(b, base + i);
            if (type == 0) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                return;
            }
            int olen = u8(b, base + i + 1);
            if (type == 0xC2 && olen == 4 && i + 6 <= end) {
                ip.jumboLength = u32(b, base + i + 2);
            }
            i += 2 + olen;
        }
    }

    // ---- transport layer --------------------------------------------------------------------------------

    private void transport(Packet p, int protocol, int o, int reportedEnd, int capturedEnd) {
        switch (protocol) {
            case 6: tcp(p, o, reportedEnd, capturedEnd); break;
            case 17: udp(p, o, reportedEnd, capturedEnd); break;
            case 1: icmp(p, o, reportedEnd, capturedEnd, 4); break;
            case 58: icmp(p, o, reportedEnd, capturedEnd, 6); break;
            case 59: p.transport = Packet.TRANSPORT_NONE; break;
            default: p.transport = Packet.TRANSPORT_OTHER; break;
        }
    }

    /**
     * Starts the TCP or UDP header {@code h} at {@code o}: its two ports go to it and to the packet when their
     * four bytes were captured, even if the rest of the header was cut; then the header's {@code need} fixed
     * bytes must be there.
     *
     * @return false, with the packet flagged, when they are not
     */
    private boolean transportHeader(Packet p, TransportHeader h, Layer layer, int o, int capturedEnd, int need,
            String reason) {
        h.offset = o;
        int avail = capturedEnd - o;
        if (avail >= 4) {
            p.sourcePort = h.sourcePort = u16(b, base + o);
            p.destinationPort = h.destinationPort = u16(b, base + o + 2);
        }
        if (avail < need) {
            p.flag(layer, o, need, Math.max(0, avail), reason);
            return false;
        }
        return true;
    }

    private void tcp(Packet p, int o, int reportedEnd, int capturedEnd) {
        TcpHeader t = p.tcp;
        if (!transportHeader(p, t, Layer.TCP, o, capturedEnd, TcpHeader.MIN_LENGTH, "TCP header needs 20 bytes")) {
            return;
        }
        int avail = capturedEnd - o;
        t.seq = u32(b, base + o + TcpHeader.SEQUENCE);
        t.ack = u32(b, base + o + TcpHeader.ACKNOWLEDGMENT);
        int of = u16(b, base + o + TcpHeader.OFFSET_FLAGS);
        t.headerLength = (of >>> 12) * 4;
        t.flags = of & 0x0FFF;
        t.window = u16(b, base + o + TcpHeader.WINDOW);
        t.checksum = u16(b, base + o + TcpHeader.CHECKSUM);
        t.urgentPointer = u16(b, base + o + TcpHeader.URGENT);
        if (t.headerLength < TcpHeader.MIN_LENGTH) {
            p.flag(Layer.TCP, o + TcpHeader.OFFSET_FLAGS, -1, -1,
                    "TCP data offset gives a header of " + t.headerLength + " bytes, below the minimum 20 (RFC 9293 3.1)");
            return;
        }
        if (t.headerLength > reportedEnd - o) {
            p.flag(Layer.TCP, o, t.headerLength, reportedEnd - o,
                    "TCP header length " + t.headerLength + " exceeds the IP payload");
            return;
        }
        if (t.headerLength > avail) {
            // The fixed header is here but the capture cut the options: decode what we have, flag the rest.
            p.flag(Layer.TCP, o, t.headerLength, avail, "TCP header with options needs " + t.headerLength + " bytes");
            TcpOptions.decode(b, base, p, t, o + TcpHeader.OPTIONS, o + avail);
        } else {
            TcpOptions.decode(b, base, p, t, o + TcpHeader.OPTIONS, o + t.headerLength);
        }
        t.payloadOffset = o + t.headerLength;
        t.payloadLength = reportedEnd - t.payloadOffset;
        t.payloadCaptured = Math.max(0, capturedEnd - t.payloadOffset);
        p.transport = Packet.TRANSPORT_TCP;
    }

    private void udp(Packet p, int o, int reportedEnd, int capturedEnd) {
        UdpHeader u = p.udp;
        if (!transportHeader(p, u, Layer.UDP, o, capturedEnd, UdpHeader.HEADER_LENGTH, "UDP header needs 8 bytes")) {
            return;
        }
        u.length = u16(b, base + o + UdpHeader.LENGTH);
        u.checksum = u16(b, base + o + UdpHeader.CHECKSUM);
        u.payloadOffset = o + UdpHeader.HEADER_LENGTH;
        p.transport = Packet.TRANSPORT_UDP;
        int ipPayload = reportedEnd - o;
        int end = Math.min(capturedEnd, o + Math.max(u.length, UdpHeader.HEADER_LENGTH));
        u.payloadCaptured = Math.max(0, end - u.payloadOffset);
        if (u.length < UdpHeader.HEADER_LENGTH && !(u.length == 0 && p.network == Packet.NET_IPV6)) {
            p.flag(Layer.UDP, o + UdpHeader.LENGTH, -1, -1, "UDP length " + u.length + " is below the header size 8");
        } else if (u.length > ipPayload && !p.firstFragment) {
            p.flag(Layer.UDP, o + UdpHeader.LENGTH, u.length, ipPayload,
                    "UDP length " + u.length + " exceeds the IP payload of " + ipPayload + " bytes");
        }
    }

    private void icmp(Packet p, int o, int reportedEnd, int capturedEnd, int version) {
        IcmpHeader m = p.icmp;
        m.version = version;
        m.offset = o;
        Layer layer = version == 6 ? Layer.ICMPV6 : Layer.ICMP;
        int avail = capturedEnd - o;
        if (avail < 4) {
            p.flag(layer, o, 4, Math.max(0, avail), "ICMP header needs 4 bytes");
            return;
        }
        m.type = u8(b, base + o);
        m.code = u8(b, base + o + 1);
        m.checksum = u16(b, base + o + 2);
        p.transport = version == 6 ? Packet.TRANSPORT_ICMPV6 : Packet.TRANSPORT_ICMP;
        boolean echo = version == 6 ? (m.type == 128 || m.type == 129) : (m.type == 0 || m.type == 8);
        if (echo && avail >= 8) {
            m.echoId = u16(b, base + o + 4);
            m.echoSeq = u16(b, base + o + 6);
        }
        m.isError = IcmpHeader.isError(version, m.type);
        if (!m.isError) {
            return;
        }
        if (avail < IcmpHeader.HEADER_LENGTH) {
            p.flag(layer, o, IcmpHeader.HEADER_LENGTH, avail, "ICMP error header needs 8 bytes");
            return;
        }
        IcmpQuote.decode(b, base, m, o + IcmpHeader.HEADER_LENGTH, capturedEnd);
    }
}
