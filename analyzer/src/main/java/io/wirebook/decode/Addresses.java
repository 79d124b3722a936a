package io.wirebook.decode;

/** Text forms of addresses: dotted quad, and RFC 5952 canonical IPv6 (as tshark and tcpdump print). */
public final class Addresses {
    private Addresses() {}

    public static void appendIpv4(StringBuilder sb, byte[] b, int i) {
        sb.append(b[i] & 0xFF).append('.').append(b[i + 1] & 0xFF).append('.')
                .append(b[i + 2] & 0xFF).append('.').append(b[i + 3] & 0xFF);
    }

    /** RFC 5952: lower case, leading zeros dropped, the longest run (2+ groups, first if tied) of zeros as "::". */
    public static void appendIpv6(StringBuilder sb, byte[] b, int i) {
        int[] g = new int[8];
        for (int k = 0; k < 8; k++) {
            g[k] = ((b[i + 2 * k] & 0xFF) << 8) | (b[i + 2 * k + 1] & 0xFF);
        }
        int bestStart = -1, bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (g[k] == 0) {
                int s = k;
                while (k < 8 && g[k] == 0) k++;
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
        // IPv4-mapped (::ffff:a.b.c.d) keeps its dotted tail, as inet_ntop prints it.
        boolean mapped = bestStart == 0 && bestLen == 5 && g[5] == 0xFFFF;
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
            sb.append(Integer.toHexString(g[k]));
        }
    }

    public static void append(StringBuilder sb, int ipVersion, byte[] b, int i) {
        if (ipVersion == 4) {
            appendIpv4(sb, b, i);
        } else {
            appendIpv6(sb, b, i);
        }
    }

    public static String toString(int ipVersion, byte[] b, int i) {
        StringBuilder sb = new StringBuilder(40);
        append(sb, ipVersion, b, i);
        return sb.toString();
    }
}
