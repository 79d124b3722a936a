package io.wirebook.decode;

import static io.wirebook.capture.Bytes.u16;

/** Text forms of addresses: dotted quad, and RFC 5952 canonical IPv6 (as tshark and tcpdump print). */
public final class Addresses {
    private Addresses() {}

    public static void appendIpv4(StringBuilder sb, byte[] b, int i) {
        sb.append(b[i] & 0xFF).append('.').append(b[i + 1] & 0xFF).append('.')
                .append(b[i + 2] & 0xFF).append('.').append(b[i + 3] & 0xFF);
    }

    /**
     * RFC 5952: lower case, leading zeros dropped, the longest run (2+ groups, first if tied) of zeros as "::";
     * an IPv4-mapped address (::ffff:a.b.c.d) keeps its dotted tail, as inet_ntop prints it. Reads the groups
     * straight from the array and allocates nothing: this runs for every printed packet.
     */
    public static void appendIpv6(StringBuilder sb, byte[] b, int i) {
        int bestStart = -1, bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (u16(b, i + 2 * k) == 0) {
                int s = k;
                while (k < 8 && u16(b, i + 2 * k) == 0) k++;
                if (k - s > bestLen) {
                    bestLen = k - s;
                    bestStart = s;
                }
            } else {
                k++;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        boolean mapped = bestStart == 0 && bestLen == 5 && u16(b, i + 10) == 0xFFFF;
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                if (mapped) {
                    sb.append("ffff:");
                    appendIpv4(sb, b, i + 12);
                    return;
                }
                continue;
            }
            if (k > 0 && k != bestStart + bestLen) {
                sb.append(':');
            }
            appendHex(sb, u16(b, i + 2 * k));
        }
    }

    /**
     * As {@link #append(StringBuilder, int, byte[], int)}, into a line of UTF-8 bytes: IPv4 straight into
     * it, IPv6 (a tenth of a typical capture's packets) through a builder, where RFC 5952's rules live.
     */
    public static void append(io.wirebook.text.Utf8Line line, int ipVersion, byte[] b, int i) {
        if (ipVersion == 4) {
            line.append(b[i] & 0xFF).ascii('.').append(b[i + 1] & 0xFF).ascii('.').append(b[i + 2] & 0xFF).ascii('.')
                    .append(b[i + 3] & 0xFF);
        } else {
            StringBuilder v6 = IPV6.get();
            v6.setLength(0);
            appendIpv6(v6, b, i);
            line.append(v6);
        }
    }

    private static final ThreadLocal<StringBuilder> IPV6 = ThreadLocal.withInitial(() -> new StringBuilder(48));

    public static void append(StringBuilder sb, int ipVersion, byte[] b, int i) {
        if (ipVersion == 4) {
            appendIpv4(sb, b, i);
        } else {
            appendIpv6(sb, b, i);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A group in lower-case hex without leading zeros, as Integer.toHexString but into the builder. */
    private static void appendHex(StringBuilder sb, int v) {
        for (int shift = 12; shift > 0; shift -= 4) {
            if (v >> shift != 0) {
                sb.append(HEX[(v >> shift) & 0xF]);
            }
        }
        sb.append(HEX[v & 0xF]);
    }

    /** An address of 4 or 16 bytes, by its length. */
    public static String toString(byte[] address) {
        return toString(address.length == 16 ? 6 : 4, address, 0);
    }

    public static String toString(int ipVersion, byte[] b, int i) {
        StringBuilder sb = new StringBuilder(40);
        append(sb, ipVersion, b, i);
        return sb.toString();
    }
}
