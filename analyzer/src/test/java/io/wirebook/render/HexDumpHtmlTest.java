package io.wirebook.render;

import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static io.wirebook.pipeline.Segments.mss;
import static io.wirebook.pipeline.Segments.nop;
import static io.wirebook.pipeline.Segments.sackOk;
import static io.wirebook.pipeline.Segments.ts;
import static io.wirebook.pipeline.Segments.wscale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@link HexDumpHtml}'s figure, read back with the JDK's XML parser (the fragment is well-formed XHTML, so no
 * HTML parser is needed as a dependency): a byte element per captured byte, each naming the innermost field
 * that covers it, found here independently of the renderer from the fields' spans and nesting.
 */
class HexDumpHtmlTest {
    /** A field of the tree as the HTML gives it: id, span, depth (1 for a top layer), document order. */
    private record Field(String id, int start, int end, int depth, int order, Element li) {
        int length() {
            return end - start;
        }
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** The elements under {@code root} with {@code attribute}, in document order (a walk: Xerces' item(i) is slow). */
    private static List<Element> all(Node root, String attribute) {
        List<Element> out = new ArrayList<>();
        collect(root, attribute, out);
        return out;
    }

    private static void collect(Node n, String attribute, List<Element> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                if (e.hasAttribute(attribute)) {
                    out.add(e);
                }
                collect(e, attribute, out);
            }
        }
    }

    private static List<Field> fields(Document d) {
        List<Field> out = new ArrayList<>();
        for (Element li : all(d.getDocumentElement(), "data-start")) {
            int depth = 0;
            for (Node n = li; n != null; n = n.getParentNode()) {
                if (n instanceof Element e && e.hasAttribute("data-start")) {
                    depth++;
                }
            }
            out.add(new Field(li.getAttribute("data-f"), Integer.parseInt(li.getAttribute("data-start")),
                    Integer.parseInt(li.getAttribute("data-end")), depth, out.size(), li));
        }
        return out;
    }

    /**
     * For each byte, the deepest field covering it; among fields as deep (bit fields sharing a byte) the
     * shortest, then the first in document order. One pass over each field's span.
     */
    private static Field[] innermost(List<Field> fields, int length) {
        Field[] best = new Field[length];
        for (Field f : fields) {
            for (int b = Math.max(0, f.start); b < Math.min(length, f.end); b++) {
                Field o = best[b];
                if (o == null || f.depth > o.depth || f.depth == o.depth && f.length() < o.length()) {
                    best[b] = f;
                }
            }
        }
        return best;
    }

    /** The checks every figure passes: one element per byte, its value, its innermost field, unique ids. */
    static Document check(PacketResult r) throws Exception {
        String html = HexDumpHtml.render(r);
        Document d = parse(html);
        Element figure = d.getDocumentElement();
        assertEquals("figure", figure.getTagName());
        assertEquals("wb-hex", figure.getAttribute("class"));
        List<Element> bytes = all(figure, "data-b");
        List<Integer> values = HexDumpFrames.bytes(r);
        assertEquals(r.frame().capturedLength, bytes.size(), "one element per captured byte");
        assertEquals(r.frame().capturedLength, all(figure, "data-a").size(), "one character per captured byte");
        List<Field> fields = fields(d);
        Set<String> ids = new HashSet<>();
        for (Field f : fields) {
            assertTrue(ids.add(f.id), "field id " + f.id + " twice");
            assertEquals("0", f.li.getAttribute("tabindex"), f.id + " is a keyboard stop");
            assertTrue(f.start < f.end, f.id);
        }
        Field[] owners = innermost(fields, bytes.size());
        for (int i = 0; i < bytes.size(); i++) {
            // Messages are made only on failure: this runs for every byte of every bundled capture.
            Element b = bytes.get(i);
            int at = i;
            String hex = Character.forDigit(values.get(i) >> 4, 16) + "" + Character.forDigit(values.get(i) & 0xF, 16);
            if (!b.getAttribute("data-b").equals(Integer.toString(i)) || !b.getTextContent().equals(hex)) {
                fail("byte " + i + " is " + b.getAttribute("data-b") + " " + b.getTextContent() + ", not " + hex);
            }
            assertFalse(b.hasAttribute("tabindex"), "bytes are reached through their fields");
            Field inner = owners[i];
            if (inner == null || !inner.id.equals(b.getAttribute("data-f"))) {
                assertEquals(inner == null ? null : inner.id, b.getAttribute("data-f"), () -> "field of byte " + at);
            }
        }
        return d;
    }

