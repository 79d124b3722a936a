package io.wirebook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every frame of every bundled capture (scenarios, third-party and kernel; not the big synthetic ones), damaged
 * ones included, rendered both ways: the figure passes {@link HexDumpHtmlTest}'s checks (a byte element per
 * byte, each in its innermost field, every field id once; see {@link #PARSED} for the big frames) and the
 * text has one dump line per 16 bytes and no control character.
 */
class HexDumpCapturesTest {
    /**
     * Frames up to this size are parsed and checked byte by byte. Bigger ones (a fifth of the frames but four
     * fifths of the bytes: the bulk transfers of the kernel captures, TSO and jumbo frames up to 80 KB, whose
     * figures run to megabytes) have their text rendered, and the first of each capture its byte elements
     * counted, which keeps the test to a few seconds.
     */
    private static final int PARSED = 2048;

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void everyBundledFrameRendersWithEveryByteInItsField() throws Exception {
        int frames = 0;
        for (Path capture : captures()) {
            PacketPipeline pipeline = new PacketPipeline();
            boolean bigSeen = false;
            try (FrameSource src = CaptureFiles.open(capture.toString())) {
                Frame f = new Frame();
                while (next(src, f)) {
                    PacketResult r = pipeline.keep(f);
                    String where = TestCaptures.name(capture) + " frame " + f.number;
                    try {
                        if (f.capturedLength <= PARSED) {
                            HexDumpHtmlTest.check(r);
                        } else if (!bigSeen) {
                            assertEquals(f.capturedLength, count(HexDumpHtml.render(r), "<span data-b=\""), where);
                            bigSeen = true;
                        }
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(where + ": " + e.getMessage(), e);
                    }
                    String text = HexDumpText.render(r);
                    List<String> lines = text.lines().toList();
                    int dump = (f.capturedLength + 15) / 16;
                    assertTrue(dump == 0 || lines.get(lines.size() - dump - 1).isEmpty(), where);
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        assertFalse(c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F, where + ": control character");
                    }
                    frames++;
                }
            }
        }
        assertTrue(frames > 3000, frames + " frames");
    }

    /** The next frame, or false at the end or where the file itself is damaged (what came before still counts). */
    private static boolean next(FrameSource src, Frame f) throws IOException {
        try {
            return src.next(f);
        } catch (CaptureFormatException e) {
            return false;
        }
    }

    private static List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.walk(TestCaptures.root())) {
            List<Path> out = s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && !TestCaptures.isSynthetic(p);
            }).sorted().toList();
            assertEquals(false, out.isEmpty());
            return out;
        }
    }
}
