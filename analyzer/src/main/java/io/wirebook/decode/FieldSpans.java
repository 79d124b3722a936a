package io.wirebook.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists the byte span of every field a {@link Packet} decoded (Kaitai-style): what drives hex-dump
 * highlighting and per-field annotations. Built on demand from the layers' offsets and their header
 * constants, so decoding itself stays allocation-free. Only bytes that were captured are listed.
 */
public final class FieldSpans {
    private FieldSpans() {}

    public static List<FieldSpan> of(Packet p) {
        List<FieldSpan> out = new ArrayList<>(48);
        int cap = p.frame.capturedLength;
        link(p, out);
        if (p.network == Packet.NET_IPV4) {
            ipv4(p.ipv4, out);
        } else if (p.network == Packet.NET_IPV6) {
            ipv6(p.ipv6, out);
        }
        switch (p.transport) {
            case Packet.TRANSPORT_TCP: tcp(p.tcp, out); break;
            case Packet.TRANSPORT_UDP: udp(p.udp, out); break;
            case Packet.TRANSPORT_ICMP:
            case Packet.TRANSPORT_ICMPV6: icmp(p.icmp, out); break;
            default: break;
        }
        out.removeIf(s -> s.offset() >= cap);
        for (int i = 0; i < out.size(); i++) {
            FieldSpan s = out.get(i);
            if (s.end() > cap) {
                out.set(i, new FieldSpan(s.layer(), s.name(), s.offset(), cap - s.offset(), s.bitMask()));
            }
        }
        return out;
    }

    private static void link(Packet p, List<FieldSpan> out) {
        LinkHeader l = p.link;
        if (l.length == 0) {
            return;
        }
        switch (l.linkType) {
            case io.wirebook.capture.LinkType.EN10MB:
                out.add(new FieldSpan("eth", "eth.dst", 0, 6));
                out.add(new FieldSpan("eth", "eth.src", 6, 6));
                for (int i = 0; i < l.vlanCount; i++) {
                    out.add(new FieldSpan("vlan", "vlan.etype", l.vlanOffsets[i], 2));
                    out.add(new FieldSpan("vlan", "vlan.id", l.vlanOffsets[i] + 2, 2, 0x0FFF));
                }
                out.add(new FieldSpan("eth", "eth.type", l.length - 2, 2));
                break;
            case io.wirebook.capture.LinkType.LINUX_SLL:
                out.add(new FieldSpan("sll", "sll.pkttype", 0, 2));
                out.add(new FieldSpan("sll", "sll.hatype", 2, 2));
                out.add(new FieldSpan("sll", "sll.halen", 4, 2));
                out.add(new FieldSpan("sll", "sll.src", 6, 8));
                out.add(new FieldSpan("sll", "sll.etype", 14, 2));
                break;
            case io.wirebook.capture.LinkType.LINUX_SLL2:
                out.add(new FieldSpan("sll", "sll.etype", 0, 2));
                out.add(new FieldSpan("sll", "sll.reserved", 2, 2));
                out.add(new FieldSpan("sll", "sll.ifindex", 4, 4));
                out.add(new FieldSpan("sll", "sll.hatype", 8, 2));
                out.add(new FieldSpan("sll", "sll.pkttype", 10, 1));
                out.add(new FieldSpan("sll", "sll.halen", 11, 1));
                out.add(new FieldSpan("sll", "sll.src", 12, 8));
                break;
            default:
                out.add(new FieldSpan("null", "null.family", 0, l.length));
                break;
        }
    }

    private static void ipv4(Ipv4Header ip, List<FieldSpan> out) {
        int o = ip.offset;
        out.add(new FieldSpan("ip", "ip.version", o, 1, 0xF0));
        out.add(new FieldSpan("ip", "ip.hdr_len", o, 1, 0x0F));
        out.add(new FieldSpan("ip", "ip.dsfield", o + Ipv4Header.TOS, 1));
        out.add(new FieldSpan("ip", "ip.len", o + Ipv4Header.TOTAL_LENGTH, 2));
        out.add(new FieldSpan("ip", "ip.id", o + Ipv4Header.IDENTIFICATION, 2));
        out.add(new FieldSpan("ip", "ip.flags", o + Ipv4Header.FLAGS_FRAGMENT, 1, 0xE0));
        out.add(new FieldSpan("ip", "ip.frag_offset", o + Ipv4Header.FLAGS_FRAGMENT, 2, 0x1FFF));
        out.add(new FieldSpan("ip", "ip.ttl", o + Ipv4Header.TTL, 1));
        out.add(new FieldSpan("ip", "ip.proto", o + Ipv4Header.PROTOCOL, 1));
        out.add(new FieldSpan("ip", "ip.checksum", o + Ipv4Header.CHECKSUM, 2));
        out.add(new FieldSpan("ip", "ip.src", o + Ipv4Header.SOURCE, 4));
        out.add(new FieldSpan("ip", "ip.dst", o + Ipv4Header.DESTINATION, 4));
        if (ip.headerLength > Ipv4Header.MIN_LENGTH) {
            out.add(new FieldSpan("ip", "ip.options", o + Ipv4Header.OPTIONS, ip.headerLength - Ipv4Header.MIN_LENGTH));
        }
    }

