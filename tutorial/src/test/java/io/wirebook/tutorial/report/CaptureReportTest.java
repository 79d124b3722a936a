package io.wirebook.tutorial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.cli.Progress;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.LadderSvgWriter;
import io.wirebook.timeline.TimelineBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a report a user cannot set from the command line: the paged tables, the cut frames, progress. */
class CaptureReportTest {
    static CaptureReport read(Path file, CaptureReport.Limits limits) throws Exception {
        CaptureReport r = new CaptureReport(limits, pass -> Progress.OFF);
        r.read(() -> CaptureFiles.open(file.toString()));
        return r;
    }

    @Test
    void aLongTableIsPagedAndEveryRowIsOnExactlyOnePage(@TempDir Path dir) throws Exception {
        Path file = ReportCommandTest.THIRD_PARTY.resolve("tcpdump/afs.pcap");
        CaptureReport r = read(file, new CaptureReport.Limits(2, 60, 1000, 1000, 3));
        try {
            new ReportWriter(r, file.toString()).write(dir);
        } finally {
            r.close();
        }
        int pages = (int) ((r.udpFlows + 2) / 3);
        assertTrue(pages >= 3, "afs.pcap has more than six UDP flows: " + r.udpFlows);
        List<Long> flows = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            String name = page == 1 ? "udp.html" : "udp-" + page + ".html";
            String html = Files.readString(dir.resolve(name));
            Matcher m = Pattern.compile("<tr id=\"u(\\d+)\">").matcher(html);
            int rows = 0;
            while (m.find()) {
                flows.add(Long.parseLong(m.group(1)));
                rows++;
            }
            assertEquals(page < pages ? 3 : r.udpFlows - 3L * (pages - 1), rows, name);
            assertTrue(html.contains("(page " + page + " of " + pages + ")"), name + " says which page it is");
            assertEquals(page > 1, html.contains("rel=\"prev\" href=\"" + (page == 2 ? "udp.html" : "udp-" + (page - 1) + ".html") + "\""), name);
            assertEquals(page < pages, html.contains("rel=\"next\" href=\"udp-" + (page + 1) + ".html\""), name);
            String md = Files.readString(dir.resolve("md/" + name.replace(".html", ".md")));
            assertEquals(rows, md.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).count(), name + " in Markdown");
        }
        assertEquals(false, Files.exists(dir.resolve("udp-" + (pages + 1) + ".html")));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < r.udpFlows; i++) {
            expected.add(i);
        }
        assertEquals(expected, flows, "every flow once, in order");
    }

    @Test
    void theLadderOfFramesCutToTheirHeadersIsTheLadderOfTheWholeFrames() throws Exception {
        // bulk: 64 KB loopback segments, which the page keeps only the headers of.
        Path file = Path.of("../captures/scenarios/bulk.pcapng").toAbsolutePath();
        CaptureReport r = read(file, CaptureReport.Limits.DEFAULT);
        r.close();
        assertEquals(1, r.pages.size());
        List<Frame> whole = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(file.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                whole.add(f.copy());
            }
        }
        String expected = LadderSvgWriter.render(TimelineBuilder.build(whole, List.of()), LadderSvgWriter.Options.DEFAULT.calls(false));
        assertEquals(expected, r.pages.get(0).ladderSvg());
        assertTrue(whole.stream().anyMatch(f -> f.capturedLength > 30000), "the capture has big frames");
    }

    @Test
    void theSecondPassSeesTheStreamNumbersOfTheFirst() throws Exception {
        // A capture where connections end and their ports come back: the pages must be of the streams chosen.
        Path file = ReportCommandTest.THIRD_PARTY.resolve("wireshark/tcp-badsegments.pcap");
        CaptureReport r = read(file, CaptureReport.Limits.DEFAULT);
        r.close();
        PacketPipeline p = PacketPipeline.summarising(EvictionPolicy.defaults(), s -> {}, f -> {});
        java.util.Map<Integer, Long> packets = new java.util.HashMap<>();
        try (FrameSource src = CaptureFiles.open(file.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                PacketResult res = p.next(f);
                if (res.isTcp()) {
                    packets.merge(res.connection().stream, 1L, Long::sum);
                }
            }
        }
        assertTrue(!r.pages.isEmpty());
        for (ConnectionPage page : r.pages) {
            assertEquals(page.summary.aPackets + page.summary.bPackets, page.packets, "stream " + page.summary.stream);
            assertEquals(packets.get(page.summary.stream), page.packets);
        }
    }

    /**
     * Each pass has the shared progress line with its own label, from the analyzer's cli (a fake clock: ten
     * seconds a reading, so the line comes at the second one); the line is erased at the end of each pass.
     */
    @Test
    void eachPassHasTheSharedProgressLineAndErasesIt() throws Exception {
        Path file = ReportCommandTest.THIRD_PARTY.resolve("wireshark/http-ooo.pcap");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        long[] now = {0};
        long size = Files.size(file);
        CaptureReport r = new CaptureReport(new CaptureReport.Limits(2, 60, 1000, 1000, 3),
                pass -> new Progress(stream, "pass " + pass + " of 2: ", size, 0, () -> now[0] += 10_000_000_000L));
        r.read(() -> CaptureFiles.open(file.toString()));
        r.close();
        String[] parts = err.toString(StandardCharsets.UTF_8).split("\r", -1);
        List<String> passes = new ArrayList<>();
        for (String p : parts) {
            Matcher m = Pattern.compile("wirebook: pass (\\d) of 2: [0-9.]+ [kMG]?B of [0-9.]+ [kMG]?B \\(\\d+%\\), "
                    + "[0-9,]+ packets?, [0-9.]+ [kMG]?B/s, .* left *").matcher(p);
            if (m.matches()) {
                passes.add(m.group(1));
            } else {
                assertTrue(p.isBlank(), "a progress line or its erasure: '" + p + "'");
            }
        }
        assertTrue(passes.contains("1") && passes.contains("2") && passes.indexOf("2") > passes.lastIndexOf("1"), passes.toString());
        assertTrue(parts[parts.length - 1].isEmpty() && parts[parts.length - 2].isBlank(), "erased at the end");
    }
}
