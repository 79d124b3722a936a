package io.wirebook.render;

import io.wirebook.capture.Frame;
import io.wirebook.decode.Malformed;
import io.wirebook.decode.Packet;
import io.wirebook.pipeline.PacketResult;

/**
 * One frame as plain text for a terminal or a Markdown code block: a caption, the field tree with each
 * field's bytes (first-last, decimal, as in the HTML figure) and the layers indented as they nest, then
 * the bytes as {@code tcpdump -XX} prints them (the whole frame from the link header on; {@code -X} starts
 * at the IP header), without tcpdump's leading tab:
 *
 * <pre>
 * Frame 1: 74 bytes captured (74 on the wire)
 *  0-73  Ethernet II, Src: 00:00:00:00:00:00, Dst: 00:00:00:00:00:00
 *  0-5     Destination: 00:00:00:00:00:00
 * ...
 * 34-35        Source Port: 48634
 * ...
 * 0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.
 * </pre>
 *
 * The dump's lines are tcpdump's to the byte, so its character column follows tcpdump's rule: 0x21 to 0x7e
 * as themselves, every other byte (space included) as {@code .}. No byte from the capture reaches the
 * output in any other way, and every line is stripped of control characters besides, so no terminal
 * escape sequence can pass.
 */
public final class HexDumpText {
    private HexDumpText() {}

    /** The field tree and the dump of {@code r}'s whole frame, each line ending in a newline. */
    public static String render(PacketResult r) {
        return render(r, Integer.MAX_VALUE);
    }

    /**
     * The same with the dump cut after {@code maxBytes} (never inside the headers: those are always shown
     * whole), and a line saying how many bytes were left out. A 64 KB loopback segment would otherwise make
     * a figure of 4,000 lines, all of it payload.
     */
    public static String render(PacketResult r, int maxBytes) {
        FieldTree tree = FieldTree.of(r);
        Frame f = r.frame();
        int shown = shown(r, maxBytes);
        StringBuilder sb = new StringBuilder(256 + shown * 12);
        line(sb, caption(r));
        int[] widths = new int[2];
        for (FieldTree.Node n : tree.roots) {
            measure(n, widths);
        }
        for (FieldTree.Node n : tree.roots) {
            tree(sb, n, 0, widths);
        }
        if (f.capturedLength > 0) {
            sb.append('\n');
        }
        dump(sb, f, shown);
        if (shown < f.capturedLength) {
            line(sb, "... " + elided(f, shown));
        }
        return sb.toString();
    }

    /**
     * The field tree alone (what {@code read -V} prints under a packet's line): each field with its first
     * and last byte offset in the frame, nested by layer, each line starting with {@code indent}.
     */
    public static String fieldTree(PacketResult r, String indent) {
        FieldTree tree = FieldTree.of(r);
        StringBuilder sb = new StringBuilder(512);
        int[] widths = new int[2];
        for (FieldTree.Node n : tree.roots) {
            measure(n, widths);
        }
        for (FieldTree.Node n : tree.roots) {
            tree(sb, n, 0, widths);
        }
        if (indent.isEmpty()) {
            return sb.toString();
        }
        StringBuilder out = new StringBuilder(sb.length() + 64);
        for (String line : sb.toString().split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append(indent).append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** How many of the frame's bytes a dump cut at {@code maxBytes} shows: at least its headers, in whole rows of 16. */
    static int shown(PacketResult r, int maxBytes) {
        int cap = r.frame().capturedLength;
        if (maxBytes >= cap) {
            return cap;
        }
        Packet p = r.packet();
        int headers = p.isTcp() ? p.tcp.payloadOffset : p.isUdp() ? p.udp.payloadOffset : 0;
        int rows = (Math.max(maxBytes, headers) + 15) / 16 * 16;
        return Math.min(cap, rows);
    }

    /** "65,226 more bytes not shown (the frame has 65,290)". */
    static String elided(Frame f, int shown) {
        return String.format("%,d more bytes not shown (the frame has %,d)", f.capturedLength - shown, f.capturedLength);
    }

    /** "Frame 1: 74 bytes captured (74 on the wire)", and the damage the decoder found, if any. */
    static String caption(PacketResult r) {
        Frame f = r.frame();
        StringBuilder sb = new StringBuilder(80).append("Frame ").append(f.number).append(": ")
                .append(FieldLabels.bytes(f.capturedLength)).append(" captured (").append(f.originalLength)
                .append(" on the wire)");
        Malformed m = r.packet().malformed;
        if (m != null) {
            sb.append("; malformed ").append(m.layer.label()).append(" at byte ").append(m.offset).append(": ")
                    .append(m.reason);
        }
        return sb.toString();
    }

    private static void measure(FieldTree.Node n, int[] widths) {
        widths[0] = Math.max(widths[0], digits(n.start));
        if (n.length() > 1) {
            widths[1] = Math.max(widths[1], 1 + digits(n.end - 1));
        }
        for (FieldTree.Node c : n.children) {
            measure(c, widths);
        }
    }

    private static int digits(int v) {
        return Integer.toString(v).length();
    }

    private static void tree(StringBuilder sb, FieldTree.Node n, int depth, int[] widths) {
        StringBuilder l = new StringBuilder(100);
        String start = Integer.toString(n.start);
        String end = n.length() > 1 ? "-" + (n.end - 1) : "";
        pad(l, ' ', widths[0] - start.length()).append(start).append(end);
        pad(l, ' ', widths[1] - end.length() + 2 + 2 * depth).append(n.label);
        line(sb, l);
        for (String d : n.details) {
            l.setLength(0);
            pad(l, ' ', widths[0] + widths[1] + 2 + 2 * (depth + 1)).append(d);
            line(sb, l);
        }
        for (FieldTree.Node c : n.children) {
            tree(sb, c, depth + 1, widths);
        }
    }

    private static StringBuilder pad(StringBuilder sb, char c, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb;
    }

    /** Appends {@code text} and a newline, every control character as {@code .}. */
    private static void line(StringBuilder sb, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) ? '.' : c);
        }
        sb.append('\n');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * {@code hex_and_ascii_print_with_offset} of tcpdump's print-ascii.c: per line the offset as
     * {@code 0x%04x:}, the bytes in pairs (an odd last byte alone) padded to 8 pairs, two spaces, and the
     * characters.
     */
    static void dump(StringBuilder sb, Frame f, int length) {
        StringBuilder hex = new StringBuilder(40), ascii = new StringBuilder(16);
        for (int row = 0; row < length; row += 16) {
            hex.setLength(0);
            ascii.setLength(0);
            for (int i = row; i < Math.min(row + 16, length); i++) {
                int v = f.data[f.offset + i] & 0xFF;
                if ((i - row) % 2 == 0) {
                    hex.append(' ');
                }
                hex.append(HEX[v >> 4]).append(HEX[v & 0xF]);
                ascii.append(v > 0x20 && v < 0x7F ? (char) v : '.');
            }
            String offset = Integer.toHexString(row);
            pad(sb.append("0x"), '0', 4 - offset.length()).append(offset).append(": ").append(hex);
            pad(sb, ' ', 40 - hex.length()).append("  ").append(ascii).append('\n');
        }
    }
}
