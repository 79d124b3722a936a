package io.wirebook.decode;

/**
 * A TCP header (RFC 9293 section 3.1) with its options, decoded in place.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |          Source Port          |       Destination Port        |
 * |                        Sequence Number                        |
 * |                    Acknowledgment Number                      |
 * |  Data |Rsv|A|C|E|U|A|P|R|S|F|                                 |
 * | Offset|   |E|W|C|R|C|S|S|Y|I|            Window               |
 * |       |   | |R|E|G|K|H|T|N|N|                                 |
 * |           Checksum            |         Urgent Pointer        |
 * |                           [Options]                           |
 * </pre>
 * The AE bit (Accurate ECN, RFC 9768; formerly the ECN nonce "NS") is bit 8 of the 12 flag bits.
 */
public final class TcpHeader extends TransportHeader {
    public static final int SOURCE_PORT = 0, DESTINATION_PORT = 2, SEQUENCE = 4, ACKNOWLEDGMENT = 8,
            OFFSET_FLAGS = 12, WINDOW = 14, CHECKSUM = 16, URGENT = 18, OPTIONS = 20;
    public static final int MIN_LENGTH = 20;

    public static final int FIN = 0x001, SYN = 0x002, RST = 0x004, PSH = 0x008, ACK = 0x010, URG = 0x020,
            ECE = 0x040, CWR = 0x080, AE = 0x100;

    /** Option kinds (IANA "TCP Option Kind Numbers"); their names are {@link TcpOptionKind}'s. */
    public static final int OPT_EOL = 0, OPT_NOP = 1, OPT_MSS = 2, OPT_WS = 3, OPT_SACK_PERM = 4, OPT_SACK = 5,
            OPT_ECHO = 6, OPT_ECHO_REPLY = 7, OPT_TIMESTAMP = 8, OPT_MD5 = 19, OPT_USER_TIMEOUT = 28, OPT_AO = 29,
            OPT_MPTCP = 30, OPT_TFO = 34, OPT_ACCECN0 = 172, OPT_ACCECN1 = 174, OPT_EXPERIMENT1 = 253,
            OPT_EXPERIMENT2 = 254;
    /** Experimental-option ExID that marks TCP Fast Open before it had kind 34 (RFC 7413 section 4.1.1). */
    public static final int TFO_EXID = 0xF989;
    public static final int MAX_OPTIONS = 40;
    public static final int MAX_SACK_BLOCKS = 4;

    /** Raw sequence and acknowledgment numbers as unsigned 32-bit values. */
    public long seq;
    public long ack;
    public int headerLength;
    /** The 12 flag bits (reserved bits 9..11 included). */
    public int flags;
    /** The window field as sent (unscaled). */
    public int window;
    public int checksum;
    public int urgentPointer;
    /** Payload bytes as the IP length declares them (tshark's tcp.len). */
    public int payloadLength;
    /** Offset of the payload and how many of its bytes were captured. */
    public int payloadOffset;
    public int payloadCaptured;

    // Options, in order.
    public int optionCount;
    public final int[] optionKinds = new int[MAX_OPTIONS];
    public final int[] optionOffsets = new int[MAX_OPTIONS];
    public final int[] optionLengths = new int[MAX_OPTIONS];
    /** True when an option's length byte is bad (below 2, or running past the header). */
    public boolean optionsMalformed;

    // Values of the options that matter to analysis; -1 / false when absent.
    public int mss;
    public int windowScale;
    public boolean sackPermitted;
    public int sackCount;
    public final long[] sackLeft = new long[MAX_SACK_BLOCKS];
    public final long[] sackRight = new long[MAX_SACK_BLOCKS];
    public boolean hasTimestamp;
    public long tsVal;
    public long tsEcr;
    /** TFO cookie: offset and length (length 0 = cookie request), or offset -1 when absent. */
    public int tfoOffset;
    public int tfoLength;
    /**
     * Index (into {@link #optionKinds}) of the option that carries the TFO cookie: kind 34, or an experimental
     * kind with TFO's ExID; -1 when there is none.
     */
    public int tfoOption;
    /** MPTCP subtype of the first MPTCP option (see {@link MptcpSubtype}), or -1. */
    public int mptcpSubtype;

