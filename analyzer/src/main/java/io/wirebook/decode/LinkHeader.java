package io.wirebook.decode;

/** The link layer: which framing, where the network layer starts, and what it carries. */
public final class LinkHeader {
    /** LINKTYPE_* of the frame. */
    public int linkType;
    /** Offset of the link header (always 0) and its length including VLAN tags. */
    public int offset;
    public int length;
    /** EtherType (or the equivalent protocol field) of the payload; -1 when the link says nothing. */
    public int etherType;
    /** 802.1Q / 802.1ad tags seen, outermost first (at most {@link #MAX_VLANS}). */
    public int vlanCount;
    public final int[] vlanIds = new int[MAX_VLANS];
    public final int[] vlanOffsets = new int[MAX_VLANS];
    /** Linux cooked capture packet type (0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing), or -1. */
    public int pktType;
    /** LINUX_SLL2 interface index, or -1. */
    public int ifIndex;
    /** NULL/LOOP address family value, or -1. */
    public int family;
    /** Ethernet source/destination MAC offsets (or -1). */
    public int srcMacOffset;
    public int dstMacOffset;

    public static final int MAX_VLANS = 4;

    void reset(int linkType) {
        this.linkType = linkType;
        offset = 0;
        length = 0;
        etherType = -1;
        vlanCount = 0;
        pktType = -1;
        ifIndex = -1;
        family = -1;
        srcMacOffset = -1;
        dstMacOffset = -1;
    }
}
