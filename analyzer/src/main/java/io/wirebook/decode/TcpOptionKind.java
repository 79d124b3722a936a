package io.wirebook.decode;

/**
 * A TCP option kind (IANA "TCP Option Kind Numbers") with its name as tcpdump and Wireshark spell it:
 * {@code mss}, {@code wscale}, {@code sackOK}, {@code TS}, ..., {@code exp}, or {@code unknown-N} for a kind we
 * do not know. The numbers themselves, for {@code switch}, are {@link TcpHeader}'s {@code OPT_*} constants.
 */
public final class TcpOptionKind extends WireValue {
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

    private static final WireTable<TcpOptionKind> TABLE = new WireTable<>(256,
            n -> new TcpOptionKind(n, "unknown-" + n), EOL, NOP, MSS, WINDOW_SCALE, SACK_PERMITTED, SACK, ECHO,
            ECHO_REPLY, TIMESTAMP, MD5, USER_TIMEOUT, AO, MPTCP, FAST_OPEN, ACCECN0, ACCECN1, EXPERIMENT1, EXPERIMENT2);

    private TcpOptionKind(int value, String name) {
        super(value, name);
    }

    /** The kind with this number; a kind we do not know gets a value of its own. */
    public static TcpOptionKind valueOf(int value) {
        return TABLE.get(value);
    }

    /** True for RFC 6994's experimental kinds 253 and 254, whose first two data bytes are an ExID. */
    public boolean isExperimental() {
        return value() == TcpHeader.OPT_EXPERIMENT1 || value() == TcpHeader.OPT_EXPERIMENT2;
    }
}
