package io.wirebook.decode;

import static io.wirebook.capture.Bytes.u16;
import static io.wirebook.capture.Bytes.u32;
import static io.wirebook.capture.Bytes.u8;

/**
 * The packet an ICMP or ICMPv6 error quotes: its IP header (extension headers skipped as far as they
 * were quoted) and the first bytes of its TCP or UDP header, which name the flow the error is about.
 * A quote too short for a field leaves that field unset; it is never an error of the ICMP packet.
 */
final class IcmpQuote {
    private IcmpQuote() {}

    /** Decodes the IP header and first transport bytes an ICMP error quotes (RFC 792, RFC 4443 2.4). */
    static void decode(byte[] b, int base, IcmpHeader m, int o, int end) {
        int avail = end - o;
        if (avail < 1) {
            return;
        }
        int version = u8(b, base + o) >> 4;
        int proto;
        int th;
        if (version == 4 && avail >= 20) {
            int hl = (u8(b, base + o) & 0x0F) * 4;
            if (hl < 20 || hl > avail) {
                return;
            }
            m.innerSourceOffset = o + 12;
            m.innerDestinationOffset = o + 16;
            proto = u8(b, base + o + 9);
            th = o + hl;
        } else if (version == 6 && avail >= 40) {
            m.innerSourceOffset = o + 8;
            m.innerDestinationOffset = o + 24;
            proto = u8(b, base + o + 6);
            th = o + 40;
            // Skip extension headers inside the quote, as far as they were quoted.
            while ((proto == 0 || proto == 43 || proto == 60 || proto == 44) && th + 8 <= end) {
                int len = proto == 44 ? 8 : (u8(b, base + th + 1) + 1) * 8;
                proto = u8(b, base + th);
                th += len;
            }
        } else {
            return;
        }
        m.hasInner = true;
        m.innerIpVersion = version;
        m.innerOffset = o;
        m.innerProtocol = proto;
        m.innerTransportOffset = th;
        m.innerTransportCaptured = Math.max(0, end - th);
        if ((proto == 6 || proto == 17) && th + 4 <= end) {
            m.innerSourcePort = u16(b, base + th);
            m.innerDestinationPort = u16(b, base + th + 2);
            if (proto == 6 && th + 8 <= end) {
                m.innerTcpSeq = u32(b, base + th + 4);
            }
            if (proto == 6 && th + 16 <= end) {
                m.innerTcpAck = u32(b, base + th + 8);
                m.innerTcpFlags = u16(b, base + th + 12) & 0x0FFF;
            }
        }
    }
}
