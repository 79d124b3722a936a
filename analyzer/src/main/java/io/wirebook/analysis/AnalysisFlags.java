package io.wirebook.analysis;

import java.util.List;

/**
 * tshark's TCP expert analysis findings ({@code tcp.analysis.*}), as bits of an int, in the order tshark
 * prints them in a frame. Names are tshark's field names without the {@code tcp.analysis.} prefix.
 */
public final class AnalysisFlags {
    private AnalysisFlags() {}

    public static final int REUSED_PORTS = 1, RETRANSMISSION = 1 << 1, FAST_RETRANSMISSION = 1 << 2,
            SPURIOUS_RETRANSMISSION = 1 << 3, OUT_OF_ORDER = 1 << 4, LOST_SEGMENT = 1 << 5,
            ACK_LOST_SEGMENT = 1 << 6, WINDOW_UPDATE = 1 << 7, WINDOW_FULL = 1 << 8, KEEP_ALIVE = 1 << 9,
            KEEP_ALIVE_ACK = 1 << 10, DUPLICATE_ACK = 1 << 11, ZERO_WINDOW_PROBE = 1 << 12,
            ZERO_WINDOW = 1 << 13, ZERO_WINDOW_PROBE_ACK = 1 << 14;
    public static final int COUNT = 15;

    private static final String[] NAMES = {"reused_ports", "retransmission", "fast_retransmission",
            "spurious_retransmission", "out_of_order", "lost_segment", "ack_lost_segment", "window_update",
            "window_full", "keep_alive", "keep_alive_ack", "duplicate_ack", "zero_window_probe", "zero_window",
            "zero_window_probe_ack"};

    /** Wireshark's Info-column tag for each finding (the dup-ACK tag gets its frame and number added). */
    private static final String[] TAGS = {"TCP Port numbers reused", "TCP Retransmission", "TCP Fast Retransmission",
            "TCP Spurious Retransmission", "TCP Out-Of-Order", "TCP Previous segment not captured",
            "TCP ACKed unseen segment", "TCP Window Update", "TCP Window Full", "TCP Keep-Alive",
            "TCP Keep-Alive ACK", "TCP Dup ACK", "TCP ZeroWindowProbe", "TCP ZeroWindow", "TCP ZeroWindowProbeAck"};

    public static String name(int bitIndex) {
        return NAMES[bitIndex];
    }

    public static String tag(int bitIndex) {
        return TAGS[bitIndex];
    }

    /** The bit for a tshark name, or 0 when it is not one. */
    public static int bit(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (NAMES[i].equals(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /**
     * The flags as tshark reports them: a fast or spurious retransmission also carries the
     * {@code retransmission} expert item, so it is added here.
     */
    public static int reported(int flags) {
        return (flags & (FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION)) != 0 ? flags | RETRANSMISSION : flags;
    }

    /** Adds the names of the reported flags to {@code out}, in tshark's order. */
    public static void names(int flags, List<String> out) {
        int f = reported(flags);
        for (int i = 0; i < COUNT; i++) {
            if ((f & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
    }
}
