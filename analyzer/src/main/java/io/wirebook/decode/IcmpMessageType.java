package io.wirebook.decode;

/**
 * An ICMP or ICMPv6 message type with its name and its codes' names, as tcpdump and Wireshark call them:
 * {@code echo request}, {@code destination unreachable}, ..., or {@code type N} for a type we do not know.
 * The two protocols number their types differently, hence one type each: {@link IcmpType} and {@link
 * Icmpv6Type}.
 */
public abstract sealed class IcmpMessageType extends WireValue permits IcmpType, Icmpv6Type {
    private final boolean error;
    /** Code names by code (null for an unnamed code), or null when the type has no named codes. */
    private final String[] codes;

    IcmpMessageType(int value, String name, boolean error, String[] codes) {
        super(value, name);
        this.error = error;
        this.codes = codes;
    }

    /** The name of {@code code} for this type ({@code code N} when unnamed), or null when the type names no codes. */
    public final String codeName(int code) {
        if (codes == null) {
            return null;
        }
        String name = code >= 0 && code < codes.length ? codes[code] : null;
        return name != null ? name : "code " + code;
    }

    /** True for the error messages, which quote the packet that caused them; each protocol says which. */
    public final boolean isError() {
        return error;
    }
}
