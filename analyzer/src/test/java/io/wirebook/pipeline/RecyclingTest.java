package io.wirebook.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.UdpFlow;
import io.wirebook.render.ConversationWriter;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.synth.SynthOptions;
import io.wirebook.synth.SyntheticCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pipeline that reuses the connections and flows it let go ({@link PacketPipeline#recycling()}, what
 * {@code read} and {@code conversations} use) says exactly what one that allocates new ones says: every
 * packet's line (relative numbers, states, findings, note) and every connection's and flow's summary row,
 * on every bundled capture and on generated ones, under the default eviction policy and under one so tight
 * that connections are let go, revived from tombstones and replaced all the time.
 */
class RecyclingTest {
    @TempDir
    static Path dir;

    static Stream<Path> captures() {
        return TestCaptures.all().stream();
    }

    /** Finished connections leave after 1 ms, at most 8 are kept, the sweep starts at 16 flows, 64 at most. */
    private static final EvictionPolicy TIGHT = new EvictionPolicy(16, 64, 1_000_000L, 50_000_000L, 1_000, 8);

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void aRecyclingPipelineSaysWhatANewOneSays(Path capture) throws IOException {
        for (EvictionPolicy policy : List.of(EvictionPolicy.defaults(), TIGHT)) {
            String fresh = run(capture, policy, false), reused = run(capture, policy, true);
            assertEquals(fresh, reused, capture + (policy == TIGHT ? " (tight eviction)" : ""));
        }
    }

    @Test
    void aLongGeneratedCaptureToo() throws IOException {
        Path f = dir.resolve("gen.pcap");
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(f,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            SyntheticCapture.generate(SynthOptions.of(60_000).withSeed(7).withAnomalyRate(0.1), out, null);
        }
        for (EvictionPolicy policy : List.of(EvictionPolicy.defaults(), TIGHT)) {
            String fresh = run(f, policy, false), reused = run(f, policy, true);
            assertTrue(fresh.length() > 1_000_000, "output: " + fresh.length());
            assertEquals(fresh, reused, policy == TIGHT ? "tight eviction" : "default eviction");
        }
    }

    /**
     * {@code read} analyses on its reader thread, reusing the connections it lets go, while its writing
     * thread still writes earlier packets' lines (or the reader writes them too, when the writer falls
     * behind): its output is what a pipeline that reuses nothing gives on one thread. 5,000 connections at
     * 500 new flows a second span some 17 s, so that past the 2,000 finished connections the default policy
     * keeps, thousands are let go 2 s after they finished, and reused.
     */
    @Test
    void readOnItsTwoThreadsWritesWhatAPipelineThatReusesNothingSays() throws IOException {
        Path f = dir.resolve("slow.pcap");
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(f,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            SyntheticCapture.generate(new SynthOptions(60_000, 5_000, 3, 0.05, false, 500), out, null);
        }
        PacketPipeline counting = PacketPipeline.recycling();
        Frame frame = new Frame();
        try (FrameSource src = CaptureFiles.open(f.toString())) {
            while (src.next(frame)) {
                counting.next(frame);
            }
        }
        assertTrue(counting.tracker().evictedCount() > 1_000, "let go: " + counting.tracker().evictedCount());
        for (boolean jsonl : new boolean[] {false, true}) {
            io.wirebook.cli.CliRunner r = jsonl ? io.wirebook.cli.CliRunner.run("read", "--format", "jsonl", f.toString())
                    : io.wirebook.cli.CliRunner.run("read", f.toString());
            assertEquals(0, r.exitCode, r.stderr);
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            PacketPipeline fresh = new PacketPipeline();
            TextPacketWriter text = jsonl ? null : new TextPacketWriter(new io.wirebook.render.Utf8Sink(want, 1 << 16), true);
            JsonlPacketWriter json = jsonl ? new JsonlPacketWriter(want) : null;
            try (FrameSource src = CaptureFiles.open(f.toString())) {
                while (src.next(frame)) {
                    PacketResult p = fresh.next(frame);
                    if (jsonl) {
                        json.write(p);
                    } else {
                        text.write(p);
                    }
                }
            }
            if (jsonl) {
                json.flush();
            } else {
                text.flush();
            }
            assertEquals(want.toString(StandardCharsets.UTF_8), r.stdout, jsonl ? "read --format jsonl" : "read");
        }
    }

    /**
     * Every packet's text line with its note and its JSON Lines object, then every summary row as it came, as
     * text and as JSON (which has every count: payload bytes, findings by kind, ICMP errors), in one string.
     */
    private static String run(Path capture, EvictionPolicy policy, boolean recycle) throws IOException {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        ConversationWriter text = new ConversationWriter(rows, false, 0, 0), json = new ConversationWriter(rows, true, 0, 0);
        text.rowsOnly();
        json.rowsOnly();
        PacketPipeline pipeline = PacketPipeline.summarising(policy, s -> write(text, json, s, null),
                f -> write(text, json, null, f), recycle);
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        JsonlPacketWriter jsonl = new JsonlPacketWriter(lines);
        Frame frame = new Frame();
        try (FrameSource src = CaptureFiles.open(capture.toString())) {
            while (src.next(frame)) {
                PacketResult r = pipeline.next(frame);
                TextPacketWriter.format(out, r);
                out.append(" | ").append(r.note()).append('\n');
                jsonl.write(r);
                jsonl.flush();
                out.append(lines.toString(StandardCharsets.UTF_8));
                lines.reset();
            }
        } catch (CaptureFormatException e) {
            out.append(e.getMessage()).append('\n'); // a damaged capture: the frames before it count
        }
        pipeline.finish();
        return out.append(rows.toString(StandardCharsets.UTF_8)).toString();
    }

    private static void write(ConversationWriter text, ConversationWriter json, ConversationSummary s, UdpFlow f) {
        try {
            for (ConversationWriter w : List.of(text, json)) {
                if (s != null) {
                    w.tcp(s);
                } else {
                    w.udp(f);
                }
                w.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
