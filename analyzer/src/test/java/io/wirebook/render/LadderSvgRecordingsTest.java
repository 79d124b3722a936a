package io.wirebook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.LogEntry;
import io.wirebook.calls.Recording;
import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The SVG ladder of all 17 frozen recordings: one arrow per packet, well-formed, inert, deterministic. */
class LadderSvgRecordingsTest {
    static final Path SCENARIOS = Path.of("../captures/scenarios");

    static Timeline timeline(String name) throws Exception {
        Recording r = Recording.load(SCENARIOS, name);
        return TimelineBuilder.build(r.frames(), r.log());
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Long> frames(String svg) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("<g class=\"packet[^\"]*\" data-frame=\"(\\d+)\"").matcher(svg);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    @Test
    void everyRecordingIsAWellFormedFigureWithOneArrowPerPacketInOrder() throws Exception {
        List<String> names;
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcapng"))
                    .map(n -> n.substring(0, n.length() - 7)).sorted().toList();
        }
        assertEquals(22, names.size(), names.toString());
        for (String n : names) {
            Timeline t = timeline(n);
            String svg = LadderSvgWriter.render(t, LadderSvgWriter.Options.DEFAULT);
            Document d = parse(svg);
            assertEquals("svg", d.getDocumentElement().getLocalName(), n);
            assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI(), n);
            List<Long> expected = t.packets().stream().map(p -> p.frame().number).toList();
            assertEquals(expected, frames(svg), n + ": one arrow per packet, in frame order");
            assertEquals(svg, LadderSvgWriter.render(timeline(n), LadderSvgWriter.Options.DEFAULT), n + ": deterministic");
            Matcher h = Pattern.compile("height=\"([0-9.]+)\"").matcher(svg);
            assertTrue(h.find() && Double.parseDouble(h.group(1)) < 2000, n + ": taller than a figure should be: " + h.group(1));
        }
    }

    @Test
    void theHandshakeArrowsSayWhatWiresharkWouldAndOptionsSelect() throws Exception {
        String svg = LadderSvgWriter.render(timeline("handshake"), LadderSvgWriter.Options.DEFAULT);
        assertTrue(svg.contains("[S] seq 0 win 65495 len 0"), svg);
        assertTrue(svg.contains("[S.] seq 0 ack 1 win 65483 len 0"));
        assertTrue(svg.contains("connect(client)"), "the connect() box");
        assertTrue(svg.contains("class=\"gap"), "the 240 ms before the client starts is drawn as a break");
        String three = LadderSvgWriter.render(timeline("handshake"), LadderSvgWriter.Options.DEFAULT.frames("1-3"));
        assertEquals(List.of(1L, 2L, 3L), frames(three));
        String noCalls = LadderSvgWriter.render(timeline("handshake"), LadderSvgWriter.Options.DEFAULT.calls(false));
        assertFalse(noCalls.contains("class=\"call"), "calls=off draws no call");
    }

    @Test
    void textFromTheCallLogIsEscapedAndTheFigureStaysInert() throws Exception {
        Recording r = Recording.load(SCENARIOS, "handshake");
        List<LogEntry> log = new ArrayList<>();
        String evil = "</svg><script>alert(1)</script>]]>--> \u0007\u001b[31m\uD800";
        for (LogEntry e : r.log()) {
            if (e instanceof SocketCall c && c.call().equals("connect")) {
                Map<String, String> args = new LinkedHashMap<>(c.args());
                args.put("sock", evil);
                e = new SocketCall(c.side(), c.call(), args, evil, evil, c.exception(), c.thread(), c.ts(), c.endTs());
            }
            log.add(e);
        }
        String svg = LadderSvgWriter.render(TimelineBuilder.build(r.frames(), log), LadderSvgWriter.Options.DEFAULT);
        parse(svg);
        assertFalse(svg.contains("<script"), "no element comes from the log");
        assertFalse(svg.contains("\u001b") || svg.contains("\u0007"), "no control character passes");
    }
}
