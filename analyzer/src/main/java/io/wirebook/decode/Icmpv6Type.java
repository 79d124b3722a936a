package io.wirebook.decode;

/**
 * An ICMPv6 message type (RFC 4443, IANA "ICMPv6 Type Numbers"). The errors, which quote the packet that
 * caused them, are the ones we know to: types 1 to 4 (RFC 4443 section 2.1 reserves 0 to 127 for errors, but
 * only these are defined there).
 */
public final class Icmpv6Type extends IcmpMessageType {
    public static final Icmpv6Type DESTINATION_UNREACHABLE = new Icmpv6Type(1, "destination unreachable", true,
            new String[] {"no route to destination", "administratively prohibited", "beyond scope of source address",
                    "address unreachable", "port unreachable", "source address failed policy",
                    "reject route to destination"});
    public static final Icmpv6Type PACKET_TOO_BIG = new Icmpv6Type(2, "packet too big", true, null);
    public static final Icmpv6Type TIME_EXCEEDED = new Icmpv6Type(3, "time exceeded", true,
            new String[] {"hop limit exceeded in transit", "fragment reassembly time exceeded"});
    public static final Icmpv6Type PARAMETER_PROBLEM = new Icmpv6Type(4, "parameter problem", true, null);
    public static final Icmpv6Type ECHO_REQUEST = new Icmpv6Type(128, "echo request", false, null);
    public static final Icmpv6Type ECHO_REPLY = new Icmpv6Type(129, "echo reply", false, null);
    public static final Icmpv6Type MULTICAST_LISTENER_QUERY = new Icmpv6Type(130, "multicast listener query", false, null);
    public static final Icmpv6Type MULTICAST_LISTENER_REPORT = new Icmpv6Type(131, "multicast listener report", false, null);
    public static final Icmpv6Type MULTICAST_LISTENER_DONE = new Icmpv6Type(132, "multicast listener done", false, null);
    public static final Icmpv6Type ROUTER_SOLICITATION = new Icmpv6Type(133, "router solicitation", false, null);
    public static final Icmpv6Type ROUTER_ADVERTISEMENT = new Icmpv6Type(134, "router advertisement", false, null);
    public static final Icmpv6Type NEIGHBOR_SOLICITATION = new Icmpv6Type(135, "neighbor solicitation", false, null);
    public static final Icmpv6Type NEIGHBOR_ADVERTISEMENT = new Icmpv6Type(136, "neighbor advertisement", false, null);
    public static final Icmpv6Type REDIRECT = new Icmpv6Type(137, "redirect", false, null);
    public static final Icmpv6Type MULTICAST_LISTENER_REPORT_V2 =
            new Icmpv6Type(143, "multicast listener report v2", false, null);

    private static final WireTable<Icmpv6Type> TABLE = new WireTable<>(256,
            n -> new Icmpv6Type(n, "type " + n, false, null), DESTINATION_UNREACHABLE, PACKET_TOO_BIG, TIME_EXCEEDED,
            PARAMETER_PROBLEM, ECHO_REQUEST, ECHO_REPLY, MULTICAST_LISTENER_QUERY, MULTICAST_LISTENER_REPORT,
            MULTICAST_LISTENER_DONE, ROUTER_SOLICITATION, ROUTER_ADVERTISEMENT, NEIGHBOR_SOLICITATION,
            NEIGHBOR_ADVERTISEMENT, REDIRECT, MULTICAST_LISTENER_REPORT_V2);

    private Icmpv6Type(int value, String name, boolean error, String[] codes) {
        super(value, name, error, codes);
    }

    /** The type with this number; a type we do not know gets a value of its own. */
    public static Icmpv6Type valueOf(int value) {
        return TABLE.get(value);
    }
}
