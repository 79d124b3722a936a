package io.wirebook.render;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The frames the hex dump tests render: bundled recordings read through the pipeline, and frames from bytes. */
final class HexDumpFrames {
    private HexDumpFrames() {}

    /** Frame {@code number} of a capture under captures/, through a pipeline that saw every frame before it. */
    static PacketResult fromCapture(String relative, int number) throws IOException {
        PacketPipeline pipeline = new PacketPipeline();
        try (FrameSource src = CaptureFiles.open(TestCaptures.get(relative).toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                PacketResult r = pipeline.keep(f);
                if (f.number == number) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(relative + " has no frame " + number);
    }

    /** Each frame through one pipeline, kept. */
    static List<PacketResult> keep(List<Frame> frames) {
        return new PacketPipeline().keepAll(frames);
    }

    /** One frame made of hex bytes (Ethernet on), on its own. */
    static PacketResult hex(String hex) {
        return new PacketPipeline().keep(new Segments().hex(0, hex));
    }

    /** The byte values of {@code r}'s frame. */
    static List<Integer> bytes(PacketResult r) {
        Frame f = r.frame();
        List<Integer> out = new ArrayList<>(f.capturedLength);
        for (int i = 0; i < f.capturedLength; i++) {
            out.add(f.data[f.offset + i] & 0xFF);
        }
        return out;
    }
}
