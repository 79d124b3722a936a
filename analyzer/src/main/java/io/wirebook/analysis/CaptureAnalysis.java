package io.wirebook.analysis;

import io.wirebook.decode.Packet;
import io.wirebook.flow.ConnectionTracker;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.FlowSink;
import io.wirebook.flow.TcpConnection;
import io.wirebook.flow.TcpView;
import io.wirebook.flow.UdpFlow;
import java.util.function.Consumer;

/**
 * The tracking and analysis stages for a stream of decoded packets: per TCP packet, the connection it
 * belongs to, its relative numbers and state changes (a {@link TcpView}) and tshark's expert findings
 * (a {@link TcpAnalysis}); per connection, once it is done, a {@link ConversationSummary}.
 *
 * <p>Applications do not call this directly: the pipeline stage's {@code PacketPipeline} runs decoding,
 * this and the notes for them, in one place.
 */
public final class CaptureAnalysis implements FlowSink<AnalysedConnection> {
    private final ConnectionTracker<AnalysedConnection> tracker;
    private final TcpAnalyzer analyzer;
    private final Consumer<ConversationSummary> tcpSummaries;
    private final Consumer<UdpFlow> udpFlows;

    /** Packet-by-packet analysis only: finished connections are dropped. */
    public CaptureAnalysis() {
        this(EvictionPolicy.defaults(), null, null);
    }

    /**
     * @param tcpSummaries receives each TCP connection's summary once it is evicted or the capture ends
     *     (null: none are built)
     * @param udpFlows receives each UDP flow likewise (null: dropped)
     */
    public CaptureAnalysis(EvictionPolicy policy, Consumer<ConversationSummary> tcpSummaries, Consumer<UdpFlow> udpFlows) {
        this(policy, tcpSummaries, udpFlows, false);
    }

    /**
     * @param recycle true when no one reads a packet's connection once the next packet is processed, nor keeps
     *     a UDP flow given to {@code udpFlows}: the tracker then reuses the objects of connections and flows it
     *     let go (see {@link ConnectionTracker#ConnectionTracker(EvictionPolicy, FlowSink, TcpConnection.Factory,
     *     boolean)})
     */
    public CaptureAnalysis(EvictionPolicy policy, Consumer<ConversationSummary> tcpSummaries, Consumer<UdpFlow> udpFlows,
            boolean recycle) {
        this.tracker = new ConnectionTracker<>(policy, this, AnalysedConnection::new, recycle);
        this.analyzer = new TcpAnalyzer(tcpSummaries != null);
        this.tcpSummaries = tcpSummaries;
        this.udpFlows = udpFlows;
    }

    /** The tracker, for its counters (live and evicted connections). */
    public ConnectionTracker<? extends TcpConnection> tracker() {
        return tracker;
    }

    /**
     * Tracks and analyses one packet.
     *
     * @param view     filled with the segment's place in its connection when the packet is TCP
     * @param analysis filled with the expert analysis' findings when the packet is TCP
     * @return its TCP connection (then {@code view} and {@code analysis} describe the packet), or null
     */
    public TcpConnection process(Packet p, TcpView view, TcpAnalysis analysis) {
        if (p.isTcp()) {
            AnalysedConnection c = tracker.track(p, view);
            if (c != null) {
                analyzer.analyze(p, c, view, analysis);
                if (c.analysis != null && c.finished()) {
                    c.analysis.finished(); // its last packets are few: this runs a handful of times per connection
                }
            }
            return c;
        }
        if (p.isUdp()) {
            if (udpFlows != null) {
                tracker.trackUdp(p); // only summaries need UDP flows: skip the lookup otherwise
            }
        } else if (p.isIcmp()) {
            // Without UDP summaries, an error quoting UDP creates no flow (no one would read it, and nothing
            // would evict it: a UDP port scan's answers once filled the heap of read).
            AnalysedConnection quoted = tracker.trackIcmpError(p, udpFlows != null);
            if (quoted != null) {
                analyzer.quoted(quoted, p.icmp.innerTcpFlags, p.frame.epochNanos(), p.frame.number);
            }
        }
        return null;
    }

    /** Ends the capture: every connection still held is summarised. */
    public void finish() {
        tracker.finish();
    }

    @Override
    public void tcpEnded(AnalysedConnection c) {
        // A connection revived from a tombstone that then saw no packet (a new connection took its ports at
        // once) has nothing new to say: its summary was given when it was evicted.
        if (tcpSummaries != null && c.lastFrame != 0) {
            tcpSummaries.accept(new ConversationSummary(c));
        }
    }

    @Override
    public void udpEnded(UdpFlow f) {
        if (udpFlows != null) {
            udpFlows.accept(f);
        }
    }
}
