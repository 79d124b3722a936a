package io.wirebook.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirebook.analysis.TcpReassembler;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.capture.FuzzSources;
import io.wirebook.decode.FieldSpans;
import io.wirebook.decode.Packet;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.ConversationWriter;
import io.wirebook.render.FollowTextWriter;
import io.wirebook.render.HexDumpHtml;
import io.wirebook.render.HexDumpText;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.LadderSvgWriter;
import io.wirebook.render.LadderTextWriter;
import io.wirebook.render.StreamListWriter;
import io.wirebook.render.TcpdumpHex;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.TimelineJsonlWriter;
import io.wirebook.render.TimelineTextWriter;
import io.wirebook.render.Utf8Sink;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole pipeline on one capture, as the commands run it: read, decode, track, analyse, notes; then
 * every rendering a user sees: {@code read}'s text lines with notes, {@code -V}'s field tree, {@code -X}
 * and {@code -A}, JSON Lines; {@code conversations} in text and JSON Lines; {@code timeline}'s ladder and
 * {@code --list}; {@code follow}'s text of stream 0; and the notebook's renderers (timeline text and
 * JSON Lines, SVG ladder, HTML hex dump) over the first {@link #KEPT} frames.
 *
 * <p>What must hold whatever the bytes: no exception but the reader's {@link CaptureFormatException};
 * one strict JSON object per packet; no text with a character that acts on a terminal (see
 * {@link TextChecks}); allocation that follows the input's size, and (when fuzzing) time per frame.
 * Seeds: the small bundled captures (fuzz-seeds.sh).
 */
class PipelineFuzzTest {
    /** Frames kept for the notebook's renderers, which take a whole timeline. */
    static final int KEPT = 64;
    /**
     * Allocation per frame and per input byte. Measured on the seeds: a frame's field tree costs 60 to 150
     * KB, its HTML hex dump 100 to 130 KB, everything else a few KB; bytes of payload add to the dumps. A
     * believed length (a 4 GiB window, a sequence gap, a block length) would cost far more.
     */
    static final long PER_FRAME = 512 * 1024;
    static final long PER_INPUT_BYTE = 4096;
    /**
     * Fuzzing mode's instrumentation (Jazzer's hooks on the JDK's string and collection methods) allocates
     * on its own, measured at about three times the regression run's bytes per frame of the same seeds.
     */
    static final long FUZZING_SCALE = Bounds.FUZZING ? 4 : 1;
    static final long FIXED = 2L << 20;
    /**
     * Time for one frame through every stage and some fifteen renderings, under fuzzing mode's
     * instrumentation (5 to 10 times slower): uninstrumented it is about 1 ms. (One frame's decoding alone
     * has the 2 ms budget of {@link FrameDecoderFuzzTest}.)
     */
    static final long NANOS_PER_FRAME = 50_000_000;
    /** A pcap file header and no record. */
    private static final byte[] EMPTY = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0};
    /**
     * What the stages and writers cost before the first frame (the tracker's tables, the writers' buffers),
     * measured once as this run sees it: fuzzing mode's instrumentation allocates too.
     */
    private static long baseline = -1;

    @FuzzTest(maxDuration = "10m")
    void pipeline(byte[] input) throws Exception {
        if (baseline < 0) {
            baseline = Bounds.measured("the pipeline over an empty capture", Long.MAX_VALUE, () -> run(EMPTY));
        }
        long[] frames = new long[1];
        long allocated = Bounds.measured("the pipeline over " + input.length + " bytes",
                100_000_000 + NANOS_PER_FRAME * (input.length / 16), () -> frames[0] = run(input));
        assertTrue(allocated <= baseline + FUZZING_SCALE * (FIXED + PER_FRAME * frames[0] + PER_INPUT_BYTE * input.length),
                allocated + " bytes allocated for a " + input.length + "-byte capture of " + frames[0] + " frames ("
                        + baseline + " for none)");
    }

    /** Everything over {@code input}; returns the frames read. */
    private static long run(byte[] input) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ByteArrayOutputStream conversations = new ByteArrayOutputStream();
        ByteArrayOutputStream conversationsJson = new ByteArrayOutputStream();
        ByteArrayOutputStream ladder = new ByteArrayOutputStream();
        ByteArrayOutputStream follow = new ByteArrayOutputStream();
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        Utf8Sink textSink = new Utf8Sink(text, 1 << 12);
        TextPacketWriter lines = new TextPacketWriter(textSink, true);
        JsonlPacketWriter jsonl = new JsonlPacketWriter(json);
        Utf8Sink ladderSink = new Utf8Sink(ladder, 1 << 12);
        LadderTextWriter ladderText = new LadderTextWriter(ladderSink, 1 + input.length / 16, 80);
        FollowTextWriter followText = new FollowTextWriter(follow, FollowTextWriter.Mode.ascii);
        ConversationWriter[] rows = new ConversationWriter[2];
        List<byte[]> streamRows = new ArrayList<>();
        long[] start = {0};
        PacketPipeline pipeline = PacketPipeline.summarising(EvictionPolicy.defaults(), s -> {
            try {
                rows(rows, conversations, conversationsJson, start[0]);
                rows[0].tcp(s);
                rows[1].tcp(s);
                streamRows.add(StreamListWriter.row(s, start[0]));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, f -> {
            try {
                rows(rows, conversations, conversationsJson, start[0]);
                rows[0].udp(f);
                rows[1].udp(f);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        TcpReassembler reassembler = new TcpReassembler(new TcpReassembler.Sink() {
            @Override
            public void data(boolean fromFirstSender, long frame, long offset, byte[] b, int off, int len) throws IOException {
                followText.data(!fromFirstSender, offset, b, off, len);
            }

            @Override
            public void missing(boolean fromFirstSender, long offset, long length) throws IOException {
                followText.missing(!fromFirstSender, offset, length);
            }
        }, 1 << 20);
        StringBuilder extra = new StringBuilder();
        List<Frame> kept = new ArrayList<>();
        long frames = 0;
        FrameSource source;
        try {
            source = FuzzSources.open("fuzz", input);
        } catch (CaptureFormatException e) {
            return 0;
        }
        Frame frame = new Frame();
        boolean followed = false;
        try (source) {
            while (source.next(frame)) {
                if (frames++ == 0) {
                    start[0] = frame.epochNanos();
                }
                if (kept.size() < KEPT) {
                    kept.add(frame.copy());
                }
                PacketResult r = pipeline.next(frame);
                lines.write(r);
                jsonl.write(r);
                extra.setLength(0);
                extra.append(HexDumpText.fieldTree(r, "    "));
                TcpdumpHex.hexAscii(extra, frame.data, frame.offset, frame.capturedLength);
                TcpdumpHex.ascii(extra, frame.data, frame.offset, frame.capturedLength);
                FieldSpans.of(r.packet());
                textSink.write(extra);
                if (r.isTcp() && r.tcp().stream == 0) {
                    ladderText.write(r);
                    Packet p = r.packet();
                    if (!followed) {
                        followText.header(0, "client", "server");
                        followed = true;
                    }
                    if (p.malformed == null || p.malformed.layer != io.wirebook.decode.Malformed.Layer.TCP) {
                        reassembler.segment(r.tcp().fromFirstSender, frame.number, p.tcp.seq, p.tcp.ack, p.tcp.flags,
                                p.tcp.payloadLength, p.bytes(), p.base() + p.tcp.payloadOffset, p.tcp.payloadCaptured);
                    }
                }
            }
        } catch (CaptureFormatException e) {
            // the documented fault: what was read stays written
        }
        pipeline.finish();
        reassembler.finish();
        if (followed) {
            followText.footer();
        }
        lines.flush();
        jsonl.flush();
        ladderText.flush();
        if (rows[0] != null) {
            rows[0].flush();
            rows[1].flush();
        }
        String what = frames + " frames";
        TextChecks.terminalSafe("read text (" + what + ")", text.toString(StandardCharsets.UTF_8));
        assertEquals(frames, TextChecks.jsonLines("read JSON Lines", json.toString(StandardCharsets.UTF_8)),
                "one JSON object per packet");
        TextChecks.terminalSafe("conversations text", conversations.toString(StandardCharsets.UTF_8));
        TextChecks.jsonLines("conversations JSON Lines", conversationsJson.toString(StandardCharsets.UTF_8));
        TextChecks.terminalSafe("timeline ladder", ladder.toString(StandardCharsets.UTF_8));
        TextChecks.terminalSafe("follow", follow.toString(StandardCharsets.ISO_8859_1));
        StringBuilder listed = new StringBuilder(new String(StreamListWriter.heading(), StandardCharsets.UTF_8));
        for (byte[] row : streamRows) {
            listed.append(new String(row, StandardCharsets.UTF_8));
        }
        TextChecks.terminalSafe("timeline --list", listed);

        Timeline t = TimelineBuilder.build(kept, List.of());
        TextChecks.terminalSafe("timeline text", TimelineTextWriter.render(t));
        ByteArrayOutputStream timelineJson = new ByteArrayOutputStream();
        TimelineJsonlWriter.write(t, timelineJson);
        TextChecks.jsonLines("timeline JSON Lines", timelineJson.toString(StandardCharsets.UTF_8));
        String svg = LadderSvgWriter.render(t, LadderSvgWriter.Options.DEFAULT);
        TextChecks.terminalSafe("SVG ladder", svg);
        LadderSvgWriter.render(t, LadderSvgWriter.Options.DEFAULT.stream(0));
        PacketPipeline again = new PacketPipeline();
        for (Frame f : kept) {
            HexDumpHtml.render(again.next(f));
        }
        return frames;
    }

    private static void rows(ConversationWriter[] rows, ByteArrayOutputStream text, ByteArrayOutputStream json,
            long start) throws IOException {
        if (rows[0] == null) {
            rows[0] = new ConversationWriter(text, false, start);
            rows[1] = new ConversationWriter(json, true, start);
            rows[0].tcpHeading();
            rows[1].tcpHeading();
        }
    }
}
