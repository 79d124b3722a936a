package io.wirebook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.calls.LogEntry;
import io.wirebook.calls.Note;
import io.wirebook.calls.Recording;
import io.wirebook.calls.SocketCall;
import io.wirebook.render.LadderSvgWriter.Options;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import io.wirebook.timeline.TimelineEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The SVG ladder of the frozen scenario recordings in captures/scenarios: one arrow group per packet in
 * frame order from the sender's lane to the receiver's, labelled as {@code wirebook read} shows the
 * segment; the calls, their links, states and breaks; the options; a figure that fits a screen; XML that a
 * strict parser accepts whatever the call log holds; the same bytes every time, and the handshake's golden.
 */
class LadderSvgWriterTest {
    static final String SVG = "http://www.w3.org/2000/svg";
    static final List<String> SCENARIOS = List.of("backlog", "bulk", "byte-order", "half-close", "handshake", "ipv6",
            "linger-rst", "no-accept", "refused", "server-closes-first", "simultaneous-close", "three-way-close",
            "time-wait", "udp-unreachable", "udp", "unread-rst", "zero-window");

    static Path scenarios() {
        return TestCaptures.get("scenarios");
    }

    static Path golden() {
        return Paths.get(System.getProperty("wirebook.golden", "src/test/resources/golden")).resolve("svg");
    }

    static Timeline timeline(String name) throws IOException {
        Recording r = Recording.load(scenarios(), name);
        return TimelineBuilder.build(r.frames(), r.log());
    }

    /** Parses as XML with DOCTYPE refused, as a browser's strict XML parser or an attacker's hope would not. */
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = d.getDocumentElement();
        assertEquals(SVG, root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        return d;
    }

    static List<Element> all(Document d, String tag, Predicate<Element> p) {
        NodeList nodes = d.getElementsByTagNameNS(SVG, tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (p.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    static Predicate<Element> cls(String c) {
        return e -> List.of(e.getAttribute("class").split(" ")).contains(c);
    }

    static Element child(Element e, String tag, String cls) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getLocalName().equals(tag)
                    && (cls == null ? !c.hasAttribute("class") : cls(cls).test(c))) {
                return c;
            }
        }
        throw new AssertionError("no <" + tag + (cls == null ? "" : " class=" + cls) + "> in " + e.getAttribute("class"));
    }

    static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    static double laneX(Document d, String side) {
        return num(all(d, "g", cls("lane").and(e -> e.getAttribute("data-side").equals(side))).get(0), "data-x");
    }

    static List<Long> frames(Document d) {
        return all(d, "g", cls("packet")).stream().map(e -> Long.parseLong(e.getAttribute("data-frame"))).toList();
    }

