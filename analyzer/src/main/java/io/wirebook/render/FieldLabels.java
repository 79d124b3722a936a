package io.wirebook.render;

import static io.wirebook.capture.Bytes.u16;
import static io.wirebook.capture.Bytes.u8;

import io.wirebook.capture.LinkType;
import io.wirebook.decode.Addresses;
import io.wirebook.decode.FieldSpan;
import io.wirebook.decode.IcmpHeader;
import io.wirebook.decode.Ipv4Header;
import io.wirebook.decode.Ipv6Header;
import io.wirebook.decode.Packet;
import io.wirebook.flow.TcpView;
import java.util.List;

/**
 * What each field says, worded as Wireshark's packet details pane (tshark 4.0 {@code -V}) words it:
 * {@code Source Port: 48634}, {@code Flags: 0x002 (SYN)}, {@code 0100 .... = Version: 4} for a bit field.
 * Values come from the decoded headers and, for the few the decoder does not keep (a MAC address, an option's
 * value), from the captured bytes at the field's span, never past the captured length. Every label is made
 * of numbers, addresses and fixed words: no text from the capture is copied into one. TCP's fields are
 * worded by {@link TcpFieldLabels}.
 */
final class FieldLabels {
    private final Packet p;
    private final byte[] b;
    private final int base;
    private final int cap;
    private final TcpFieldLabels tcp;

    FieldLabels(Packet p, TcpView view) {
        this.p = p;
        this.b = p.bytes();
        this.base = p.base();
        this.cap = p.frame.capturedLength;
        this.tcp = new TcpFieldLabels(this, p, view);
    }

    // ---- the bytes --------------------------------------------------------------------------------------

    /** Byte {@code at} of the frame (0 past the captured bytes, which no label should ask for). */
    int u8at(int at) {
        return at < cap ? u8(b, base + at) : 0;
    }

    int u16at(int at) {
        return at + 2 <= cap ? u16(b, base + at) : 0;
    }

    long u32at(int at) {
        return (long) u16at(at) << 16 | u16at(at + 2);
    }

