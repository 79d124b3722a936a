package io.wirebook.decode;

/** ICMP and ICMPv6 type and code names (IANA registries); unknown values get a numbered name, never an error. */
public final class IcmpNames {
    private IcmpNames() {}

    public static String v4Type(int type) {
        switch (type) {
            case 0: return "echo reply";
            case 3: return "destination unreachable";
            case 4: return "source quench";
            case 5: return "redirect";
            case 8: return "echo request";
            case 9: return "router advertisement";
            case 10: return "router solicitation";
            case 11: return "time exceeded";
            case 12: return "parameter problem";
            case 13: return "timestamp request";
            case 14: return "timestamp reply";
            case 17: return "address mask request";
            case 18: return "address mask reply";
            default: return "type " + type;
        }
    }

    public static String v4Code(int type, int code) {
        if (type == 3) {
            switch (code) {
                case 0: return "network unreachable";
                case 1: return "host unreachable";
                case 2: return "protocol unreachable";
                case 3: return "port unreachable";
                case 4: return "fragmentation needed and DF set";
                case 5: return "source route failed";
                case 6: return "destination network unknown";
                case 7: return "destination host unknown";
                case 9: return "network administratively prohibited";
                case 10: return "host administratively prohibited";
                case 13: return "communication administratively prohibited";
                default: return "code " + code;
            }
        }
        if (type == 11) {
            return code == 0 ? "TTL exceeded in transit" : code == 1 ? "fragment reassembly time exceeded" : "code " + code;
        }
        if (type == 5) {
            return code == 0 ? "for network" : code == 1 ? "for host" : "code " + code;
        }
        return null;
    }

    public static String v6Type(int type) {
        switch (type) {
            case 1: return "destination unreachable";
            case 2: return "packet too big";
            case 3: return "time exceeded";
            case 4: return "parameter problem";
            case 128: return "echo request";
            case 129: return "echo reply";
            case 130: return "multicast listener query";
            case 131: return "multicast listener report";
            case 132: return "multicast listener done";
            case 133: return "router solicitation";
            case 134: return "router advertisement";
            case 135: return "neighbor solicitation";
            case 136: return "neighbor advertisement";
            case 137: return "redirect";
            case 143: return "multicast listener report v2";
            default: return "type " + type;
        }
    }

    public static String v6Code(int type, int code) {
        if (type == 1) {
            switch (code) {
                case 0: return "no route to destination";
                case 1: return "administratively prohibited";
                case 2: return "beyond scope of source address";
                case 3: return "address unreachable";
                case 4: return "port unreachable";
                case 5: return "source address failed policy";
                case 6: return "reject route to destination";
                default: return "code " + code;
            }
        }
        if (type == 3) {
            return code == 0 ? "hop limit exceeded in transit" : code == 1 ? "fragment reassembly time exceeded" : "code " + code;
        }
        return null;
    }

    /** True for ICMPv4 types that quote the packet that caused them (RFC 792, RFC 1812). */
    public static boolean v4IsError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** True for ICMPv6 error messages (types 0..127, RFC 4443 section 2.1) we know to quote a packet. */
    public static boolean v6IsError(int type) {
        return type >= 1 && type <= 4;
    }
}
