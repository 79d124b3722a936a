package io.wirebook.decode;

/**
 * The subtype of a Multipath TCP option: the high nibble of its third byte (RFC 8684 section 3, IANA "MPTCP
 * Option Subtypes"), named as the RFC names it: {@code MP_CAPABLE}, {@code DSS}, ..., {@code MP_TCPRST}, or
 * {@code subtype N} for one the RFC does not define.
 */
public final class MptcpSubtype extends WireValue {
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

    private static final WireTable<MptcpSubtype> TABLE = new WireTable<>(16,
            n -> new MptcpSubtype(n, "subtype " + n), MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, REMOVE_ADDR, MP_PRIO,
            MP_FAIL, MP_FASTCLOSE, MP_TCPRST);

    private MptcpSubtype(int value, String name) {
        super(value, name);
    }

    /** The subtype with this number (0 to 15; any other number gets a value of its own). */
    public static MptcpSubtype valueOf(int value) {
        return TABLE.get(value);
    }

    /** The subtype of the MPTCP option whose kind byte is at {@code b[i]} (its length must be 3 or more). */
    public static MptcpSubtype of(byte[] b, int i) {
        return TABLE.get((b[i + 2] & 0xFF) >> 4);
    }
}
