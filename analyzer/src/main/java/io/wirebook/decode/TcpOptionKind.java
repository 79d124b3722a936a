package io.wirebook.decode;

/**
 * A TCP option kind (IANA "TCP Option Kind Numbers") with its name as tcpdump and Wireshark spell it.
 *
 * <p>In the manner of Netty's {@code DnsRecordType}: known kinds are constants, and {@link #valueOf} of any
 * other kind gives a value named {@code unknown-N}, never an exception. Each of the 256 kinds has one
 * instance, made on its first lookup, so a lookup allocates at most once per kind. The numbers themselves,
 * for {@code switch}, are {@link TcpHeader}'s {@code OPT_*} constants.
 */
public final class TcpOptionKind {
    public static final TcpOptionKind EOL = new TcpOptionKind(TcpHeader.OPT_EOL, "eol");
    public static final TcpOptionKind NOP = new TcpOptionKind(TcpHeader.OPT_NOP, "nop");
    public static final TcpOptionKind MSS = new TcpOptionKind(TcpHeader.OPT_MSS, "mss");
    public static final TcpOptionKind WINDOW_SCALE = new TcpOptionKind(TcpHeader.OPT_WS, "wscale");
    public static final TcpOptionKind SACK_PERMITTED = new TcpOptionKind(TcpHeader.OPT_SACK_PERM, "sackOK");
    public static final TcpOptionKind SACK = new TcpOptionKind(TcpHeader.OPT_SACK, "sack");
    public static final TcpOptionKind ECHO = new TcpOptionKind(TcpHeader.OPT_ECHO, "echo");
    public static final TcpOptionKind ECHO_REPLY = new TcpOptionKind(TcpHeader.OPT_ECHO_REPLY, "echoreply");
    public static final TcpOptionKind TIMESTAMP = new TcpOptionKind(TcpHeader.OPT_TIMESTAMP, "TS");
    public static final TcpOptionKind MD5 = new TcpOptionKind(TcpHeader.OPT_MD5, "md5");
    public static final TcpOptionKind USER_TIMEOUT = new TcpOptionKind(TcpHeader.OPT_USER_TIMEOUT, "uto");
    public static final TcpOptionKind AO = new TcpOptionKind(TcpHeader.OPT_AO, "tcp-ao");
    public static final TcpOptionKind MPTCP = new TcpOptionKind(TcpHeader.OPT_MPTCP, "mptcp");
    public static final TcpOptionKind FAST_OPEN = new TcpOptionKind(TcpHeader.OPT_TFO, "tfo");
    public static final TcpOptionKind ACCECN0 = new TcpOptionKind(TcpHeader.OPT_ACCECN0, "accecn0");
    public static final TcpOptionKind ACCECN1 = new TcpOptionKind(TcpHeader.OPT_ACCECN1, "accecn1");
    /** RFC 6994's two experimental kinds; TCP Fast Open used them (ExID 0xF989) before it had kind 34. */
    public static final TcpOptionKind EXPERIMENT1 = new TcpOptionKind(TcpHeader.OPT_EXPERIMENT1, "exp");
    public static final TcpOptionKind EXPERIMENT2 = new TcpOptionKind(TcpHeader.OPT_EXPERIMENT2, "exp");

    private static final TcpOptionKind[] TABLE = new TcpOptionKind[256];

    static {
        for (TcpOptionKind k : new TcpOptionKind[] {EOL, NOP, MSS, WINDOW_SCALE, SACK_PERMITTED, SACK, ECHO, ECHO_REPLY,
                TIMESTAMP, MD5, USER_TIMEOUT, AO, MPTCP, FAST_OPEN, ACCECN0, ACCECN1, EXPERIMENT1, EXPERIMENT2}) {
            TABLE[k.value] = k;
        }
    }

    private final int value;
    private final String name;

    private TcpOptionKind(int value, String name) {
        this.value = value;
        this.name = name;
    }

    /** The kind with this number; a kind we do not know gets a value of its own. */
    public static TcpOptionKind valueOf(int value) {
        if (value < 0 || value >= TABLE.length) {
            return new TcpOptionKind(value, "unknown-" + value);
        }
        TcpOptionKind k = TABLE[value];
        if (k == null) {
            // A racing thread may make a second instance; both are equal and immutable, so either may stay.
            k = new TcpOptionKind(value, "unknown-" + value);
            TABLE[value] = k;
        }
        return k;
    }

    public int value() {
        return value;
    }

    /** {@code mss}, {@code wscale}, {@code sackOK}, {@code TS}, ..., {@code exp}, or {@code unknown-N}. */
    public String name() {
        return name;
    }

    /** True for RFC 6994's experimental kinds 253 and 254, whose first two data bytes are an ExID. */
    public boolean isExperimental() {
        return value == TcpHeader.OPT_EXPERIMENT1 || value == TcpHeader.OPT_EXPERIMENT2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOptionKind k && k.value == value;
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
