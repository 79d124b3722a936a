package io.wirebook.decode;

import static io.wirebook.capture.Bytes.u16;
import static io.wirebook.capture.Bytes.u32;
import static io.wirebook.capture.Bytes.u8;

import io.wirebook.decode.Malformed.Layer;

/**
 * TCP options (RFC 9293 section 3.2 and the IANA registry): each option's kind, offset and length, and
 * the values analysis needs (MSS, window scale, SACK blocks, timestamps, the Fast Open cookie, the MPTCP
 * subtype). A length byte below 2 or an option running past the header is flagged on the packet and ends
 * the walk, as tcpdump's "[bad opt]" does.
 */
final class TcpOptions {
    private TcpOptions() {}

    static void decode(byte[] b, int base, Packet p, TcpHeader t, int i, int end) {
        while (i < end) {
            int kind = u8(b, base + i);
            int len;
            if (kind == TcpHeader.OPT_EOL || kind == TcpHeader.OPT_NOP) {
                len = 1;
            } else {
                if (i + 1 >= end) {
                    t.optionsMalformed = true;
                    p.flag(Layer.TCP, i, 2, end - i, "TCP option " + kind + " has no length byte");
                    return;
                }
                len = u8(b, base + i + 1);
                if (len < 2 || i + len > end) {
                    t.optionsMalformed = true;
                    p.flag(Layer.TCP, i, Math.max(len, 2), end - i, "TCP option " + kind + " claims length " + len);
                    return;
                }
            }
            int index = t.optionCount < TcpHeader.MAX_OPTIONS ? t.optionCount : -1;
            if (index >= 0) {
                t.optionKinds[index] = kind;
                t.optionOffsets[index] = i;
                t.optionLengths[index] = len;
                t.optionCount++;
            }
            int v = base + i;
            switch (kind) {
                case TcpHeader.OPT_MSS:
                    if (len == 4) t.mss = u16(b, v + 2);
                    break;
                case TcpHeader.OPT_WS:
                    if (len == 3) t.windowScale = u8(b, v + 2);
                    break;
                case TcpHeader.OPT_SACK_PERM:
                    if (len == 2) t.sackPermitted = true;
                    break;
                case TcpHeader.OPT_SACK:
                    for (int s = v + 2; s + 8 <= v + len && t.sackCount < TcpHeader.MAX_SACK_BLOCKS; s += 8) {
                        t.sackLeft[t.sackCount] = u32(b, s);
                        t.sackRight[t.sackCount] = u32(b, s + 4);
                        t.sackCount++;
                    }
                    break;
                case TcpHeader.OPT_TIMESTAMP:
                    if (len == 10) {
                        t.hasTimestamp = true;
                        t.tsVal = u32(b, v + 2);
                        t.tsEcr = u32(b, v + 6);
                    }
                    break;
                case TcpHeader.OPT_TFO:
                    t.tfoOffset = i + 2;
                    t.tfoLength = len - 2;
                    t.tfoOption = index;
                    break;
                case TcpHeader.OPT_EXPERIMENT1:
                case TcpHeader.OPT_EXPERIMENT2:
                    if (len >= 4 && u16(b, v + 2) == TcpHeader.TFO_EXID) {
                        t.tfoOffset = i + 4;
                        t.tfoLength = len - 4;
                        t.tfoOption = index;
                    }
                    break;
                case TcpHeader.OPT_MPTCP:
                    if (len >= 3 && t.mptcpSubtype < 0) t.mptcpSubtype = u8(b, v + 2) >> 4;
                    mptcpLength(b, base, p, t, i, len);
                    break;
                default:
                    break;
            }
            if (kind == TcpHeader.OPT_EOL) {
                return;
            }
            i += len;
        }
    }

    /**
     * Checks an MPTCP option's length against what its subtype needs (RFC 8684 section 3). A DSS option's
     * length follows from its flags: 4 + data ACK (4 or 8) + mapping (DSN 4 or 8, subflow seq 4, length 2,
     * checksum 0 or 2).
     */
    private static void mptcpLength(byte[] b, int base, Packet p, TcpHeader t, int i, int len) {
        if (len < 3) {
            t.optionsMalformed = true;
            p.flag(Layer.TCP, i, 3, len, "MPTCP option is too short for its subtype");
            return;
        }
        int subtype = u8(b, base + i + 2) >> 4;
        int need;
        switch (subtype) {
            case 0: need = 4; break;            // MP_CAPABLE (v1 SYN form)
            case 1: need = 12; break;           // MP_JOIN (SYN form)
            case 2:                             // DSS
                if (len < 4) {
                    need = 4;
                    break;
                }
                int flags = u8(b, base + i + 3);
                need = 4;
                if ((flags & 0x01) != 0) need += (flags & 0x02) != 0 ? 8 : 4;
                if ((flags & 0x04) != 0) need += ((flags & 0x08) != 0 ? 8 : 4) + 4 + 2;
                if (len == need + 2 && (flags & 0x04) != 0) need += 2; // optional DSS checksum
                if (len != need) {
                    t.optionsMalformed = true;
                    p.flag(Layer.TCP, i, need, len, "MPTCP DSS option length " + len + " does not match its flags");
                    return;
                }
                break;
            case 3: need = 8; break;            // ADD_ADDR
            case 4: need = 4; break;            // REMOVE_ADDR
            case 7: need = 12; break;           // MP_FASTCLOSE
            case 6: need = 12; break;           // MP_FAIL
            default: need = 3; break;
        }
        if (len < need) {
            t.optionsMalformed = true;
            p.flag(Layer.TCP, i, need, len, "MPTCP " + MptcpSubtype.valueOf(subtype).name() + " option needs " + need + " bytes");
        }
    }
}
