package io.wirebook.decode;

/**
 * An ICMP (IPv4) message type (RFC 792, IANA "ICMP Type Numbers") with its name and its codes' names, as
 * tcpdump and Wireshark call them.
 *
 * <p>In the manner of Netty's {@code DnsRecordType}: known types are constants, and {@link #valueOf} of any
 * other gives a value named {@code type N}, never an exception. Each of the 256 types has one instance, made on
 * its first lookup, so a lookup allocates at most once per type. ICMPv6 numbers its types differently: {@link
 * Icmpv6Type}.
 */
public final class IcmpType {
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

    private static final IcmpType[] TABLE = new IcmpType[256];

    static {
        for (IcmpType t : new IcmpType[] {ECHO_REPLY, DESTINATION_UNREACHABLE, SOURCE_QUENCH, REDIRECT, ECHO_REQUEST,
                ROUTER_ADVERTISEMENT, ROUTER_SOLICITATION, TIME_EXCEEDED, PARAMETER_PROBLEM, TIMESTAMP_REQUEST,
                TIMESTAMP_REPLY, ADDRESS_MASK_REQUEST, ADDRESS_MASK_REPLY}) {
            TABLE[t.value] = t;
        }
    }

    private final int value;
    private final String name;
    private final boolean error;
    /** Code names by code (null for an unnamed code), or null when the type has no named codes. */
    private final String[] codes;

    private IcmpType(int value, String name, boolean error, String[] codes) {
        this.value = value;
        this.name = name;
        this.error = error;
        this.codes = codes;
    }

    /** The type with this number; a type we do not know gets a value of its own. */
    public static IcmpType valueOf(int value) {
        if (value < 0 || value >= TABLE.length) {
            return new IcmpType(value, "type " + value, false, null);
        }
        IcmpType t = TABLE[value];
        if (t == null) {
            // A racing thread may make a second instance; both are equal and immutable, so either may stay.
            t = new IcmpType(value, "type " + value, false, null);
            TABLE[value] = t;
        }
        return t;
    }

    public int value() {
        return value;
    }

    /** {@code echo request}, {@code destination unreachable}, ..., or {@code type N}. */
    public String name() {
        return name;
    }

    /** The name of {@code code} for this type ({@code code N} when unnamed), or null when the type names no codes. */
    public String codeName(int code) {
        return codeName(codes, code);
    }

    /** True for the error messages, which quote the packet that caused them (RFC 792, RFC 1812 section 4.3.2.3). */
    public boolean isError() {
        return error;
    }

    /** {@code codes[code]}, {@code code N} when that code is unnamed, or null when the type names no codes. */
    static String codeName(String[] codes, int code) {
        if (codes == null) {
            return null;
        }
        String name = code >= 0 && code < codes.length ? codes[code] : null;
        return name != null ? name : "code " + code;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpType t && t.value == value;
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
