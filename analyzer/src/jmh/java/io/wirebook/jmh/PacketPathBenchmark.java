package io.wirebook.jmh;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.Utf8Sink;
import io.wirebook.synth.SynthOptions;
import io.wirebook.synth.SyntheticCapture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet path of {@code wirebook read} and {@code conversations}, stage by stage, on the
 * generator's traffic held in memory (so no file is read): decoding alone; decoding, tracking, expert
 * analysis (the {@link PacketPipeline}); the same with each packet's text line (notes included) or JSON
 * Lines object encoded into a stream that discards it. Each operation is one packet: with JMH's GC profiler
 * ({@code -prof gc}), {@code gc.alloc.rate.norm} is the bytes allocated per packet, whose goal on this path
 * is zero. What the analysis costs is the pipeline's figure less decoding's; a renderer's is its figure less
 * the pipeline's.
 *
 * <p>An invocation replays the whole capture through a new pipeline, as a command reads a file: replaying
 * it into the same one would make every later packet a retransmission. So the pipeline's own set-up and the
 * state of each connection it meets are part of the figures, spread over the packets, as in a real read.
 *
 * <pre>
 * mvn -B -P jmh -pl analyzer test-compile exec:exec                      (all four, -prof gc)
 * mvn -B -P jmh -pl analyzer test-compile exec:exec -Djmh.args="decode -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PacketPathBenchmark {
    /** Packets in the capture; each benchmark's operation count per invocation. */
    static final int PACKETS = 50_000;

    /** The generator's seed: the same traffic every run. */
    @Param("1")
    long seed;

    private Frame[] frames;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();

    @Setup(Level.Trial)
    public void capture() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(PACKETS * 700);
        SyntheticCapture.generate(SynthOptions.of(PACKETS).withSeed(seed), Channels.newChannel(bytes), null);
        List<Frame> out = new ArrayList<>(PACKETS);
        Frame f = new Frame();
        try (FrameSource in = CaptureFiles.open("generated", Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())))) {
            while (in.next(f)) {
                out.add(f.copy());
            }
        }
        if (out.size() != PACKETS) {
            throw new IllegalStateException("the generator gave " + out.size() + " packets, not " + PACKETS);
        }
        frames = out.toArray(new Frame[0]);
    }

    /** Link, IP and transport layers of each frame into one reused {@link Packet}. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decode() {
        long sum = 0;
        for (Frame f : frames) {
            Packet p = decoder.decode(f, packet);
            sum += p.transport + p.sourcePort;
        }
        return sum;
    }

    /** Decode, track (connections, relative numbers, states) and analyse (tshark's expert flags, RTT). */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long trackAndAnalyse() {
        PacketPipeline pipeline = new PacketPipeline();
        long sum = 0;
        for (Frame f : frames) {
            PacketResult r = pipeline.next(f);
            sum += r.packet().transport + (r.analysis() != null ? 1 : 0);
        }
        pipeline.finish();
        return sum;
    }

    /** The pipeline and {@code read}'s text line with its plain-words note, encoded as UTF-8 and discarded. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void text() throws IOException {
        PacketPipeline pipeline = new PacketPipeline();
        TextPacketWriter w = new TextPacketWriter(new Utf8Sink(OutputStream.nullOutputStream(), 1 << 16), true);
        for (Frame f : frames) {
            w.write(pipeline.next(f));
        }
        pipeline.finish();
        w.flush();
    }

    /** The pipeline and {@code read --format jsonl}'s object per packet, discarded. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void json() throws IOException {
        PacketPipeline pipeline = new PacketPipeline();
        JsonlPacketWriter w = new JsonlPacketWriter(OutputStream.nullOutputStream());
        for (Frame f : frames) {
            w.write(pipeline.next(f));
        }
        pipeline.finish();
        w.flush();
    }
}
