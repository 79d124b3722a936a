package io.wirebook.capture;

/** LINKTYPE_* values (tcpdump.org/linktypes.html) that Wirebook decodes, and their names. */
public final class LinkType {
    private LinkType() {}

    public static final int NULL = 0;
    public static final int EN10MB = 1;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** DLT_RAW as some platforms number it (OpenBSD 14, others 12); libpcap maps both to LINKTYPE_RAW. */
    public static final int DLT_RAW_12 = 12;
    public static final int DLT_RAW_14 = 14;

    /** Short name as tcpdump prints it after "link-type", or "LINKTYPE_n" for an unknown value. */
    public static String name(int linkType) {
        switch (linkType) {
            case NULL: return "NULL";
            case EN10MB: return "EN10MB";
            case RAW: case DLT_RAW_12: case DLT_RAW_14: return "RAW";
            case LOOP: return "LOOP";
            case LINUX_SLL: return "LINUX_SLL";
            case IPV4: return "IPV4";
            case IPV6: return "IPV6";
            case LINUX_SLL2: return "LINUX_SLL2";
            default: return "LINKTYPE_" + linkType;
        }
    }
}