    private static void ipv6(Ipv6Header ip, List<FieldSpan> out) {
        int o = ip.offset;
        out.add(new FieldSpan("ipv6", "ipv6.version", o, 1, 0xF0));
        out.add(new FieldSpan("ipv6", "ipv6.tclass", o, 2, 0x0FF0));
        out.add(new FieldSpan("ipv6", "ipv6.flow", o + 1, 3, 0x0FFFFF));
        out.add(new FieldSpan("ipv6", "ipv6.plen", o + Ipv6Header.PAYLOAD_LENGTH, 2));
        out.add(new FieldSpan("ipv6", "ipv6.nxt", o + Ipv6Header.NEXT_HEADER, 1));
        out.add(new FieldSpan("ipv6", "ipv6.hlim", o + Ipv6Header.HOP_LIMIT, 1));
        out.add(new FieldSpan("ipv6", "ipv6.src", o + Ipv6Header.SOURCE, 16));
        out.add(new FieldSpan("ipv6", "ipv6.dst", o + Ipv6Header.DESTINATION, 16));
        for (int i = 0; i < ip.extensionCount; i++) {
            out.add(new FieldSpan("ipv6", "ipv6." + extensionName(ip.extensionTypes[i]), ip.extensionOffsets[i],
                    ip.extensionLengths[i]));
        }
    }

    static String extensionName(int type) {
        switch (type) {
            case 0: return "hopopts";
            case 43: return "routing";
            case 44: return "fraghdr";
            case 60: return "dstopts";
            case 51: return "ah";
            default: return "ext" + type;
        }
    }

    private static void tcp(TcpHeader t, List<FieldSpan> out) {
        int o = t.offset;
        out.add(new FieldSpan("tcp", "tcp.srcport", o + TcpHeader.SOURCE_PORT, 2));
        out.add(new FieldSpan("tcp", "tcp.dstport", o + TcpHeader.DESTINATION_PORT, 2));
        out.add(new FieldSpan("tcp", "tcp.seq", o + TcpHeader.SEQUENCE, 4));
        out.add(new FieldSpan("tcp", "tcp.ack", o + TcpHeader.ACKNOWLEDGMENT, 4));
        out.add(new FieldSpan("tcp", "tcp.hdr_len", o + TcpHeader.OFFSET_FLAGS, 1, 0xF0));
        out.add(new FieldSpan("tcp", "tcp.flags", o + TcpHeader.OFFSET_FLAGS, 2, 0x0FFF));
        out.add(new FieldSpan("tcp", "tcp.window_size_value", o + TcpHeader.WINDOW, 2));
        out.add(new FieldSpan("tcp", "tcp.checksum", o + TcpHeader.CHECKSUM, 2));
        out.add(new FieldSpan("tcp", "tcp.urgent_pointer", o + TcpHeader.URGENT, 2));
        for (int i = 0; i < t.optionCount; i++) {
            out.add(new FieldSpan("tcp", "tcp.option." + TcpOptionKind.valueOf(t.optionKinds[i]).name(), t.optionOffsets[i],
                    t.optionLengths[i]));
        }
        if (t.payloadCaptured > 0) {
            out.add(new FieldSpan("tcp", "tcp.payload", t.payloadOffset, t.payloadCaptured));
        }
    }

    private static void udp(UdpHeader u, List<FieldSpan> out) {
        int o = u.offset;
        out.add(new FieldSpan("udp", "udp.srcport", o + UdpHeader.SOURCE_PORT, 2));
        out.add(new FieldSpan("udp", "udp.dstport", o + UdpHeader.DESTINATION_PORT, 2));
        out.add(new FieldSpan("udp", "udp.length", o + UdpHeader.LENGTH, 2));
        out.add(new FieldSpan("udp", "udp.checksum", o + UdpHeader.CHECKSUM, 2));
        if (u.payloadCaptured > 0) {
            out.add(new FieldSpan("udp", "udp.payload", u.payloadOffset, u.payloadCaptured));
        }
    }

    private static void icmp(IcmpHeader m, List<FieldSpan> out) {
        String l = m.version == 6 ? "icmpv6" : "icmp";
        int o = m.offset;
        out.add(new FieldSpan(l, l + ".type", o + IcmpHeader.TYPE, 1));
        out.add(new FieldSpan(l, l + ".code", o + IcmpHeader.CODE, 1));
        out.add(new FieldSpan(l, l + ".checksum", o + IcmpHeader.CHECKSUM, 2));
        if (m.echoId >= 0) {
            out.add(new FieldSpan(l, l + ".ident", o + 4, 2));
            out.add(new FieldSpan(l, l + ".seq", o + 6, 2));
        }
        if (m.hasInner) {
            int srcLen = m.innerIpVersion == 6 ? 16 : 4;
            out.add(new FieldSpan(l, l + ".quoted.src", m.innerSourceOffset, srcLen));
            out.add(new FieldSpan(l, l + ".quoted.dst", m.innerDestinationOffset, srcLen));
        }
    }
}
