package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.StrictJson;
import io.wirebook.TestCaptures;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.capture.LinkType;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Packet payloads are untrusted: whatever the bytes, decoding, tracking, analysis, notes and both
 * renderings must finish without an exception, and the JSON must stay one strict object (no key twice)
 * per frame. Deterministic mutations of every bundled frame (bit
 * flips, truncations, random lengths) and random frames under every link type.
 */
class DecoderFuzzTest {
    private static final int[] LINKS = {LinkType.EN10MB, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
            LinkType.LOOP, LinkType.RAW, LinkType.IPV4, LinkType.IPV6, 147};

    @Test
    void mutatedAndRandomFramesNeverThrow() throws Exception {
        List<Frame> seeds = new ArrayList<>();
        for (Path p : TestCaptures.withTsharkReference()) {
            try (FrameSource src = CaptureFiles.open(p.toString())) {
                Frame f = new Frame();
                int n = 0;
                while (src.next(f) && n++ < 40) {
                    seeds.add(f.copy());
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(20261125);
        PacketPipeline pipeline = new PacketPipeline();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        JsonlPacketWriter json = new JsonlPacketWriter(sink);
        StringBuilder line = new StringBuilder();
        long decoded = 0, lines = 0;
        for (int round = 0; round < 60_000; round++) {
            Frame f;
            if (round % 4 == 3) {
                f = new Frame();
                f.data = new byte[rnd.nextInt(0, 200)];
                rnd.nextBytes(f.data);
                f.linkType = LINKS[rnd.nextInt(LINKS.length)];
                f.capturedLength = f.data.length;
                f.originalLength = f.data.length + (rnd.nextBoolean() ? 0 : rnd.nextInt(0, 70000));
            } else {
                f = seeds.get(rnd.nextInt(seeds.size())).copy();
                int flips = rnd.nextInt(1, 6);
                for (int i = 0; i < flips && f.capturedLength > 0; i++) {
                    f.data[rnd.nextInt(f.capturedLength)] ^= (byte) (1 << rnd.nextInt(8));
                }
                if (rnd.nextInt(4) == 0 && f.capturedLength > 0) {
                    f.capturedLength = rnd.nextInt(f.capturedLength); // cut short
                }
                if (rnd.nextInt(8) == 0 && f.capturedLength > 20) {
                    int at = rnd.nextInt(f.capturedLength - 2); // a random 16-bit length field
                    f.data[at] = (byte) rnd.nextInt(256);
                    f.data[at + 1] = (byte) rnd.nextInt(256);
                }
            }
            f.number = round + 1;
            PacketResult r = pipeline.next(f);
            json.write(r);
            line.setLength(0);
            TextPacketWriter.format(line, r);
            r.appendNote(line);
            FieldSpans.of(r.packet());
            if (sink.size() > 1 << 20) {
                lines += strictLines(json, sink);
            }
            decoded++;
        }
        lines += strictLines(json, sink);
        assertTrue(decoded == 60_000);
        assertEquals(decoded, lines, "one JSON object per frame");
    }

    /** Parses what the JSON writer wrote so far, with duplicate keys rejected, then empties the sink. */
    private static int strictLines(JsonlPacketWriter json, ByteArrayOutputStream sink) throws IOException {
        json.flush();
        int n = StrictJson.lines(sink.toString(StandardCharsets.UTF_8)).size();
        sink.reset();
        return n;
    }
}
