package io.wirebook.filter;

/**
 * An address a filter compares with: IPv4 dotted quad or IPv6 (RFC 4291 section 2.2 text forms, the
 * dotted IPv4 tail included), with an optional {@code /prefix} (CIDR, RFC 4632). Parsed here, never by
 * {@link java.net.InetAddress}: a filter must not look names up, and Java turns {@code ::ffff:a.b.c.d}
 * into an IPv4 address, which tshark does not.
 */
final class AddressLiteral {
    /** 4 or 6. */
    final int version;
    private final byte[] bytes;
    /** Leading bits that must match: 32 or 128 for a plain address. */
    private final int prefix;

    private AddressLiteral(int version, byte[] bytes, int prefix) {
        this.version = version;
        this.bytes = bytes;
        this.prefix = prefix;
    }

    /** The literal's address, or null when {@code s} is neither an IPv4 nor an IPv6 address (with prefix). */
    static AddressLiteral parse(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] b = addr.indexOf(':') >= 0 ? ipv6(addr) : ipv4(addr);
        if (b == null) {
            return null;
        }
        int bits = b.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        return new AddressLiteral(b.length == 4 ? 4 : 6, b, prefix);
    }

    /** True when the address of this literal's version at {@code b[i]} lies in its prefix. */
    boolean matches(byte[] b, int i) {
        int whole = prefix >>> 3;
        for (int k = 0; k < whole; k++) {
            if (b[i + k] != bytes[k]) {
                return false;
            }
        }
        int rest = prefix & 7;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return ((b[i + whole] ^ bytes[whole]) & mask) == 0;
    }

    /** Dotted quad: four decimal parts 0..255, no leading zeros beyond a lone 0 (tshark rejects 010.0.0.1 too). */
    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int k = 0; k < 4; k++) {
            int v = decimalOctet(parts[k]);
            if (v < 0) {
                return null;
            }
            b[k] = (byte) v;
        }
        return b;
    }

    private static int decimalOctet(String p) {
        if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 255 ? v : -1;
    }

    /** RFC 4291 2.2: eight groups of 1-4 hex digits, one "::" for a run of zero groups, a dotted IPv4 tail. */
    private static byte[] ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? s : s.substring(0, gap);
        String tail = gap < 0 ? "" : s.substring(gap + 2);
        int[] h = groups(head, gap < 0);
        int[] t = groups(tail, true);
        if (h == null || t == null) {
            return null;
        }
        int n = h.length + t.length;
        if (gap < 0 ? n != 8 : n > 7) {
            return null;
        }
        byte[] b = new byte[16];
        for (int k = 0; k < h.length; k++) {
            b[2 * k] = (byte) (h[k] >> 8);
            b[2 * k + 1] = (byte) h[k];
        }
        for (int k = 0; k < t.length; k++) {
            int at = 8 - t.length + k;
            b[2 * at] = (byte) (t[k] >> 8);
            b[2 * at + 1] = (byte) t[k];
        }
        return b;
    }

    /** The 16-bit groups of one side of "::"; the last may be a dotted IPv4 address (two groups) when allowed. */
    private static int[] groups(String s, boolean ipv4Tail) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        byte[] v4 = null;
        if (ipv4Tail && parts[n - 1].indexOf('.') >= 0) {
            v4 = ipv4(parts[n - 1]);
            if (v4 == null) {
                return null;
            }
            n--;
        }
        int[] out = new int[n + (v4 != null ? 2 : 0)];
        for (int k = 0; k < n; k++) {
            String p = parts[k];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int i = 0; i < p.length(); i++) {
                int d = Character.digit(p.charAt(i), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[k] = v;
        }
        if (v4 != null) {
            out[n] = (v4[0] & 0xFF) << 8 | (v4[1] & 0xFF);
            out[n + 1] = (v4[2] & 0xFF) << 8 | (v4[3] & 0xFF);
        }
        return out;
    }
}
