package io.wirebook.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.text.Utf8Line;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader thread's rendering ({@link DecodingReader#start(FrameSource, PacketPipeline, ResultRenderer, boolean)}):
 * each packet's bytes are what the renderer made of that packet's result, and a renderer that fails leaves its
 * batch to the consumer while the reading goes on to the end.
 */
class DecodingReaderRenderTest {
    private static final String CAPTURE = "synthetic/gen60k.pcap";

    /** "frame N\n" for each result, and a failure on frame {@code failAt} (0: never). */
    private static ResultRenderer frames(long failAt) {
        return (r, out) -> {
            if (r.frame().number == failAt) {
                throw new IllegalStateException("renderer failed on frame " + failAt);
            }
            out.append("frame ").append(r.frame().number).ascii('\n');
        };
    }

    private static List<String> read(ResultRenderer renderer, List<Long> consumerRendered) throws IOException {
        List<String> lines = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(TestCaptures.get(CAPTURE).toString());
                DecodingReader in = DecodingReader.start(src, new PacketPipeline(), renderer, true)) {
            for (Packet p; (p = in.next()) != null; ) {
                Utf8Line done = in.rendered();
                if (done == null) {
                    consumerRendered.add(p.frame.number);
                    lines.add("frame " + p.frame.number + "\n");
                } else {
                    lines.add(new String(done.bytes(), in.renderedFrom(), in.renderedTo() - in.renderedFrom(),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                assertEquals(p.frame.number, in.result().frame().number, "the result is the packet's");
            }
        }
        return lines;
    }

    @Test
    void eachPacketGetsTheBytesRenderedForIt() throws IOException {
        List<Long> byConsumer = new ArrayList<>();
        List<String> lines = read(frames(0), byConsumer);
        assertEquals(60_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("frame " + (i + 1) + "\n", lines.get(i));
        }
        assertTrue(byConsumer.size() < lines.size() / 2, "most batches rendered ahead: " + byConsumer.size() + " not");
    }

    @Test
    void aRendererThatFailsLeavesItsBatchToTheConsumerAndTheReadGoesOn() throws IOException {
        List<Long> byConsumer = new ArrayList<>();
        List<String> lines = read(frames(1000), byConsumer);
        assertEquals(60_000, lines.size(), "every frame, to the end");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("frame " + (i + 1) + "\n", lines.get(i));
        }
        assertTrue(byConsumer.contains(1000L), "the failed batch was the consumer's to render");
        assertNotNull(byConsumer);
    }

    @Test
    void withoutARendererTheConsumerRendersEverything() throws IOException {
        List<Long> byConsumer = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(TestCaptures.get(CAPTURE).toString());
                DecodingReader in = DecodingReader.start(src, new PacketPipeline())) {
            for (Packet p; (p = in.next()) != null; ) {
                assertNull(in.rendered());
                byConsumer.add(p.frame.number);
            }
        }
        assertEquals(60_000, byConsumer.size());
    }
}