    @Test
    void handshakeHasOneArrowPerPacketInFrameOrderFromSenderToReceiver() throws Exception {
        Timeline t = timeline("handshake");
        Document d = parse(LadderSvgWriter.render(t, Options.DEFAULT));
        assertEquals(11, t.packets().size());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), frames(d));
        double client = laneX(d, "client"), server = laneX(d, "server");
        assertTrue(client < server, "client left, server right");
        Element syn = all(d, "g", cls("packet").and(e -> e.getAttribute("data-frame").equals("1"))).get(0);
        Element line = child(syn, "line", null);
        assertEquals(client, num(line, "x1"));
        assertEquals(server, num(line, "x2"));
        assertTrue(num(line, "y2") > num(line, "y1"), "time flows down");
        Element synAck = all(d, "g", cls("packet").and(e -> e.getAttribute("data-frame").equals("2"))).get(0);
        assertEquals(server, num(child(synAck, "line", null), "x1"));
        assertEquals(client, num(child(synAck, "line", null), "x2"));
        double y = 0;
        for (Element g : all(d, "g", cls("packet"))) {
            double y1 = num(child(g, "line", null), "y1");
            assertTrue(y1 > y, "arrow of frame " + g.getAttribute("data-frame") + " below the one before");
            y = y1;
        }
    }

    @Test
    void handshakeLabelsAreWhatWirebookReadShows() throws Exception {
        // wirebook read ../captures/scenarios/handshake.pcapng:
        //  1 ... IP 127.0.0.1.48634 > 127.0.0.1.36363: Flags [S], seq 0, win 65495, options [...], length 0
        //  2 ... IP 127.0.0.1.36363 > 127.0.0.1.48634: Flags [S.], seq 0, ack 1, win 65483, options [...], length 0
        //  3 ... IP 127.0.0.1.48634 > 127.0.0.1.36363: Flags [.], ack 1, win 65536, options [...], length 0
        //  4 ... IP 127.0.0.1.48634 > 127.0.0.1.36363: Flags [P.], seq 1:7, ack 1, win 65536, options [...], length 6
        //  8 ... IP 127.0.0.1.48634 > 127.0.0.1.36363: Flags [F.], seq 7, ack 7, win 65536, options [...], length 0
        Document d = parse(LadderSvgWriter.render(timeline("handshake"), Options.DEFAULT));
        List<String> labels = all(d, "g", cls("packet")).stream().map(g -> child(g, "text", "wb-label").getTextContent()).toList();
        assertEquals("[S] seq 0 win 65495 len 0", labels.get(0));
        assertEquals("[S.] seq 0 ack 1 win 65483 len 0", labels.get(1));
        assertEquals("[.] seq 1 ack 1 win 65536 len 0", labels.get(2));
        assertEquals("[P.] seq 1:7 ack 1 win 65536 len 6", labels.get(3));
        assertEquals("[F.] seq 7 ack 7 win 65536 len 0", labels.get(7));
        Element first = all(d, "g", cls("packet")).get(0);
        assertEquals("1", child(first, "text", "wb-frame").getTextContent());
        assertEquals("127.0.0.1:48634", all(d, "g", cls("lane")).get(0).getElementsByTagNameNS(SVG, "text").item(1).getTextContent());
        assertEquals("127.0.0.1:36363", all(d, "g", cls("lane")).get(1).getElementsByTagNameNS(SVG, "text").item(1).getTextContent());
    }

    @Test
    void handshakeStatesAreWrittenBesideTheirLanes() throws Exception {
        Document d = parse(LadderSvgWriter.render(timeline("handshake"), Options.DEFAULT));
        List<String> states = all(d, "text", cls("state")).stream()
                .map(e -> e.getAttribute("data-frame") + " " + e.getAttribute("data-side") + " " + e.getTextContent()).toList();
        assertEquals(List.of("1 client SYN_SENT", "2 client ESTABLISHED", "2 server SYN_RECEIVED", "3 server ESTABLISHED",
                // The server shows CLOSE_WAIT on frame 9, its ACK of the client's FIN (frame 8).
                "8 client FIN_WAIT_1", "9 client FIN_WAIT_2", "9 server CLOSE_WAIT", "10 client TIME_WAIT",
                "10 server LAST_ACK", "11 server CLOSED"), states);
        double client = laneX(d, "client"), server = laneX(d, "server");
        for (Element s : all(d, "text", cls("state"))) {
            double x = num(s, "x");
            assertTrue(s.getAttribute("data-side").equals("client") ? x < client : x > server, "outside its lane: " + x);
        }
    }

    @Test
    void twoStepsOfOneSideOnOnePacketAreWrittenOneUnderTheOther() throws Exception {
        // three-way-close: the server's FIN/ACK moves the client FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT at once.
        Document d = parse(LadderSvgWriter.render(timeline("three-way-close"), Options.DEFAULT));
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        int twoStep = 0;
        for (Element s : all(d, "text", cls("state"))) {
            String at = s.getAttribute("x") + "," + s.getAttribute("y");
            String before = seen.put(at, s.getTextContent());
            assertEquals(null, before, "two state names at " + at + ": " + before + " and " + s.getTextContent());
        }
        List<Element> client = all(d, "text", cls("state")).stream()
                .filter(e -> e.getAttribute("data-side").equals("client") && e.getTextContent().matches("FIN_WAIT_2|TIME_WAIT")).toList();
        assertEquals(2, client.size());
        if (client.get(0).getAttribute("data-frame").equals(client.get(1).getAttribute("data-frame"))) {
            twoStep++;
            assertTrue(num(client.get(1), "y") > num(client.get(0), "y"), "TIME_WAIT under FIN_WAIT_2");
        }
        assertEquals(1, twoStep, "the recording's FIN/ACK makes both steps at once");
    }

    @Test
    void connectIsABoxOnTheClientLaneLinkedToTheSynAndToTheSynAckItReturnedOn() throws Exception {
        Document d = parse(LadderSvgWriter.render(timeline("handshake"), Options.DEFAULT));
        List<Element> connects = all(d, "g", cls("call").and(e -> e.getAttribute("data-call").equals("connect")));
        assertEquals(1, connects.size());
        Element connect = connects.get(0);
        assertEquals("client", connect.getAttribute("data-side"));
        assertEquals("connect(client) = 0", child(connect, "text", null).getTextContent());
        Element box = child(connect, "rect", "wb-box");
        double client = laneX(d, "client");
        assertTrue(num(box, "x") < client && client < num(box, "x") + num(box, "width"), "the box sits on the lane");
        String ref = connect.getAttribute("data-ref");
        List<Element> cause = all(d, "path", cls("link").and(e -> e.getAttribute("data-kind").equals("cause")
                && e.getAttribute("data-ref").equals(ref)));
        assertEquals(1, cause.size());
        assertEquals("1", cause.get(0).getAttribute("data-frame"));
        // The dotted line ends where the SYN's arrow starts.
        Element syn = child(all(d, "g", cls("packet")).get(0), "line", null);
        String[] d0 = cause.get(0).getAttribute("d").split(" ");
        String end = d0[d0.length - 1];
        assertEquals(SvgText.num(num(syn, "x1")) + "," + SvgText.num(num(syn, "y1")), end);
        List<Element> unblock = all(d, "path", cls("link").and(e -> e.getAttribute("data-kind").equals("unblock")
                && e.getAttribute("data-ref").equals(ref)));
        assertEquals("2", unblock.get(0).getAttribute("data-frame"), "connect() returned on the SYN/ACK");
        // connect() blocked until after the SYN/ACK: its bar runs down the lane below the SYN/ACK's arrival.
        Element bar = child(connect, "rect", "wb-bar");
        Element synAck = child(all(d, "g", cls("packet")).get(1), "line", null);
        assertTrue(num(bar, "y") + num(bar, "height") >= num(synAck, "y2"));
        List<String> accept = all(d, "g", cls("call").and(e -> e.getAttribute("data-call").equals("accept")))
                .stream().map(e -> child(e, "text", null).getTextContent()).toList();
        assertEquals(List.of("accept(listener) = conn"), accept);
    }

    @Test
    void findingsAndErrnoAreMarked() throws Exception {
        Document d = parse(LadderSvgWriter.render(timeline("backlog"), Options.DEFAULT));
        Element nine = all(d, "g", cls("packet").and(e -> e.getAttribute("data-frame").equals("9"))).get(0);
        assertTrue(cls("wb-flagged").test(nine));
        assertEquals("[TCP Retransmission]", child(nine, "text", "wb-finding").getTextContent());
        assertFalse(cls("wb-flagged").test(all(d, "g", cls("packet")).get(0)));
        Document refused = parse(LadderSvgWriter.render(timeline("refused"), Options.DEFAULT));
        Element connect = all(refused, "g", cls("call").and(e -> e.getAttribute("data-call").equals("connect"))).get(0);
        assertTrue(cls("wb-error").test(connect));
        assertEquals("connect(client) = -1 ECONNREFUSED", child(connect, "text", null).getTextContent());
        assertEquals("[R.] seq 1 ack 1 win 0 len 0", child(all(refused, "g", cls("packet")).get(1), "text", "wb-label").getTextContent());
    }

    @Test
    void udpDatagramsAndIcmpErrorsAreArrowsToo() throws Exception {
        Document d = parse(LadderSvgWriter.render(timeline("udp-unreachable"), Options.DEFAULT));
        List<String> labels = all(d, "g", cls("packet")).stream().map(g -> child(g, "text", "wb-label").getTextContent()).toList();
        assertEquals(List.of("UDP len 4", "ICMP port unreachable", "UDP len 4", "ICMP port unreachable"), labels);
        double client = laneX(d, "client"), server = laneX(d, "server");
        Element icmp = child(all(d, "g", cls("packet")).get(1), "line", null);
        assertEquals(server, num(icmp, "x1"), "the closed port's host answers");
        assertEquals(client, num(icmp, "x2"));
        List<Element> recv = all(d, "g", cls("call").and(e -> e.getAttribute("data-call").equals("recvfrom")));
        assertEquals("recvfrom(client) = -1 ECONNREFUSED", child(recv.get(0), "text", null).getTextContent());
        String ref = recv.get(0).getAttribute("data-ref");
        assertEquals(1, all(d, "path", cls("link").and(e -> e.getAttribute("data-ref").equals(ref)
                && e.getAttribute("data-frame").equals("2") && e.getAttribute("data-kind").equals("unblock"))).size());
    }

    @Test
    void theSynRetransmissionTimerIsABreakWithItsTimeOnIt() throws Exception {
        // backlog: the dropped SYNs of client-3 and client-4 are sent again after about 1 s (frames 8 to 9).
        Document d = parse(LadderSvgWriter.render(timeline("backlog"), Options.DEFAULT));
        List<Element> gaps = all(d, "g", cls("gap"));
        assertEquals(List.of("922 ms later", "928 ms later"),
                gaps.stream().map(g -> g.getElementsByTagNameNS(SVG, "text").item(0).getTextContent()).toList());
        Element eight = child(all(d, "g", cls("packet").and(e -> e.getAttribute("data-frame").equals("8"))).get(0), "line", null);
        Element nine = child(all(d, "g", cls("packet").and(e -> e.getAttribute("data-frame").equals("9"))).get(0), "line", null);
        double gapY = Double.parseDouble(child(gaps.get(0), "text", null).getAttribute("y"));
        assertTrue(num(eight, "y2") < gapY && gapY < num(nine, "y1"), "the break is between frames 8 and 9");
    }

    @Test
    void sixtySecondsOfTimeWaitAreOneBreakNotAMinuteOfPaper() throws Exception {
        // The handshake with its last two packets moved 60 s later, as if the peer had waited out TIME_WAIT.
        Timeline t = timeline("handshake");
        long later = 60_000_000_000L, from = t.packets().get(9).tsNanos();
        List<TimelineEvent> moved = new ArrayList<>();
        for (TimelineEvent e : t.events()) {
            if (e.tsNanos() < from) {
                moved.add(e);
            } else if (e instanceof TimelineEvent.PacketSeen p) {
                moved.add(new TimelineEvent.PacketSeen(p.result(), p.tsNanos() + later, p.side(), p.cause()));
            } else if (e instanceof TimelineEvent.StateChange s) {
                moved.add(new TimelineEvent.StateChange(s.tsNanos() + later, s.frame(), s.side(), s.endpoint(), s.from(), s.to()));
            }
        }
        String svg = LadderSvgWriter.render(new Timeline(moved), Options.DEFAULT);
        Document d = parse(svg);
        List<String> gaps = all(d, "g", cls("gap")).stream()
                .map(g -> g.getElementsByTagNameNS(SVG, "text").item(0).getTextContent()).toList();
        // listen() to accept(), close(conn) 254 ms after the server's last read, then the 60 s to its FIN.
        assertEquals(List.of("240 ms later", "254 ms later", "60.00 s later"), gaps);
        assertTrue(height(d) < 1000, "height " + height(d));
        assertEquals("1.00 s", LadderDrawing.elapsed(999_999_999L));
        assertEquals("254 ms", LadderDrawing.elapsed(253_600_000L));
    }

    static double height(Document d) {
        return Double.parseDouble(d.getDocumentElement().getAttribute("height"));
    }

    static Stream<String> scenarioNames() {
        return SCENARIOS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioNames")
    void everyScenarioIsStandaloneWellFormedSvgThatFitsAScreen(String name) throws Exception {
        Timeline t = timeline(name);
        String svg = LadderSvgWriter.render(t, Options.DEFAULT);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), "no prolog, the namespace first");
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("img", root.getAttribute("role"));
        String[] box = root.getAttribute("viewBox").split(" ");
        assertEquals(List.of("0", "0", root.getAttribute("width"), root.getAttribute("height")), List.of(box));
        assertEquals("title", ((Element) d.getElementsByTagNameNS(SVG, "title").item(0)).getLocalName());
        assertTrue(root.getFirstChild().getNextSibling() instanceof Element first && first.getLocalName().equals("title"),
                "<title> first, the figure's accessible name");
        assertEquals(1, d.getElementsByTagNameNS(SVG, "desc").getLength());
        assertTrue(height(d) < 1200, name + " is " + height(d) + " px tall");
        assertEquals(t.packets().stream().map(p -> p.frame().number).toList(), frames(d), "every packet, in order");
        assertEquals(t.calls().size(), all(d, "g", cls("call")).size(), "every call");
        assertEquals(svg, LadderSvgWriter.render(timeline(name), Options.DEFAULT), "the same bytes again");
    }

    @Test
    void framesSelectsARangeAndTheCallsAroundIt() throws Exception {
        Timeline t = timeline("handshake");
        Document d = parse(LadderSvgWriter.render(t, Options.DEFAULT.frames("4-7")));
        assertEquals(List.of(4L, 5L, 6L, 7L), frames(d));
        List<String> calls = all(d, "g", cls("call")).stream().map(e -> child(e, "text", null).getTextContent()).toList();
        // accept() is drawn too: it was still under way (the JVM returned from it 4 ms after frame 3).
        assertEquals(List.of("accept(listener) = conn", "write(client) = 6", "read(client) = 6", "read(conn) = 6",
                "write(conn) = 6"), calls);
        assertTrue(d.getElementsByTagNameNS(SVG, "title").item(0).getTextContent().contains("frames 4-7"));
        assertEquals(List.of(2L), frames(parse(LadderSvgWriter.render(t, Options.DEFAULT.frames(2, 2)))));
        assertEquals(List.of(), all(parse(LadderSvgWriter.render(t, Options.DEFAULT.calls(false))), "g", cls("call")));
        assertEquals(List.of(3L), frames(parse(LadderSvgWriter.render(t, Options.DEFAULT.frames("3")))));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.frames("7-4"));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.frames("four"));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.frames("0-3"));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.stream(-2));
    }

    @Test
    void streamSelectsOneConnectionAndTheCallsOnItsSockets() throws Exception {
        // backlog: client-3's connection is TCP stream 2, a SYN that the full queue drops, sent three times.
        Timeline t = timeline("backlog");
        Document d = parse(LadderSvgWriter.render(t, Options.DEFAULT.stream(2)));
        assertEquals(List.of(7L, 9L, 11L), frames(d));
        List<String> calls = all(d, "g", cls("call")).stream().map(e -> child(e, "text", null).getTextContent()).toList();
        assertEquals(List.of("socket(client-3) = client-3", "connect(client-3) = -1 EINPROGRESS",
                "epoll_wait(client-3) = 0", "close(client-3) = 0"), calls);
        assertEquals("7", child(all(d, "g", cls("packet")).get(0), "text", "wb-frame").getTextContent(), "one stream: no stream tag");
        Document all = parse(LadderSvgWriter.render(t, Options.DEFAULT));
        assertEquals("7 s2", child(all(all, "g", cls("packet")).get(6), "text", "wb-frame").getTextContent());
        Document none = parse(LadderSvgWriter.render(t, Options.DEFAULT.stream(99)));
        assertEquals(List.of(), frames(none));
        // A stream number leaves out UDP, which has none.
        assertEquals(List.of(), frames(parse(LadderSvgWriter.render(timeline("udp"), Options.DEFAULT.stream(0)))));
    }

    @Test
    void hostileCallLogTextIsEscapedAndTheOutputStaysWellFormed() throws Exception {
        String evil = "</svg><script>alert(1)</script> ]]> --> <!-- & \" ' \u0000\u0001\u0008\u000b\u001b\u007f"
                + "\uD800 lone \uDC00 \uFFFE\uFFFF ok \uD83D\uDE00";
        Recording r = Recording.load(scenarios(), "handshake");
        List<LogEntry> log = new ArrayList<>();
        for (LogEntry e : r.log()) {
            if (e instanceof SocketCall c) {
                Map<String, String> args = new LinkedHashMap<>(c.args());
                args.replaceAll((k, v) -> k.equals("addr") || k.equals("port") ? v : evil);
                log.add(new SocketCall(c.side(), c.call().equals("connect") ? c.call() : evil, args, evil,
                        c.errno() == null ? null : evil, evil, evil, c.ts(), c.endTs()));
            } else if (e instanceof Note n) {
                log.add(new Note(n.side(), n.key(), evil, evil, n.ts()));
            }
        }
        Timeline t = TimelineBuilder.build(r.frames(), log);
        for (Options o : List.of(Options.DEFAULT, Options.DEFAULT.frames("1-3"), Options.DEFAULT.stream(0))) {
            String svg = LadderSvgWriter.render(t, o);
            Document d = parse(svg);
            assertFalse(svg.toLowerCase(Locale.ROOT).contains("<script"), svg);
            assertEquals(0, d.getElementsByTagNameNS("*", "script").getLength());
            assertFalse(svg.contains("]]>") || svg.contains("-->") || svg.contains("<!--"));
            for (int i = 0; i < svg.length(); i++) {
                char ch = svg.charAt(i);
                assertTrue(ch >= 0x20 || ch == '\n', "control character " + (int) ch + " at " + i);
                assertTrue(ch != '\uFFFE' && ch != '\uFFFF');
                if (Character.isHighSurrogate(ch)) {
                    assertTrue(Character.isLowSurrogate(svg.charAt(++i)), "lone surrogate at " + i);
                } else {
                    assertFalse(Character.isLowSurrogate(ch), "lone surrogate at " + i);
                }
            }
            assertTrue(svg.contains("\uD83D\uDE00"), "a real character outside the BMP is kept");
        }
    }

    @Test
    void handshakeMatchesTheGolden() throws Exception {
        // Regenerate with analyzer/src/test/scripts/regen-svg-goldens.sh and review the diff, never by hand.
        String svg = LadderSvgWriter.render(timeline("handshake"), Options.DEFAULT);
        Path file = golden().resolve("handshake.svg");
        if (Boolean.getBoolean("wirebook.regenSvgGoldens")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "no golden " + file + ": run analyzer/src/test/scripts/regen-svg-goldens.sh");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), svg);
    }
}
