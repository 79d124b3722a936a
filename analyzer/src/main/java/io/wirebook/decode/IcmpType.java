package io.wirebook.decode;

/**
 * An ICMP (IPv4) message type (RFC 792, IANA "ICMP Type Numbers"). The errors, which quote the packet that
 * caused them, are those of RFC 792 and RFC 1812 section 4.3.2.3.
 */
public final class IcmpType extends IcmpMessageType {
    public static final IcmpType ECHO_REPLY = new IcmpType(0, "echo reply", false, null);
    /** RFC 792, with the codes RFC 1122 and RFC 1812 added. */
    public static final IcmpType DESTINATION_UNREACHABLE = new IcmpType(3, "destination unreachable", true,
            new String[] {"network unreachable", "host unreachable", "protocol unreachable", "port unreachable",
                    "fragmentation needed and DF set", "source route failed", "destination network unknown",
                    "destination host unknown", null, "network administratively prohibited",
                    "host administratively prohibited", null, null, "communication administratively prohibited"});
    public static final IcmpType SOURCE_QUENCH = new IcmpType(4, "source quench", true, null);
    public static final IcmpType REDIRECT = new IcmpType(5, "redirect", true, new String[] {"for network", "for host"});
    public static final IcmpType ECHO_REQUEST = new IcmpType(8, "echo request", false, null);
    public static final IcmpType ROUTER_ADVERTISEMENT = new IcmpType(9, "router advertisement", false, null);
    public static final IcmpType ROUTER_SOLICITATION = new IcmpType(10, "router solicitation", false, null);
    public static final IcmpType TIME_EXCEEDED = new IcmpType(11, "time exceeded", true,
            new String[] {"TTL exceeded in transit", "fragment reassembly time exceeded"});
    public static final IcmpType PARAMETER_PROBLEM = new IcmpType(12, "parameter problem", true, null);
    public static final IcmpType TIMESTAMP_REQUEST = new IcmpType(13, "timestamp request", false, null);
    public static final IcmpType TIMESTAMP_REPLY = new IcmpType(14, "timestamp reply", false, null);
    public static final IcmpType ADDRESS_MASK_REQUEST = new IcmpType(17, "address mask request", false, null);
    public static final IcmpType ADDRESS_MASK_REPLY = new IcmpType(18, "address mask reply", false, null);

    private static final WireTable<IcmpType> TABLE = new WireTable<>(256,
            n -> new IcmpType(n, "type " + n, false, null), ECHO_REPLY, DESTINATION_UNREACHABLE, SOURCE_QUENCH,
            REDIRECT, ECHO_REQUEST, ROUTER_ADVERTISEMENT, ROUTER_SOLICITATION, TIME_EXCEEDED, PARAMETER_PROBLEM,
            TIMESTAMP_REQUEST, TIMESTAMP_REPLY, ADDRESS_MASK_REQUEST, ADDRESS_MASK_REPLY);

    private IcmpType(int value, String name, boolean error, String[] codes) {
        super(value, name, error, codes);
    }

    /** The type with this number; a type we do not know gets a value of its own. */
    public static IcmpType valueOf(int value) {
        return TABLE.get(value);
    }
}
