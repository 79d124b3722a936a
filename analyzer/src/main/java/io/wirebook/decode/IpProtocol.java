package io.wirebook.decode;

/**
 * An IP protocol number: IPv4's Protocol field, IPv6's Next Header (IANA "Assigned Internet Protocol
 * Numbers"). Its {@link #name()} is as JSON Lines' {@code proto} and the text line spell it ({@code tcp},
 * {@code icmpv6}, {@code ip-proto-N} for a number we do not decode), its {@link #words()} as a sentence
 * names it.
 */
public final class IpProtocol extends WireValue {
    public static final IpProtocol ICMP = new IpProtocol(1, "icmp", "ICMP");
    public static final IpProtocol TCP = new IpProtocol(6, "tcp", "TCP");
    public static final IpProtocol UDP = new IpProtocol(17, "udp", "UDP");
    public static final IpProtocol ICMPV6 = new IpProtocol(58, "icmpv6", "ICMPv6");
    /** IPv6 "No Next Header" (RFC 8200 section 4.7): nothing follows the headers. */
    public static final IpProtocol NO_NEXT_HEADER = new IpProtocol(59, "none", "protocol 59");

    private static final WireTable<IpProtocol> TABLE = new WireTable<>(256,
            n -> new IpProtocol(n, "ip-proto-" + n, "protocol " + n), ICMP, TCP, UDP, ICMPV6, NO_NEXT_HEADER);

    private final String words;

    private IpProtocol(int value, String name, String words) {
        super(value, name);
        this.words = words;
    }

    /** The protocol with this number; a number we do not decode gets a value of its own. */
    public static IpProtocol valueOf(int value) {
        return TABLE.get(value);
    }

    /** As a sentence names it: {@code TCP}, {@code ICMPv6}, {@code protocol N}. */
    public String words() {
        return words;
    }
}
