package io.wirebook.tutorial.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.Recording;
import io.wirebook.capture.LinkType;
import io.wirebook.render.TimelinePcapng;
import io.wirebook.timeline.TimelineBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcapng that {@code capture --scenario -w} writes carries the socket calls as packet comments, and
 * Wireshark's tools show them as {@code frame.comment}: checked with tshark itself.
 */
class PcapngCommentsTest {
    @TempDir
    Path tmp;

    @Test
    void tsharkShowsTheCallsAndCausesAsFrameComments() throws Exception {
        Recording r = Recording.load(RecordedScenariosTest.dir(), "refused");
        Path out = tmp.resolve("refused.pcapng");
        TimelinePcapng.write(TimelineBuilder.build(r.frames(), r.log()), out, LinkType.EN10MB, "lo");
        Process p = new ProcessBuilder("tshark", "-n", "-r", out.toString(), "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=|", "-e", "frame.number", "-e", "tcp.flags.str", "-e", "frame.comment").start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        List<String> lines = stdout.lines().toList();
        assertEquals(2, lines.size(), stdout);
        String[] syn = lines.get(0).split("\t");
        assertEquals("··········S·", syn[1]);
        assertTrue(syn[2].contains("call: client connect(client, 127.0.0.1:"), syn[2]);
        assertTrue(syn[2].contains("= -1 ECONNREFUSED"), syn[2]);
        assertTrue(syn[2].contains("cause: client connect() (connect() sends the SYN)"), syn[2]);
        String[] rst = lines.get(1).split("\t");
        assertEquals("·······A·R··", rst[1]);
        assertTrue(rst[2].startsWith("cause: kernel"), rst[2]);
    }

    /**
     * Two packets captured in one order with kernel timestamps in the other (lo, each CPU stamping its own):
     * the timeline shows them by time, and the recording keeps the capture's order, so that its replay
     * analyses what the live run analysed.
     */
    @Test
    void theRecordingKeepsTheCapturesOrderWhenTimestampsDisagree() throws Exception {
        Recording r = Recording.load(RecordedScenariosTest.dir(), "handshake");
        List<io.wirebook.capture.Frame> frames = new java.util.ArrayList<>();
        for (io.wirebook.capture.Frame f : r.frames()) {
            frames.add(f.copy());
        }
        io.wirebook.capture.Frame second = frames.get(1), third = frames.get(2);
        // the third packet stamped 1 us before the second, though captured after it
        third.epochSeconds = second.epochSeconds;
        third.nanos = second.nanos - 1_000;
        if (third.nanos < 0) {
            third.nanos += 1_000_000_000;
            third.epochSeconds--;
        }
        io.wirebook.timeline.Timeline t = TimelineBuilder.build(frames, r.log());
        assertEquals(3, t.packets().get(1).frame().number, "the timeline puts the third packet second, by time");
        Path out = tmp.resolve("handshake.pcapng");
        TimelinePcapng.write(t, out, LinkType.EN10MB, "lo");
        io.wirebook.capture.Frame f = new io.wirebook.capture.Frame();
        int n = 0;
        try (io.wirebook.capture.FrameSource in = io.wirebook.capture.CaptureFiles.open(out.toString())) {
            while (in.next(f)) {
                io.wirebook.capture.Frame want = frames.get(n++);
                assertEquals(want.nanos, f.nanos, "frame " + n + " in the capture's order");
                assertEquals(want.capturedLength, f.capturedLength, "frame " + n);
            }
        }
        assertEquals(frames.size(), n);
    }
}
