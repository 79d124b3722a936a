package io.wirebook.render;

import io.wirebook.decode.FieldSpan;
import io.wirebook.decode.MptcpSubtype;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpView;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP header's fields and options worded as Wireshark shows them, with the connection's relative
 * sequence numbers and scaled window where the tracker knows them (the view), the raw numbers otherwise.
 */
final class TcpFieldLabels {
    private final FieldLabels bytes;
    private final TcpHeader t;
    private final TcpView v;

    TcpFieldLabels(FieldLabels bytes, Packet p, TcpView view) {
        this.bytes = bytes;
        this.t = p.tcp;
        this.v = view;
    }

    private boolean ack() {
        return t.has(TcpHeader.ACK);
    }

    private long seq() {
        return v != null ? v.relSeq : t.seq;
    }

    private long ackNumber() {
        return v != null ? v.relAck : t.ack;
    }

    String layerLabel() {
        return "Transmission Control Protocol, Src Port: " + t.sourcePort + ", Dst Port: " + t.destinationPort
                + ", Seq: " + seq() + (ack() ? ", Ack: " + ackNumber() : "") + ", Len: " + t.payloadLength;
    }

    String optionsLabel(int n) {
        StringBuilder sb = new StringBuilder("Options: (").append(FieldLabels.bytes(n)).append(')');
        for (int i = 0; i < t.optionCount; i++) {
            sb.append(", ").append(shortName(i));
        }
        return sb.toString();
    }

    String label(FieldSpan s) {
        int o = s.offset();
        switch (s.name()) {
            case "tcp.srcport": return "Source Port: " + t.sourcePort;
            case "tcp.dstport": return "Destination Port: " + t.destinationPort;
            case "tcp.seq":
                return "Sequence Number: " + seq() + (v != null ? "    (relative sequence number)" : "");
            case "tcp.ack":
                if (!ack() && t.ack != 0) {
                    return String.format("Acknowledgment Number: 0x%08x [should be 0x00000000 because ACK flag is not set]",
                            t.ack);
                }
                return "Acknowledgment Number: " + ackNumber() + (v != null && ack() ? "    (relative ack number)" : "");
            case "tcp.hdr_len": return "Header Length: " + t.headerLength + " bytes (" + t.headerLength / 4 + ")";
            case "tcp.flags": return String.format("Flags: 0x%03x (%s)", t.flags, flagNames(t.flags));
            case "tcp.window_size_value": return "Window: " + t.window;
            case "tcp.checksum": return String.format("Checksum: 0x%04x [unverified]", t.checksum);
            case "tcp.urgent_pointer": return "Urgent Pointer: " + t.urgentPointer;
            case "tcp.payload":
                return "TCP payload (" + FieldLabels.bytes(s.length())
                        + (s.length() < t.payloadLength ? " captured of " + t.payloadLength : "") + ")";
            default: break;
        }
        int i = optionIndex(o);
        return i >= 0 ? "TCP Option - " + option(i) : s.name() + " (" + FieldLabels.bytes(s.length()) + ")";
    }

    List<String> details(FieldSpan s) {
        switch (s.name()) {
            case "tcp.seq":
                return v == null ? List.of() : List.of("Sequence Number (raw): " + t.seq,
                        "[Next Sequence Number: " + v.nextSeq + "    (relative sequence number)]");
            case "tcp.ack":
                return List.of("Acknowledgment number (raw): " + t.ack);
            case "tcp.flags":
                return flagBits();
            case "tcp.window_size_value":
                if (v == null) {
                    return List.of();
                }
                if (v.windowScale >= 0 && !t.has(TcpHeader.SYN)) {
                    return List.of("[Calculated window size: " + v.scaledWindow + "]",
                            "[Window size scaling factor: " + (1L << v.windowScale) + "]");
                }
                return List.of("[Calculated window size: " + v.scaledWindow + "]");
            default:
                break;
        }
        int i = optionIndex(s.offset());
        if (i < 0) {
            return List.of();
        }
        int kind = t.optionKinds[i];
        return kind == TcpHeader.OPT_NOP || kind == TcpHeader.OPT_EOL ? List.of("Kind: " + kind)
                : List.of("Kind: " + kind + ", Length: " + bytes.u8at(t.optionOffsets[i] + 1));
    }

    private int optionIndex(int offset) {
        for (int i = 0; i < t.optionCount; i++) {
            if (t.optionOffsets[i] == offset) {
                return i;
            }
        }
        return -1;
    }

    /** Wireshark's order: the lowest bit first ({@code SYN, ACK}), {@code <None>} when no flag is set. */
    static String flagNames(int f) {
        List<String> names = new ArrayList<>(4);
        String[] all = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
        for (int bit = 0; bit < all.length; bit++) {
            if ((f & 1 << bit) != 0) {
                names.add(all[bit]);
            }
        }
        if ((f & 0xE00) != 0) {
            names.add("Reserved");
        }
        return names.isEmpty() ? "<None>" : String.join(", ", names);
    }