    void resetOptions() {
        optionCount = 0;
        optionsMalformed = false;
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        sackCount = 0;
        hasTimestamp = false;
        tsVal = 0;
        tsEcr = 0;
        tfoOffset = -1;
        tfoLength = 0;
        tfoOption = -1;
        mptcpSubtype = -1;
    }

    /**
     * Whether the first SACK block is a D-SACK (RFC 2883 section 4): it reports bytes that arrived twice,
     * not bytes past a hole. It is one when it lies at or below the cumulative ACK (its right edge is at or
     * before {@link #ack}), or when it overlaps the second block and ends inside it. This is tshark's test
     * ({@code tcp.options.sack.dsack}), checked on tshark 4.0: a first block that straddles the ACK is not
     * one, and neither is one that only touches the second.
     */
    public boolean dsack() {
        if (sackCount == 0) {
            return false;
        }
        long r0 = sackRight[0];
        if ((int) (r0 - ack) <= 0) {
            return true;
        }
        return sackCount > 1 && (int) (sackLeft[1] - r0) < 0 && (int) (sackRight[1] - r0) >= 0;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence space this segment occupies: payload plus one each for SYN and FIN (RFC 9293 3.4). */
    public long segmentLength() {
        return payloadLength + ((flags & SYN) != 0 ? 1 : 0) + ((flags & FIN) != 0 ? 1 : 0);
    }

    /** Flags as tshark's 12-character {@code tcp.flags.str}: RRRACEUAPRSF with U+00B7 for unset bits. */
    public static String flagString(int flags) {
        final String letters = "RRRACEUAPRSF";
        char[] out = new char[12];
        for (int i = 0; i < 12; i++) {
            int bit = 11 - i;
            out[i] = (flags & (1 << bit)) != 0 ? letters.charAt(i) : '\u00B7';
        }
        return new String(out);
    }

    /**
     * tcpdump's flag letters, in its order ({@code tcp_flag_values} in print-tcp.c): {@code F} FIN,
     * {@code S} SYN, {@code R} RST, {@code P} PSH, {@code .} ACK, {@code U} URG, {@code E} ECE,
     * {@code W} CWR, {@code e} AE; so an ECN-setup SYN/ACK is {@code [S.E]}.
     */
    public static void appendTcpdumpFlags(StringBuilder sb, int f) {
        if ((f & FIN) != 0) sb.append('F');
        if ((f & SYN) != 0) sb.append('S');
        if ((f & RST) != 0) sb.append('R');
        if ((f & PSH) != 0) sb.append('P');
        if ((f & ACK) != 0) sb.append('.');
        if ((f & URG) != 0) sb.append('U');
        if ((f & ECE) != 0) sb.append('E');
        if ((f & CWR) != 0) sb.append('W');
        if ((f & AE) != 0) sb.append('e');
    }

    /** {@link #appendTcpdumpFlags}'s letters for each combination of the nine flags, made once. */
    private static final String[] TCPDUMP_FLAGS = new String[0x200];

    static {
        StringBuilder sb = new StringBuilder(9);
        for (int f = 0; f < TCPDUMP_FLAGS.length; f++) {
            sb.setLength(0);
            appendTcpdumpFlags(sb, f);
            TCPDUMP_FLAGS[f] = sb.toString();
        }
    }

    /** tcpdump's flag letters as {@link #appendTcpdumpFlags} writes them (the reserved bits are not shown). */
    public static String tcpdumpFlags(int f) {
        return TCPDUMP_FLAGS[f & 0x1FF];
    }

    /** Names of the set flags in wire order from most to least significant, as tshark lists them. */
    public static void flagNames(int flags, java.util.List<String> out) {
        if ((flags & 0xE00) != 0) out.add("RES");
        if ((flags & AE) != 0) out.add("AE");
        if ((flags & CWR) != 0) out.add("CWR");
        if ((flags & ECE) != 0) out.add("ECE");
        if ((flags & URG) != 0) out.add("URG");
        if ((flags & ACK) != 0) out.add("ACK");
        if ((flags & PSH) != 0) out.add("PSH");
        if ((flags & RST) != 0) out.add("RST");
        if ((flags & SYN) != 0) out.add("SYN");
        if ((flags & FIN) != 0) out.add("FIN");
    }
}
