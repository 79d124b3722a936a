package io.wirebook.pipeline;

import io.wirebook.analysis.CaptureAnalysis;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.annotate.PacketNotes;
import io.wirebook.capture.Frame;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import io.wirebook.flow.ConnectionTracker;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.TcpConnection;
import io.wirebook.flow.TcpView;
import io.wirebook.flow.UdpFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decode, track, analyse and annotate: the analyzer's stages for one capture, wired once. Feed it the
 * capture's frames in order; each call gives that frame's {@link PacketResult}.
 *
 * <pre>{@code
 * PacketPipeline pipeline = new PacketPipeline();
 * while (source.next(frame)) {
 *     PacketResult r = pipeline.next(frame);
 *     writer.write(r);
 * }
 * pipeline.finish();
 * }</pre>
 *
 * {@link #next} reuses one result, one {@link Packet} and one set of numbers for every frame, so reading a
 * file allocates nothing per packet; {@link #keep} gives a result of its own, for the few packets a
 * timeline holds. The analysis state carries from frame to frame, so one pipeline sees one capture.
 */
public final class PacketPipeline {
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketNotes notes = new PacketNotes();
    private final CaptureAnalysis analysis;
    private final PacketResult reused;

    /** Packet-by-packet analysis: connections are dropped once done with. */
    public PacketPipeline() {
        this(new CaptureAnalysis());
    }

    private PacketPipeline(CaptureAnalysis analysis) {
        this.analysis = analysis;
        this.reused = new PacketResult(notes, own, new TcpView(), new TcpAnalysis());
    }

    /** The packet {@link #next(Frame)} decodes into. */
    private final Packet own = new Packet();

    /**
     * A pipeline that also summarises every connection and flow once it ends (evicted, replaced, or still
     * open at {@link #finish()}).
     *
     * @param tcpSummaries receives each TCP connection's summary (null: none are built)
     * @param udpFlows     receives each UDP flow (null: UDP flows are not tracked)
     */
    public static PacketPipeline summarising(EvictionPolicy policy, Consumer<ConversationSummary> tcpSummaries,
            Consumer<UdpFlow> udpFlows) {
        return summarising(policy, tcpSummaries, udpFlows, false);
    }

    /**
     * As {@link #summarising(EvictionPolicy, Consumer, Consumer)}; with {@code recycle}, the connections and flows
     * the analysis lets go are made new again for later ones instead of allocated, which takes a promise of the
     * caller's: it reads no result's {@link PacketResult#connection()} once the next packet is processed, and
     * keeps no UDP flow it is given (a summary is a copy, and may be kept). See {@link #recycling()}.
     */
    public static PacketPipeline summarising(EvictionPolicy policy, Consumer<ConversationSummary> tcpSummaries,
            Consumer<UdpFlow> udpFlows, boolean recycle) {
        return new PacketPipeline(new CaptureAnalysis(policy, tcpSummaries, udpFlows, recycle));
    }

    /**
     * As {@link #PacketPipeline()}, for a caller that reads no result's {@link PacketResult#connection()} once the
     * next packet is processed (what it writes comes from the result's own view and findings): the connection
     * objects the analysis lets go are made new again for later connections, so that a long capture allocates
     * next to nothing per connection (they were most of what {@code wirebook read} allocated, and most of its
     * garbage collections).
     */
    public static PacketPipeline recycling() {
        return new PacketPipeline(new CaptureAnalysis(EvictionPolicy.defaults(), null, null, true));
    }

    /** Runs every stage on {@code f}, into a result that is valid until the next call (as is {@code f}). */
    public PacketResult next(Frame f) {
        return run(f, reused);
    }

    /**
     * Runs every stage after decoding on {@code p}, a packet a {@link DecodingReader} decoded: the same result
     * as {@link #next(Frame)} of its frame, valid until the next call.
     */
    public PacketResult next(Packet p) {
        PacketResult r = reused;
        r.packet(p);
        TcpConnection c = analysis.process(p, r.view(), r.analysisHolder());
        r.set(c);
        return r;
    }

    /**
     * Runs every stage after decoding on {@code p} into {@code into}, a result of {@link #newResult()}: what
     * {@link DecodingReader} does on its own thread for each slot of a batch.
     */
    PacketResult next(Packet p, PacketResult into) {
        into.packet(p);
        TcpConnection c = analysis.process(p, into.view(), into.analysisHolder());
        into.set(c);
        return into;
    }

    /** A result of this pipeline's (its notes) with a view and an analysis of its own, for {@link #next(Packet, PacketResult)}. */
    PacketResult newResult() {
        return new PacketResult(notes, null, new TcpView(), new TcpAnalysis());
    }

    /** Runs every stage on a copy of {@code f}, into a new result that stays valid. */
    public PacketResult keep(Frame f) {
        return run(f.copy(), new PacketResult(notes, new Packet(), new TcpView(), new TcpAnalysis()));
    }

    /** {@link #keep} for each frame, in order. */
    public List<PacketResult> keepAll(List<Frame> frames) {
        List<PacketResult> out = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            out.add(keep(f));
        }
        return out;
    }

    private PacketResult run(Frame f, PacketResult r) {
        if (r == reused) {
            r.packet(own); // after next(Packet): decode into the pipeline's own packet again
        }
        Packet p = decoder.decode(f, r.packet());
        TcpConnection c = analysis.process(p, r.view(), r.analysisHolder());
        r.set(c);
        return r;
    }

    /** Ends the capture: every connection and flow still held is handed to the summary consumers. */
    public void finish() {
        analysis.finish();
    }

    /** The connection tracker, for its counters. */
    public ConnectionTracker<? extends TcpConnection> tracker() {
        return analysis.tracker();
    }
}