    private List<String> flagBits() {
        int f = t.flags;
        String[] names = {"Fin", "Syn", "Reset", "Push", "Acknowledgment", "Urgent", "ECN-Echo",
            "Congestion Window Reduced", "Accurate ECN"};
        List<String> out = new ArrayList<>(11);
        out.add(FieldLabels.bits(f, 12, 0xE00) + " = Reserved: " + FieldLabels.set(f & 0xE00));
        for (int bit = 8; bit >= 0; bit--) {
            out.add(FieldLabels.bits(f, 12, 1 << bit) + " = " + names[bit] + ": " + FieldLabels.set(f & 1 << bit));
        }
        out.add("[TCP Flags: " + TcpHeader.flagString(f) + "]");
        return out;
    }

    private String shortName(int i) {
        int kind = t.optionKinds[i];
        switch (kind) {
            case TcpHeader.OPT_EOL: return "End of Option List (EOL)";
            case TcpHeader.OPT_NOP: return "No-Operation (NOP)";
            case TcpHeader.OPT_MSS: return "Maximum segment size";
            case TcpHeader.OPT_WS: return "Window scale";
            case TcpHeader.OPT_SACK_PERM: return "SACK permitted";
            case TcpHeader.OPT_SACK: return "SACK";
            case TcpHeader.OPT_ECHO: return "Echo";
            case TcpHeader.OPT_ECHO_REPLY: return "Echo reply";
            case TcpHeader.OPT_TIMESTAMP: return "Timestamps";
            case TcpHeader.OPT_MD5: return "TCP MD5 signature";
            case TcpHeader.OPT_USER_TIMEOUT: return "User Timeout";
            case TcpHeader.OPT_AO: return "TCP Authentication Option (TCP-AO)";
            case TcpHeader.OPT_MPTCP: return "Multipath TCP";
            case TcpHeader.OPT_TFO: return "TCP Fast Open";
            case TcpHeader.OPT_ACCECN0: return "Accurate ECN Order 0 (AccECN0)";
            case TcpHeader.OPT_ACCECN1: return "Accurate ECN Order 1 (AccECN1)";
            case TcpHeader.OPT_EXPERIMENT1: case TcpHeader.OPT_EXPERIMENT2:
                return i == t.tfoOption ? "TCP Fast Open" : "Experimental";
            default: return "Unknown (kind " + kind + ")";
        }
    }

    /** One option with its values read from its bytes, when they were all captured. */
    private String option(int i) {
        int kind = t.optionKinds[i], o = t.optionOffsets[i], len = t.optionLengths[i];
        String name = shortName(i);
        switch (kind) {
            case TcpHeader.OPT_MSS:
                return len >= 4 ? name + ": " + bytes.u16at(o + 2) + " bytes" : name;
            case TcpHeader.OPT_WS: {
                if (len < 3) {
                    return name;
                }
                int shift = bytes.u8at(o + 2);
                return name + ": " + shift + (shift <= 14 ? " (multiply by " + (1 << shift) + ")"
                        : " (above 14, taken as 14: multiply by 16384; RFC 7323 2.3)");
            }
            case TcpHeader.OPT_TIMESTAMP:
                return len >= 10 ? name + ": TSval " + bytes.u32at(o + 2) + ", TSecr " + bytes.u32at(o + 6) : name;
            case TcpHeader.OPT_SACK: {
                StringBuilder sb = new StringBuilder(name);
                for (int at = o + 2; at + 8 <= o + len; at += 8) {
                    long left = bytes.u32at(at), right = bytes.u32at(at + 4);
                    sb.append(' ').append(v != null ? v.sackRelative(left) : left).append('-')
                            .append(v != null ? v.sackRelative(right) : right);
                }
                return sb.toString();
            }
            case TcpHeader.OPT_MPTCP:
                return len >= 3 ? name + ": " + MptcpSubtype.valueOf(bytes.u8at(o + 2) >> 4).name() : name;
            case TcpHeader.OPT_USER_TIMEOUT: {
                if (len < 4) {
                    return name;
                }
                int uto = bytes.u16at(o + 2);
                return name + ": " + (uto & 0x7FFF) + ((uto & 0x8000) != 0 ? " minutes" : " seconds");
            }
            default:
                break;
        }
        if (i == t.tfoOption) {
            return t.tfoLength == 0 ? name + ": Cookie request" : name + ": Cookie " + bytes.hex(t.tfoOffset, t.tfoLength, "");
        }
        if ((kind == TcpHeader.OPT_EXPERIMENT1 || kind == TcpHeader.OPT_EXPERIMENT2) && len >= 4) {
            return name + String.format(": ExID 0x%04x", bytes.u16at(o + 2));
        }
        return name;
    }
}