    /** The bytes [at, at + n) as lower-case hex, {@code sep} between bytes. */
    String hex(int at, int n, String sep) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = at; i < Math.min(at + n, cap); i++) {
            if (i > at) {
                sb.append(sep);
            }
            sb.append(Character.forDigit(u8at(i) >> 4, 16)).append(Character.forDigit(u8at(i) & 0xF, 16));
        }
        return sb.toString();
    }

    boolean allZero(int start, int end) {
        for (int i = start; i < end; i++) {
            if (u8at(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private String address(int at, int len) {
        if (at + len > cap) {
            return hex(at, len, "");
        }
        StringBuilder sb = new StringBuilder(40);
        Addresses.append(sb, len == 16 ? 6 : 4, b, base + at);
        return sb.toString();
    }

    static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    /**
     * Wireshark's bit picture of a field within {@code nbits} bits: each bit of {@code mask} as its value,
     * the others as dots, in groups of four, as in {@code 010. .... = Flags: 0x2}.
     */
    static String bits(long value, int nbits, long mask) {
        StringBuilder sb = new StringBuilder(nbits + nbits / 4);
        for (int i = nbits - 1; i >= 0; i--) {
            sb.append((mask >> i & 1) == 0 ? '.' : (char) ('0' + (value >> i & 1)));
            if (i % 4 == 0 && i > 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    /** The span's bytes as one number, and its bit picture prefix for a bit field ("" otherwise). */
    private String bitPrefix(FieldSpan s) {
        // TCP's flags are a bitmask header in Wireshark: its bits are the lines under it, not a prefix.
        if (s.bitMask() == 0 || s.name().equals("tcp.flags") || s.length() > 4 || s.length() * 8 < 32 - Integer.numberOfLeadingZeros(s.bitMask())) {
            return "";
        }
        return bits(spanValue(s), s.length() * 8, s.bitMask()) + " = ";
    }

    private long spanValue(FieldSpan s) {
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            v = v << 8 | u8at(s.offset() + i);
        }
        return v;
    }

    // ---- layers -----------------------------------------------------------------------------------------

    String linkId() {
        switch (p.link.linkType) {
            case LinkType.EN10MB: return "eth";
            case LinkType.LINUX_SLL: case LinkType.LINUX_SLL2: return "sll";
            default: return "null";
        }
    }

    String linkLabel() {
        switch (p.link.linkType) {
            case LinkType.EN10MB:
                return cap >= 12 ? "Ethernet II, Src: " + hex(6, 6, ":") + ", Dst: " + hex(0, 6, ":") : "Ethernet II";
            case LinkType.LINUX_SLL: return "Linux cooked capture v1";
            case LinkType.LINUX_SLL2: return "Linux cooked capture v2";
            default: return "Null/Loopback";
        }
    }

    /** Where the IP packet ends in the frame as its length field says (within the wire length). */
    int ipEnd() {
        int wire = p.frame.originalLength;
        if (p.network == Packet.NET_IPV4) {
            Ipv4Header ip = p.ipv4;
            int total = ip.totalLength == 0 ? wire - ip.offset : Math.max(ip.totalLength, ip.headerLength);
            return Math.min(wire, ip.offset + total);
        }
        Ipv6Header ip = p.ipv6;
        long declared = ip.payloadLength == 0 && ip.jumboLength > 0 ? ip.jumboLength : ip.payloadLength;
        return (int) Math.min(wire, ip.offset + Ipv6Header.LENGTH + declared);
    }

    String ipLabel() {
        String src = address(p.sourceAddressOffset(), p.addressLength());
        String dst = address(p.destinationAddressOffset(), p.addressLength());
        return "Internet Protocol Version " + p.network + ", Src: " + src + ", Dst: " + dst;
    }

    String tcpLabel() {
        return tcp.layerLabel();
    }

    String optionsLabel(int n) {
        return tcp.optionsLabel(n);
    }

    String udpLabel() {
        return "User Datagram Protocol, Src Port: " + p.udp.sourcePort + ", Dst Port: " + p.udp.destinationPort;
    }

    String icmpLabel() {
        return p.icmp.version == 6 ? "Internet Control Message Protocol v6" : "Internet Control Message Protocol";
    }

    String quotedLabel() {
        IcmpHeader m = p.icmp;
        int len = m.innerIpVersion == 6 ? 16 : 4;
        String what = "Quoted packet (the one this error is about), Internet Protocol Version " + m.innerIpVersion;
        if (m.innerSourceOffset < 0 || m.innerDestinationOffset + len > cap) {
            return what;
        }
        return what + ", Src: " + address(m.innerSourceOffset, len) + ", Dst: " + address(m.innerDestinationOffset, len);
    }

    // ---- fields -----------------------------------------------------------------------------------------

    /** The field's line, as Wireshark words it. */
    String label(FieldSpan s) {
        String text = s.layer().equals("tcp") ? tcp.label(s) : text(s);
        return bitPrefix(s) + text;
    }

    /** Lines Wireshark shows under the field (its bits, the raw number beside a relative one); often none. */
    List<String> details(FieldSpan s) {
        int o = s.offset();
        switch (s.name()) {
            case "ip.dsfield":
                return dsDetails(u8at(o), 8, 0);
            case "ipv6.tclass":
                return dsDetails(u16at(o), 16, 4);
            case "ip.flags": {
                int v = u8at(o);
                return List.of(bits(v, 8, 0x80) + " = Reserved bit: " + set(v & 0x80),
                        bits(v, 8, 0x40) + " = Don't fragment: " + set(v & 0x40),
                        bits(v, 8, 0x20) + " = More fragments: " + set(v & 0x20));
            }
            case "vlan.id": {
                int tci = u16at(o);
                return List.of(bits(tci, 16, 0xE000) + " = Priority: " + (tci >> 13),
                        bits(tci, 16, 0x1000) + " = DEI: " + (tci >> 12 & 1));
            }
            default:
                return s.layer().equals("tcp") ? tcp.details(s) : List.of();
        }
    }

    static String set(int bit) {
        return bit != 0 ? "Set" : "Not set";
    }

    private String text(FieldSpan s) {
        int o = s.offset();
        IcmpHeader m = p.icmp;
        switch (s.name()) {
            case "eth.dst": return "Destination: " + hex(o, 6, ":");
            case "eth.src": return "Source: " + hex(o, 6, ":");
            case "eth.type": {
                int t = u16at(o);
                return t <= 1500 ? "Length: " + t : "Type: " + WireNames.etherType(t);
            }
            case "vlan.etype": return "Type: " + WireNames.etherType(u16at(o));
            case "vlan.id": return "ID: " + (u16at(o) & 0x0FFF);
            case "sll.pkttype": {
                int v = s.length() == 1 ? u8at(o) : u16at(o);
                return "Packet type: " + WireNames.sllPacketType(v) + " (" + v + ")";
            }
            case "sll.hatype": return "Link-layer address type: " + WireNames.arphrd(u16at(o));
            case "sll.halen": return "Link-layer address length: " + (s.length() == 1 ? u8at(o) : u16at(o));
            case "sll.src": return "Source: " + hex(o, Math.min(8, s.length()), ":");
            case "sll.etype": return "Protocol: " + WireNames.etherType(u16at(o));
            case "sll.reserved": return "Reserved: 0x" + hex(o, 2, "");
            case "sll.ifindex": return "Interface index: " + u32at(o);
            case "null.family": return "Family: " + WireNames.addressFamily(p.link.family);
            case "ip.version": return "Version: " + (u8at(o) >> 4);
            case "ip.hdr_len": return "Header Length: " + p.ipv4.headerLength + " bytes (" + p.ipv4.headerLength / 4 + ")";
            case "ip.dsfield": return "Differentiated Services Field: " + String.format("0x%02x", u8at(o)) + " ("
                    + WireNames.dsShort(u8at(o)) + ")";
            case "ip.len": return "Total Length: " + p.ipv4.totalLength;
            case "ip.id": return String.format("Identification: 0x%04x (%d)", p.ipv4.identification, p.ipv4.identification);
            case "ip.flags": return ipFlags(u8at(o) >> 5);
            case "ip.frag_offset": return "Fragment Offset: " + p.ipv4.fragmentOffset;
            case "ip.ttl": return "Time to Live: " + p.ipv4.ttl;
            case "ip.proto": return "Protocol: " + WireNames.ipProtocol(p.ipv4.protocol);
            case "ip.checksum": return String.format("Header Checksum: 0x%04x [validation disabled]", p.ipv4.checksum);
            case "ip.src": case "ipv6.src": return "Source Address: " + address(o, s.length());
            case "ip.dst": case "ipv6.dst": return "Destination Address: " + address(o, s.length());
            case "ip.options": return "Options: (" + bytes(s.length()) + ")";
            case "ipv6.version": return "Version: " + (u8at(o) >> 4);
            case "ipv6.tclass": return String.format("Traffic Class: 0x%02x", p.ipv6.trafficClass) + " ("
                    + WireNames.dsShort(p.ipv6.trafficClass) + ")";
            case "ipv6.flow": return String.format("Flow Label: 0x%05x", p.ipv6.flowLabel);
            case "ipv6.plen": return "Payload Length: " + p.ipv6.payloadLength;
            case "ipv6.nxt": return "Next Header: " + WireNames.ipProtocol(p.ipv6.nextHeader);
            case "ipv6.hlim": return "Hop Limit: " + p.ipv6.hopLimit;
            case "udp.srcport": return "Source Port: " + p.udp.sourcePort;
            case "udp.dstport": return "Destination Port: " + p.udp.destinationPort;
            case "udp.length": return "Length: " + p.udp.length;
            case "udp.checksum": return p.udp.checksum == 0 ? "Checksum: 0x0000 [zero-value ignored]"
                    : String.format("Checksum: 0x%04x [unverified]", p.udp.checksum);
            case "udp.payload": return "UDP payload (" + bytes(s.length()) + ")";
            default: break;
        }
        if (s.layer().startsWith("icmp")) {
            String field = s.name().substring(s.layer().length() + 1);
            switch (field) {
                case "type": return "Type: " + m.type + named(IcmpHeader.typeName(m.version, m.type), "type ");
                case "code": return "Code: " + m.code + named(IcmpHeader.codeName(m.version, m.type, m.code), "code ");
                case "checksum": return String.format("Checksum: 0x%04x [unverified]", m.checksum);
                case "ident": return m.version == 6 ? String.format("Identifier: 0x%04x", m.echoId)
                        : String.format("Identifier (BE): %d (0x%04x)", m.echoId, m.echoId);
                case "seq": return m.version == 6 ? "Sequence: " + m.echoSeq
                        : String.format("Sequence Number (BE): %d (0x%04x)", m.echoSeq, m.echoSeq);
                case "quoted.src": return "Source Address: " + address(o, s.length());
                case "quoted.dst": return "Destination Address: " + address(o, s.length());
                default: break;
            }
        }
        if (s.name().startsWith("ipv6.")) {
            return WireNames.ipv6Extension(s.name().substring(5)) + " (" + bytes(s.length()) + ")";
        }
        return s.name() + " (" + bytes(s.length()) + ")";
    }

    /** " (Destination unreachable)", or "" when the decoder has no name but "type N". */
    private static String named(String name, String unnamedPrefix) {
        if (name == null || name.startsWith(unnamedPrefix)) {
            return "";
        }
        return " (" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + ")";
    }

    private static String ipFlags(int v) {
        StringBuilder sb = new StringBuilder("Flags: 0x").append(v);
        if ((v & 4) != 0) sb.append(", Reserved bit");
        if ((v & 2) != 0) sb.append(", Don't fragment");
        if ((v & 1) != 0) sb.append(", More fragments");
        return sb.toString();
    }

    /** The DSCP and ECN lines of a DS field (traffic class) held {@code shift} bits up in {@code nbits} bits. */
    private static List<String> dsDetails(int v, int nbits, int shift) {
        int ds = v >> shift & 0xFF;
        return List.of(bits(v, nbits, 0xFCL << shift) + " = Differentiated Services Codepoint: " + WireNames.dscpLong(ds >> 2),
                bits(v, nbits, 0x03L << shift) + " = Explicit Congestion Notification: " + WireNames.ecnLong(ds & 3));
    }
}
