package io.wirebook.render;

import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One frame as an HTML figure: its field tree (Wireshark's packet details, the layers nested as on the wire)
 * beside its bytes as a hex dump (Wireshark's bytes pane), each byte linked to the innermost field that
 * holds it. The fragment is well-formed XHTML as well as HTML, so tests and tools can read it with an XML
 * parser.
 *
 * <pre>{@code
 * <figure class="wb-hex" data-frame="1">
 *   <figcaption>Frame 1: 74 bytes captured (74 on the wire)</figcaption>
 *   <div class="wb-hex-panes">
 *     <ul class="wb-hex-tree">
 *       <li data-f="eth" data-start="0" data-end="74" tabindex="0">
 *         <span class="wb-f">Ethernet II, Src: ..., Dst: ...</span> <span class="wb-at">0–73 (74 bytes)</span>
 *         <ul>
 *           <li data-f="eth.dst" data-start="0" data-end="6" tabindex="0">...</li> ...
 *           <li data-f="ip" ...> ... <li data-f="tcp.srcport" data-start="34" data-end="36" ...>
 *             <span class="wb-f">Source Port: 48634</span> ...
 *             (lines Wireshark shows under a field: <ul class="wb-f-detail"><li>...</li></ul>)
 *     </ul>
 *     <pre class="wb-hex-dump" tabindex="0"><span class="wb-off">0000</span>  <span data-b="0" data-f="eth.dst">00</span> ...  <span data-a="0">.</span>...
 *     </pre>
 *   </div>
 * </figure>
 * }</pre>
 *
 * <ul>
 *   <li>{@code data-f} is the field's id, unique within its figure (a second NOP option is
 *       {@code tcp.option.nop-2}); {@code data-start} and {@code data-end} its bytes, end exclusive.</li>
 *   <li>Each captured byte is one {@code data-b="OFFSET"} element in the hex column, carrying the
 *       {@code data-f} of its innermost field; its character in the ASCII column is a {@code data-a="OFFSET"}
 *       element. The ASCII column shows 0x20 to 0x7e, escaped, and {@code .} for any other byte.</li>
 *   <li>Fields are keyboard stops ({@code tabindex="0"}); bytes are not: a frame has hundreds of them, a
 *       tab stop each would make the page unusable from the keyboard, and focusing a field already
 *       highlights its bytes. The dump itself is one stop, so it can be scrolled from the keyboard.</li>
 * </ul>
 *
 * {@link #script()} highlights a field and its bytes (class {@code wb-hl}) when either is hovered or focused;
 * {@link #stylesheet()} lays the two panes side by side, or one above the other on a phone, where the dump
 * scrolls inside its figure. Without the script, or without styles, both panes are plain visible content.
 */
public final class HexDumpHtml {
    private HexDumpHtml() {}

    /** The figure of {@code r}'s frame, from the spans the pipeline's decode gave (nothing is decoded again). */
    public static String render(PacketResult r) {
        return render(r, Integer.MAX_VALUE);
    }

    /**
     * The same with the dump cut after {@code maxBytes} (the headers are always shown whole) and a line
     * saying how many bytes were left out; the field tree still names every field.
     */
    public static String render(PacketResult r, int maxBytes) {
        FieldTree tree = FieldTree.of(r);
        Frame f = r.frame();
        int shown = HexDumpText.shown(r, maxBytes);
        StringBuilder sb = new StringBuilder(1024 + shown * 90);
        sb.append("<figure class=\"wb-hex\" data-frame=\"").append(f.number).append("\">\n<figcaption>");
        Html.escape(sb, HexDumpText.caption(r)).append("</figcaption>\n<div class=\"wb-hex-panes\">\n");
        sb.append("<ul class=\"wb-hex-tree\" aria-label=\"Fields of frame ").append(f.number).append("\">\n");
        for (FieldTree.Node n : tree.roots) {
            node(sb, n);
        }
        sb.append("</ul>\n");
        dump(sb, tree, r, shown);
        sb.append("</div>\n</figure>\n");
        return sb.toString();
    }

    private static void node(StringBuilder sb, FieldTree.Node n) {
        sb.append("<li data-f=\"");
        Html.escape(sb, n.id).append("\" data-start=\"").append(n.start).append("\" data-end=\"").append(n.end)
                .append("\" tabindex=\"0\"><span class=\"wb-f\">");
        Html.escape(sb, n.label).append("</span> <span class=\"wb-at\">");
        Html.escape(sb, at(n)).append("</span>");
        if (!n.details.isEmpty()) {
            sb.append("<ul class=\"wb-f-detail\">");
            for (String d : n.details) {
                sb.append("<li>");
                Html.escape(sb, d).append("</li>");
            }
            sb.append("</ul>");
        }
        if (!n.children.isEmpty()) {
            sb.append("\n<ul>\n");
            for (FieldTree.Node c : n.children) {
                node(sb, c);
            }
            sb.append("</ul>\n");
        }
        sb.append("</li>\n");
    }

    /** "34–35 (2 bytes)": first and last byte, as the dump numbers them but in decimal. */
    static String at(FieldTree.Node n) {
        String range = n.length() == 1 ? Integer.toString(n.start) : n.start + "\u2013" + (n.end - 1);
        return range + " (" + FieldLabels.bytes(n.length()) + ")";
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void dump(StringBuilder sb, FieldTree tree, PacketResult r, int shown) {
        Frame f = r.frame();
        int cap = shown;
        int digits = Math.max(4, (35 - Integer.numberOfLeadingZeros(Math.max(1, cap - 1))) / 4);
        sb.append("<pre class=\"wb-hex-dump\" tabindex=\"0\" aria-label=\"Bytes of frame ").append(f.number)
                .append("\">");
        for (int row = 0; row < cap; row += 16) {
            sb.append("<span class=\"wb-off\">");
            for (int d = digits - 1; d >= 0; d--) {
                sb.append(HEX[row >> (4 * d) & 0xF]);
            }
            sb.append("</span>  ");
            for (int i = row; i < row + 16; i++) {
                if (i > row) {
                    sb.append(i == row + 8 ? "  " : " ");
                }
                if (i >= cap) {
                    sb.append("  ");
                    continue;
                }
                int v = f.data[f.offset + i] & 0xFF;
                sb.append("<span data-b=\"").append(i).append("\" data-f=\"");
                Html.escape(sb, tree.owner(i).id).append("\">").append(HEX[v >> 4]).append(HEX[v & 0xF]).append("</span>");
            }
            sb.append("  ");
            for (int i = row; i < Math.min(row + 16, cap); i++) {
                int v = f.data[f.offset + i] & 0xFF;
                sb.append("<span data-a=\"").append(i).append("\">");
                if (v >= 0x20 && v <= 0x7E) {
                    Html.escape(sb, String.valueOf((char) v));
                } else {
                    sb.append('.');
                }
                sb.append("</span>");
            }
            sb.append('\n');
        }
        if (shown < f.capturedLength) {
            sb.append("<span class=\"wb-hex-elided\">\u2026 ");
            Html.escape(sb, HexDumpText.elided(f, shown)).append("</span>\n");
        }
        sb.append("</pre>\n");
    }

    /** hexdump.js: highlights a field and its bytes on hover and focus (vanilla JS, no network, works from file://). */
    public static String script() {
        return Resources.SCRIPT;
    }

    /** hexdump.css: the figure's layout, light and dark colours and the highlight. */
    public static String stylesheet() {
        return Resources.STYLESHEET;
    }

    /** Read once, on first use. */
    private static final class Resources {
        static final String SCRIPT = read("hexdump.js");
        static final String STYLESHEET = read("hexdump.css");

        private static String read(String name) {
            try (InputStream in = HexDumpHtml.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("resource io/wirebook/render/" + name + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
