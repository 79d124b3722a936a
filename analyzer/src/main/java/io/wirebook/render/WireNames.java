package io.wirebook.render;

/**
 * Names of wire numbers as Wireshark's packet details show them: {@code IPv4 (0x0800)}, {@code TCP (6)},
 * {@code DSCP: CS0, ECN: Not-ECT}. Only what the hex dump's field tree needs; unknown numbers are named
 * {@code Unknown (N)}, never an exception.
 */
final class WireNames {
    private WireNames() {}

    static String etherType(int t) {
        String name;
        switch (t) {
            case 0x0800: name = "IPv4"; break;
            case 0x86DD: name = "IPv6"; break;
            case 0x0806: name = "ARP"; break;
            case 0x8100: name = "802.1Q Virtual LAN"; break;
            case 0x88A8: name = "802.1ad Provider Bridge (Q-in-Q)"; break;
            case 0x9100: name = "QinQ: old non-standard 802.1ad"; break;
            case 0x88CC: name = "802.1 Link Layer Discovery Protocol (LLDP)"; break;
            case 0x8847: name = "MPLS label switched packet"; break;
            default: name = "Unknown"; break;
        }
        return name + String.format(" (0x%04x)", t);
    }

    /** Linux cooked capture's packet type (packet(7)). */
    static String sllPacketType(int v) {
        switch (v) {
            case 0: return "Unicast to us";
            case 1: return "Broadcast";
            case 2: return "Multicast";
            case 3: return "Unicast to another host";
            case 4: return "Sent by us";
            default: return "Unknown";
        }
    }

    /** An ARPHRD_* link-layer address type (linux/if_arp.h). */
    static String arphrd(int v) {
        switch (v) {
            case 1: return "Ethernet (1)";
            case 772: return "Loopback (772)";
            case 776: return "IPv6-in-IPv4 (776)";
            case 65534: return "None (65534)";
            default: return "Unknown (" + v + ")";
        }
    }

    /** A BSD loopback address family: 2 is AF_INET everywhere, AF_INET6 is 24, 28 or 30 by OS. */
    static String addressFamily(int f) {
        switch (f) {
            case 2: return "IP (2)";
            case 24: case 28: case 30: return "IPv6 (" + f + ")";
            default: return "Unknown (" + f + ")";
        }
    }

    static String ipProtocol(int n) {
        String name;
        switch (n) {
            case 0: name = "IPv6 Hop-by-Hop Option"; break;
            case 1: name = "ICMP"; break;
            case 2: name = "IGMP"; break;
            case 4: name = "IPIP"; break;
            case 6: name = "TCP"; break;
            case 17: name = "UDP"; break;
            case 41: name = "IPv6"; break;
            case 43: name = "Routing Header for IPv6"; break;
            case 44: name = "Fragment Header for IPv6"; break;
            case 47: name = "GRE"; break;
            case 50: name = "Encap Security Payload"; break;
            case 51: name = "Authentication Header"; break;
            case 58: name = "ICMPv6"; break;
            case 59: name = "No Next Header for IPv6"; break;
            case 60: name = "Destination Options for IPv6"; break;
            case 89: name = "OSPF IGP"; break;
            case 132: name = "SCTP"; break;
            case 136: name = "UDPLite"; break;
            default: name = "Unknown"; break;
        }
        return name + " (" + n + ")";
    }

    /** An IPv6 extension header by the short name {@code FieldSpans} gives it ({@code hopopts}, ...). */
    static String ipv6Extension(String shortName) {
        switch (shortName) {
            case "hopopts": return "IPv6 Hop-by-Hop Option";
            case "routing": return "Routing Header for IPv6";
            case "fraghdr": return "Fragment Header for IPv6";
            case "dstopts": return "Destination Options for IPv6";
            case "ah": return "Authentication Header";
            default: return "IPv6 extension header " + shortName.replace("ext", "");
        }
    }

    /** "DSCP: CS0, ECN: Not-ECT" for a DS field (RFC 2474, RFC 3168). */
    static String dsShort(int ds) {
        return "DSCP: " + dscpShort(ds >> 2) + ", ECN: " + ECN_SHORT[ds & 3];
    }

    private static final String[] ECN_SHORT = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
    private static final String[] ECN_LONG = {"Not ECN-Capable Transport", "ECN-Capable Transport codepoint '01'",
        "ECN-Capable Transport codepoint '10'", "Congestion Experienced"};

    static String ecnLong(int ecn) {
        return ECN_LONG[ecn & 3] + " (" + (ecn & 3) + ")";
    }

    private static String dscpShort(int d) {
        if (d % 8 == 0) {
            return "CS" + d / 8;
        }
        if (d >= 10 && d <= 38 && d % 2 == 0 && d % 8 >= 2 && d % 8 <= 6) {
            return "AF" + d / 8 + d % 8 / 2;
        }
        switch (d) {
            case 46: return "EF PHB";
            case 44: return "VOICE-ADMIT";
            case 1: return "LE";
            default: return "Unknown (" + d + ")";
        }
    }

    static String dscpLong(int d) {
        String name;
        if (d == 0) {
            name = "Default";
        } else if (d % 8 == 0) {
            name = "Class Selector " + d / 8;
        } else if (dscpShort(d).startsWith("AF")) {
            name = "Assured Forwarding " + dscpShort(d).substring(2);
        } else if (d == 46) {
            name = "Expedited Forwarding";
        } else if (d == 44) {
            name = "Voice Admit";
        } else if (d == 1) {
            name = "Lower Effort";
        } else {
            name = "Unknown";
        }
        return name + " (" + d + ")";
    }
}
