package io.wirebook.decode;

/**
 * An ICMPv6 message type (RFC 4443, IANA "ICMPv6 Type Numbers") with its name and its codes' names, as
 * tcpdump and Wireshark call them.
 *
 * <p>In the manner of Netty's {@code DnsRecordType}: known types are constants, and {@link #valueOf} of any
 * other gives a value named {@code type N}, never an exception. Each of the 256 types has one instance, made on
 * its first lookup, so a lookup allocates at most once per type.
 */
public final class Icmpv6Type {
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

    private static final Icmpv6Type[] TABLE = new Icmpv6Type[256];

    static {
        for (Icmpv6Type t : new Icmpv6Type[] {DESTINATION_UNREACHABLE, PACKET_TOO_BIG, TIME_EXCEEDED, PARAMETER_PROBLEM,
                ECHO_REQUEST, ECHO_REPLY, MULTICAST_LISTENER_QUERY, MULTICAST_LISTENER_REPORT, MULTICAST_LISTENER_DONE,
                ROUTER_SOLICITATION, ROUTER_ADVERTISEMENT, NEIGHBOR_SOLICITATION, NEIGHBOR_ADVERTISEMENT, REDIRECT,
                MULTICAST_LISTENER_REPORT_V2}) {
            TABLE[t.value] = t;
        }
    }

    private final int value;
    private final String name;
    private final boolean error;
    /** Code names by code (null for an unnamed code), or null when the type has no named codes. */
    private final String[] codes;

    private Icmpv6Type(int value, String name, boolean error, String[] codes) {
        this.value = value;
        this.name = name;
        this.error = error;
        this.codes = codes;
    }

    /** The type with this number; a type we do not know gets a value of its own. */
    public static Icmpv6Type valueOf(int value) {
        if (value < 0 || value >= TABLE.length) {
            return new Icmpv6Type(value, "type " + value, false, null);
        }
        Icmpv6Type t = TABLE[value];
        if (t == null) {
            // A racing thread may make a second instance; both are equal and immutable, so either may stay.
            t = new Icmpv6Type(value, "type " + value, false, null);
            TABLE[value] = t;
        }
        return t;
    }

    public int value() {
        return value;
    }

    /** {@code echo request}, {@code neighbor solicitation}, ..., or {@code type N}. */
    public String name() {
        return name;
    }

    /** The name of {@code code} for this type ({@code code N} when unnamed), or null when the type names no codes. */
    public String codeName(int code) {
        return IcmpType.codeName(codes, code);
    }

    /**
     * True for the error messages we know to quote a packet: types 1 to 4 (RFC 4443 section 2.1 reserves 0 to
     * 127 for errors, but only these are defined there).
     */
    public boolean isError() {
        return error;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Icmpv6Type t && t.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
