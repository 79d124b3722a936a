package io.wirebook.decode;

/**
 * An IP protocol number: IPv4's Protocol field, IPv6's Next Header (IANA "Assigned Internet Protocol
 * Numbers"), with the name our outputs give it.
 *
 * <p>In the manner of Netty's {@code DnsRecordType}: the numbers we decode are constants, and {@link
 * #valueOf} of any other number gives a value named {@code ip-proto-N}, never an exception. Each of the 256
 * numbers has one instance, made on its first lookup, so a lookup allocates at most once per number.
 */
public final class IpProtocol {
    public static final IpProtocol ICMP = new IpProtocol(1, "icmp", "ICMP");
    public static final IpProtocol TCP = new IpProtocol(6, "tcp", "TCP");
    public static final IpProtocol UDP = new IpProtocol(17, "udp", "UDP");
    public static final IpProtocol ICMPV6 = new IpProtocol(58, "icmpv6", "ICMPv6");
    /** IPv6 "No Next Header" (RFC 8200 section 4.7): nothing follows the headers. */
    public static final IpProtocol NO_NEXT_HEADER = new IpProtocol(59, "none", "protocol 59");

    private static final IpProtocol[] TABLE = new IpProtocol[256];

    static {
        for (IpProtocol p : new IpProtocol[] {ICMP, TCP, UDP, ICMPV6, NO_NEXT_HEADER}) {
            TABLE[p.value] = p;
        }
    }

    private final int value;
    private final String name;
    private final String words;

    private IpProtocol(int value, String name, String words) {
        this.value = value;
        this.name = name;
        this.words = words;
    }

    /** The protocol with this number; a number we do not decode gets a value of its own. */
    public static IpProtocol valueOf(int value) {
        if (value < 0 || value >= TABLE.length) {
            return unknown(value);
        }
        IpProtocol p = TABLE[value];
        if (p == null) {
            // A racing thread may make a second instance; both are equal and immutable, so either may stay.
            p = unknown(value);
            TABLE[value] = p;
        }
        return p;
    }

    private static IpProtocol unknown(int value) {
        return new IpProtocol(value, "ip-proto-" + value, "protocol " + value);
    }

    public int value() {
        return value;
    }

    /** As JSON Lines' {@code proto} and the text line spell it: {@code tcp}, {@code icmpv6}, {@code ip-proto-N}. */
    public String name() {
        return name;
    }

    /** As a sentence names it: {@code TCP}, {@code ICMPv6}, {@code protocol N}. */
    public String words() {
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpProtocol p && p.value == value;
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
