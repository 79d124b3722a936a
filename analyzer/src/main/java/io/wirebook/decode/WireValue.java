package io.wirebook.decode;

/**
 * A number from a protocol header with the name our outputs give it: the base of the wire-number value
 * types ({@link IpProtocol}, {@link TcpOptionKind}, {@link MptcpSubtype}, {@link IcmpType}, {@link
 * Icmpv6Type}).
 *
 * <p>In the manner of Netty's {@code DnsRecordType}: the numbers we know are constants of the subclass, and
 * its {@code valueOf} gives any other number a value named after it, never an exception; one {@code
 * WireTable} per type holds them, so a lookup allocates at most once per number. Two values are equal when
 * they are of the same type and have the same number, so IP protocol 1 is not ICMPv6 type 1.
 */
public abstract class WireValue {
    private final int value;
    private final String name;

    WireValue(int value, String name) {
        this.value = value;
        this.name = name;
    }

    /** The number as the header carries it. */
    public final int value() {
        return value;
    }

    /** The name our outputs give the number; each type says how it spells the names. */
    public final String name() {
        return name;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((WireValue) o).value == value;
    }

    @Override
    public final int hashCode() {
        return value;
    }

    @Override
    public final String toString() {
        return name;
    }
}