    private static Field field(Document d, String id) {
        return fields(d).stream().filter(f -> f.id.equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static String label(Field f) {
        return ((Element) f.li.getElementsByTagName("span").item(0)).getTextContent();
    }

    @Test
    void theHandshakesSynHasAByteElementPerByteEachInItsInnermostField() throws Exception {
        PacketResult r = HexDumpFrames.fromCapture("scenarios/handshake.pcapng", 1);
        Document d = check(r);
        assertEquals(74, all(d.getDocumentElement(), "data-b").size());
        assertEquals("Frame 1: 74 bytes captured (74 on the wire)",
                d.getElementsByTagName("figcaption").item(0).getTextContent());
        // Nesting as on the wire: Ethernet holds IPv4, which holds TCP, which holds the options.
        assertEquals(List.of("eth", "ip", "tcp", "tcp.options", "tcp.option.mss"), ancestry(field(d, "tcp.option.mss")));
        assertEquals("Flags: 0x002 (SYN)", label(field(d, "tcp.flags")));
        assertEquals("Sequence Number: 0    (relative sequence number)", label(field(d, "tcp.seq")));
        assertEquals("Window: 65495", label(field(d, "tcp.window_size_value")));
        assertEquals("TCP Option - Timestamps: TSval 1334921594, TSecr 0", label(field(d, "tcp.option.TS")));
        assertEquals("TCP Option - Window scale: 10 (multiply by 1024)", label(field(d, "tcp.option.wscale")));
        assertEquals("0100 .... = Version: 4", label(field(d, "ip.version")));
        // IPv4's version and header length share byte 14: it belongs to the first, the version.
        assertEquals("ip.version", byteElement(d, 14).getAttribute("data-f"));
    }

    @Test
    void theTcpSourcePortOfAnEthernetFrameIsBytes34And35() throws Exception {
        PacketResult r = new PacketPipeline().keep(new Segments().client(0, SYN, CLIENT_ISN, 0, 0, 64240, mss(1460),
                sackOk(), ts(100, 0), nop(), wscale(7)));
        Document d = check(r);
        Field port = field(d, "tcp.srcport");
        assertEquals(34, port.start);
        assertEquals(36, port.end);
        assertEquals("Source Port: 40000", label(port));
        assertEquals("34\u201335 (2 bytes)", ((Element) port.li.getElementsByTagName("span").item(1)).getTextContent());
        Set<Integer> owned = new TreeSet<>();
        for (Element b : all(d.getDocumentElement(), "data-b")) {
            if (b.getAttribute("data-f").equals("tcp.srcport")) {
                owned.add(Integer.parseInt(b.getAttribute("data-b")));
            }
        }
        assertEquals(Set.of(34, 35), owned);
    }

    @Test
    void aHostilePayloadIsEscapedAndItsControlBytesAreDots() throws Exception {
        byte[] payload = "<script>alert(1)</script>\u001b[31m'\"&".getBytes(StandardCharsets.ISO_8859_1);
        PacketResult r = HexDumpTextTest.hostile(payload);
        String html = HexDumpHtml.render(r);
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element");
        assertFalse(html.contains("\u001b"), "no ESC byte");
        Document d = check(r);
        StringBuilder ascii = new StringBuilder();
        for (Element a : all(d.getDocumentElement(), "data-a")) {
            ascii.append(a.getTextContent());
        }
        assertTrue(ascii.toString().endsWith("<script>alert(1)</script>.[31m'\"&"), ascii.toString());
        assertEquals("TCP payload (33 bytes)", label(field(d, "tcp.payload")));
    }

    @Test
    void everyByteHasAFieldInUdpIcmpIpv6AndFramesTheDecoderLeftUndecoded() throws Exception {
        check(HexDumpFrames.fromCapture("scenarios/udp.pcapng", 1));
        Document icmp = check(HexDumpFrames.fromCapture("scenarios/udp-unreachable.pcapng", 2));
        assertEquals("Type: 3 (Destination unreachable)", label(field(icmp, "icmp.type")));
        assertEquals(List.of("eth", "ip", "icmp", "icmp.quoted", "icmp.quoted.src"), ancestry(field(icmp, "icmp.quoted.src")));
        Document ipv6 = check(HexDumpFrames.fromCapture("scenarios/ipv6.pcapng", 2));
        assertEquals("Flow Label: 0xd1f59", label(field(ipv6, "ipv6.flow")).replaceFirst("^[.01 ]+= ", ""));
        Document arp = check(HexDumpFrames.hex("ffffffffffff 000000000001 0806 0001 0800 06 04 0001 000000000001"
                + " 0a000001 000000000000 0a000002"));
        assertEquals("ARP (28 bytes, not decoded)", label(field(arp, "data")));
        // A frame cut inside the IPv4 header: the link layer decodes, the rest is data.
        check(HexDumpFrames.hex("000000000002 000000000001 0800 4500 0034 0000"));
        // Two options of one kind get ids of their own.
        Document nops = check(new PacketPipeline().keep(new Segments().client(0, SYN, CLIENT_ISN, 0, 0, 64240, nop(),
                nop(), nop(), nop())));
        assertEquals("TCP Option - No-Operation (NOP)", label(field(nops, "tcp.option.nop-4")));
    }

    @Test
    void theScriptAndTheStylesheetComeFromTheClasspathAndNeedNoNetwork() {
        String js = HexDumpHtml.script();
        String css = HexDumpHtml.stylesheet();
        assertTrue(js.contains("wb-hl") && js.contains(".wb-hex") && js.contains("focusin"), js);
        assertTrue(css.contains("prefers-color-scheme: dark") && css.contains(".wb-hl") && css.contains("overflow-x: auto"));
        for (String s : List.of(js, css)) {
            assertFalse(s.contains("http:") || s.contains("https:") || s.contains("import ") || s.contains("@import")
                    || s.contains("fetch(") || s.contains("XMLHttpRequest"), "nothing is loaded");
        }
    }

    private static Element byteElement(Document d, int offset) {
        return all(d.getDocumentElement(), "data-b").get(offset);
    }

    /** The ids of the fields from the top layer down to {@code f}. */
    private static List<String> ancestry(Field f) {
        List<String> ids = new ArrayList<>();
        for (Node n = f.li; n != null; n = n.getParentNode()) {
            if (n instanceof Element e && e.hasAttribute("data-start")) {
                ids.add(0, e.getAttribute("data-f"));
            }
        }
        return ids;
    }

    @Test
    void aBigFrameShowsTheLimitsBytesAsElementsAndNamesTheRest() throws Exception {
        PacketResult r = HexDumpFrames.fromCapture("scenarios/bulk.pcapng", 4);
        String html = HexDumpHtml.render(r, 512);
        int spans = 0;
        for (int i = html.indexOf("data-b=\""); i >= 0; i = html.indexOf("data-b=\"", i + 1)) {
            spans++;
        }
        assertEquals(512, spans, "a byte element for each byte shown");
        assertTrue(html.contains(String.format("<span class=\"wb-hex-elided\">\u2026 %,d more bytes not shown (the frame has %,d)</span>",
                r.frame().capturedLength - 512, r.frame().capturedLength)), "the rest named");
        assertTrue(html.length() < 120_000, "a figure of reasonable size: " + html.length());
        assertTrue(html.contains("data-f=\"tcp.payload\""), "the tree still names the payload");
    }
}
