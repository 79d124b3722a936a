package io.wirebook.tutorial.demo.sockets;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses written the way {@code ss} and {@code tcpdump} write them ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
public final class Addresses {
    private Addresses() {}

    /** Dotted quad for IPv4; RFC 5952 text for IPv6 (lowercase, longest run of zero groups as {@code ::}). */
    public static String format(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) { // RFC 5952 4.2.2: a single zero group is not shortened
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** {@code 127.0.0.1:8080} or {@code [::1]:8080}. */
    public static String format(InetSocketAddress sa) {
        String host = format(sa.getAddress());
        return (sa.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + sa.getPort();
    }
}
