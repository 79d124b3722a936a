package io.wirebook.decode;

/**
 * The subtype of a Multipath TCP option: the high nibble of its third byte (RFC 8684 section 3, IANA "MPTCP
 * Option Subtypes"), named as the RFC names it.
 *
 * <p>In the manner of Netty's {@code DnsRecordType}: known subtypes are constants, and {@link #valueOf} of any
 * other gives a value named {@code subtype N}, never an exception. All 16 subtypes have their instance from
 * the start, so a lookup never allocates.
 */
public final class MptcpSubtype {
    public static final MptcpSubtype MP_CAPABLE = new MptcpSubtype(0, "MP_CAPABLE");
    public static final MptcpSubtype MP_JOIN = new MptcpSubtype(1, "MP_JOIN");
    public static final MptcpSubtype DSS = new MptcpSubtype(2, "DSS");
    public static final MptcpSubtype ADD_ADDR = new MptcpSubtype(3, "ADD_ADDR");
    public static final MptcpSubtype REMOVE_ADDR = new MptcpSubtype(4, "REMOVE_ADDR");
    public static final MptcpSubtype MP_PRIO = new MptcpSubtype(5, "MP_PRIO");
    public static final MptcpSubtype MP_FAIL = new MptcpSubtype(6, "MP_FAIL");
    public static final MptcpSubtype MP_FASTCLOSE = new MptcpSubtype(7, "MP_FASTCLOSE");
    /** RFC 8684 section 3.6. */
    public static final MptcpSubtype MP_TCPRST = new MptcpSubtype(8, "MP_TCPRST");

    private static final MptcpSubtype[] TABLE = new MptcpSubtype[16];

    static {
        for (MptcpSubtype s : new MptcpSubtype[] {MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL,
                MP_FASTCLOSE, MP_TCPRST}) {
            TABLE[s.value] = s;
        }
        for (int i = 0; i < TABLE.length; i++) {
            if (TABLE[i] == null) {
                TABLE[i] = new MptcpSubtype(i, "subtype " + i);
            }
        }
    }

    private final int value;
    private final String name;

    private MptcpSubtype(int value, String name) {
        this.value = value;
        this.name = name;
    }

    /** The subtype with this number (0 to 15; any other number gets a value of its own). */
    public static MptcpSubtype valueOf(int value) {
        return value >= 0 && value < TABLE.length ? TABLE[value] : new MptcpSubtype(value, "subtype " + value);
    }

    /** The subtype of the MPTCP option whose kind byte is at {@code b[i]} (its length must be 3 or more). */
    public static MptcpSubtype of(byte[] b, int i) {
        return TABLE[(b[i + 2] & 0xFF) >> 4];
    }

    public int value() {
        return value;
    }

    /** {@code MP_CAPABLE}, {@code DSS}, ..., {@code MP_TCPRST}, or {@code subtype N}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MptcpSubtype s && s.value == value;
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
