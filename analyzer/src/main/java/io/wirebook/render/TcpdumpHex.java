package io.wirebook.render;

/**
 * A frame's bytes as {@code tcpdump -x}, {@code -X} and {@code -A} print them under the packet's line, so a
 * tcpdump user's eyes (and scripts) find them where they expect:
 * <pre>
 * 	0x0000:  4500 003c e229 4000 4006 5a90 7f00 0001  E..&lt;.)@.@.Z.....
 * </pre>
 * a tab, the offset, two spaces, 16 bytes in groups of two (an odd last byte alone), and with {@code -X}
 * the same bytes as ASCII after the hex padded to its full width. {@code -A} prints the bytes as text:
 * printable ASCII, space, tab and newline as they are, a carriage return that ends a line (before a
 * newline, or as the last byte) left out, as tcpdump 4.99 leaves it out, and everything else as '.', a
 * carriage return inside a line too: it would move the cursor back over what the line showed (payloads are
 * untrusted; no control character reaches the terminal).
 */
public final class TcpdumpHex {
    private TcpdumpHex() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code -x}: hex lines of {@code len} bytes from {@code off}, each ending in a newline. */
    public static void hex(StringBuilder sb, byte[] b, int off, int len) {
        lines(sb, b, off, len, false);
    }

    /** {@code -X}: hex and ASCII lines. */
    public static void hexAscii(StringBuilder sb, byte[] b, int off, int len) {
        lines(sb, b, off, len, true);
    }

    private static void lines(StringBuilder sb, byte[] b, int off, int len, boolean ascii) {
        for (int row = 0; row < len; row += 16) {
            int n = Math.min(16, len - row);
            sb.append("\t0x");
            offset(sb, row);
            sb.append(": ");
            int start = sb.length();
            for (int i = 0; i < n; i += 2) {
                sb.append(' ');
                byteHex(sb, b[off + row + i]);
                if (i + 1 < n) {
                    byteHex(sb, b[off + row + i + 1]);
                }
            }
            if (ascii) {
                for (int w = sb.length() - start; w < 40; w++) {
                    sb.append(' '); // the hex part padded to the width of a full row, as tcpdump's %-40s
                }
                sb.append("  ");
                for (int i = 0; i < n; i++) {
                    int c = b[off + row + i] & 0xff;
                    sb.append(c > 0x20 && c < 0x7f ? (char) c : '.'); // isgraph: no space either
                }
            }
            sb.append('\n');
        }
    }

    /** {@code -A}: the bytes as text, then a newline. */
    public static void ascii(StringBuilder sb, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xff;
            if (c >= 0x20 && c < 0x7f || c == '\t' || c == '\n') {
                sb.append((char) c);
            } else if (c == '\r' && (i + 1 == len || b[off + i + 1] == '\n')) {
                continue; // a CR that ends a line (before LF, or the last byte) is left out, as tcpdump does
            } else {
                sb.append('.');
            }
        }
        sb.append('\n');
    }

    private static void offset(StringBuilder sb, int v) {
        String h = Integer.toHexString(v);
        for (int i = h.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(h);
    }

    private static void byteHex(StringBuilder sb, byte v) {
        sb.append(HEX[(v >> 4) & 0xf]).append(HEX[v & 0xf]);
    }
}
