package io.wirebook.decode;

/**
 * Why a packet could not be decoded completely: the layer, the absolute offset in the frame where the
 * fault was found, how many bytes that layer needed and how many there were (in the manner of
 * etherparse's {@code LenError}). A malformed packet is a flagged row, never an exception.
 */
public final class Malformed {
    /** The layer a fault was found in. */
    public enum Layer {
        ETHERNET, VLAN, SLL, SLL2, NULL, LOOP, IP, IPV4, IPV6, TCP, UDP, ICMP, ICMPV6;

        private final String label = name().toLowerCase(java.util.Locale.ROOT);

        /** Lower case, as JSON Lines' {@code malformed.layer} and the text line's {@code [malformed tcp: ...]} spell it. */
        public String label() {
            return label;
        }

        /** Upper case, as the text line names a frame that never reached IP ({@code ETHERNET}, {@code SLL2}). */
        public String upperCase() {
            return name();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where the fault was found. */
    public Layer layer;
    /** Absolute byte offset within the frame where the layer (or the bad field) starts. */
    public int offset;
    /** Bytes needed, or -1 when the fault is not a length shortfall. */
    public int need;
    /** Bytes available, or -1. */
    public int have;
    /** Plain-words reason, naming the rule that was broken. */
    public String reason;
    /** True when the shortfall is only because the capture's snaplen cut the packet (not corruption). */
    public boolean truncatedBySnaplen;

    void set(Layer layer, int offset, int need, int have, String reason, boolean bySnaplen) {
        this.layer = layer;
        this.offset = offset;
        this.need = need;
        this.have = have;
        this.reason = reason;
        this.truncatedBySnaplen = bySnaplen;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(layer.label()).append(" at offset ").append(offset).append(": ").append(reason);
        if (need >= 0) {
            sb.append(" (need ").append(need).append(" bytes, have ").append(have).append(')');
        }
        return sb.toString();
    }
}
