package io.wirebook.flow;

import io.wirebook.decode.IcmpHeader;
import io.wirebook.decode.Malformed;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns packets to TCP connections and UDP flows, numbers TCP connections as tshark 4.0 numbers
 * {@code tcp.stream}, computes relative sequence numbers and scaled windows as tshark shows them, and moves
 * both endpoints of each connection through the RFC 9293 states (see {@link TcpStateMachine}).
 *
 * <ul>
 *   <li>Streams are numbered from 0 in order of first appearance. A SYN (without ACK) whose sequence
 *       number differs from the base of its sender's side of an existing connection starts a new stream on
 *       that 4-tuple ("reused ports"); a SYN+ACK with a new sequence number re-bases its side instead.</li>
 *   <li>An ICMP error quoting at least 16 bytes of a TCP header touches the quoted connection as tshark
 *       does: it may create it (taking a stream number) and runs the reuse check, but sets no base.</li>
 *   <li>A side's base is its SYN's sequence number; without a SYN, the first sequence number seen minus
 *       one; the first ACK from the other side sets the base of a side not seen yet to ack - 1.</li>
 *   <li>A window scale option sets its sender's shift (clamped to 14, RFC 7323 2.3) from the next segment
 *       on; after each SYN, scaling is turned off for both sides unless both SYNs carried the option.</li>
 * </ul>
 * Memory stays bounded by the {@link EvictionPolicy}; each connection or flow is handed to the
 * {@link FlowSink} once the tracker is done with it.
 *
 * @param <C> the connections' type: {@link TcpConnection}, or a subclass in which a later stage keeps its
 *     own state per connection (made by the {@link TcpConnection.Factory} given at construction)
 */
public final class ConnectionTracker<C extends TcpConnection> {
    private final FlowTable<C> tcp = new FlowTable<>();
    private final FlowTable<UdpFlow> udp = new FlowTable<>();
    /** Finished connections in the order they finished, each evicted once its linger is over (see {@link EvictionPolicy}). */
    private final ArrayDeque<C> finished = new ArrayDeque<>();
    private final FlowKey probe = new FlowKey();
    private final EvictionPolicy policy;
    private final Tombstones tombstones;
    private final FlowSink<? super C> sink;
    private final TcpConnection.Factory<C> factory;
    /**
     * Connections and flows the tracker let go, kept to be made new again for the next ones (only when the
     * tracker recycles: see the constructor); at most {@link #SPARE_TCP_MAX} and {@link #SPARE_UDP_MAX}. The
     * spares never shrink, so every swing in the number held would leave its excess here: a connection with
     * its analysis is some 2 KB (16,384 of them were a sixth of a 10M-packet run's heap), and connections end
     * about as fast as new ones come, so a thousand absorb the swings. A UDP flow is 200 bytes, and the sweep
     * lets tens of thousands go at once.
     */
    private final ArrayDeque<C> spareTcp;
    private final ArrayDeque<UdpFlow> spareUdp;
    static final int SPARE_TCP_MAX = 1_024, SPARE_UDP_MAX = 16_384;
    private int nextStream;
    private int nextUdp;
    private int newSinceSweep;
    private long evicted, evictedTcpOpen, evictedUdp;

    /** A tracker of plain {@link TcpConnection}s with the default eviction policy that keeps nothing. */
    public static ConnectionTracker<TcpConnection> plain() {
        return new ConnectionTracker<>(EvictionPolicy.defaults(), FlowSink.none(), TcpConnection::new);
    }

    public ConnectionTracker(EvictionPolicy policy, FlowSink<? super C> sink, TcpConnection.Factory<C> factory) {
        this(policy, sink, factory, false);
    }

    /**
     * @param recycle true when nothing keeps a connection or flow once the sink has had it (the sink copies
     *     what it needs, and no one reads a packet's connection after the next packet is tracked): the tracker
     *     then makes the objects it let go new again for the connections and flows that come later, instead
     *     of allocating them. Measured on a 1M-packet capture: those objects were most of what a run
     *     allocated, and since a finished connection lingers (2 s of capture time: a third of that capture's
     *     connections are held at once) nearly all of it lived through a young collection and was copied,
     *     16-20% of {@code wirebook conversations}' wall time.
     */
    public ConnectionTracker(EvictionPolicy policy, FlowSink<? super C> sink, TcpConnection.Factory<C> factory,
            boolean recycle) {
        this.policy = policy;
        this.sink = sink;
        this.factory = factory;
        this.tombstones = new Tombstones(policy.maxTombstones);
        this.spareTcp = recycle ? new ArrayDeque<>() : null;
        this.spareUdp = recycle ? new ArrayDeque<>() : null;
    }

    /** Number of TCP streams numbered so far. */
    public int streamCount() {
        return nextStream;
    }

    /** TCP connections currently held in memory. */
    public int liveConnections() {
        return tcp.size();
    }

    public int liveUdpFlows() {
        return udp.size();
    }

    /** Connections and flows evicted so far (not counting those handed over at {@link #finish()}). */
    public long evictedCount() {
        return evicted;
    }

    /**
     * TCP connections evicted before they finished (idle, or over the {@link EvictionPolicy#hardLimit}): their
     * summary was given then, and a later packet of one starts a summary of its own with the same stream.
     */
    public long evictedOpenTcpCount() {
        return evictedTcpOpen;
    }

    /** UDP flows evicted so far (idle, or over the {@link EvictionPolicy#udpHardLimit}); as for TCP, a later datagram continues one in a summary of its own. */
    public long evictedUdpCount() {
        return evictedUdp;
    }

    /**
     * Tracks a decoded TCP segment and fills {@code view}.
     *
     * @return its connection, or null when the packet is not a decoded TCP segment
     */
    public C track(Packet p, TcpView view) {
        if (!p.isTcp() || !probe.set(p, 6)) {
            return null;
        }
        TcpHeader t = p.tcp;
        long now = p.frame.epochNanos();
        boolean reversed = probe.reversed();
        int flags = t.flags;
        boolean synOnly = (flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN;
        view.reusedPorts = false;
        view.synRepeat = false;
        C c = find(probe);
        if (c != null && synOnly) {
            TcpEndpoint fwd = sender(c, reversed);
            if (fwd.baseSet && t.seq != fwd.baseSeq) {
                retire(c);
                c = null;
                view.reusedPorts = true;
            } else if (fwd.baseSet) {
                view.synRepeat = true;
            }
        }
        if (c == null) {
            c = create(reversed, now, p.frame.epochSeconds, p.frame.number);
            c.reusedPorts = view.reusedPorts;
            // A connection first seen at its SYN+ACK was opened by the receiver.
            c.clientIsA = (flags & (TcpHeader.SYN | TcpHeader.ACK)) != (TcpHeader.SYN | TcpHeader.ACK);
        }
        TcpEndpoint fwd = sender(c, reversed);
        TcpEndpoint rev = fwd == c.a ? c.b : c.a;
        if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK) && fwd.baseSet && t.seq != fwd.baseSeq) {
            fwd.baseSeq = t.seq; // tshark re-bases the side and flags the segment, in the same stream
            view.reusedPorts = true;
        }
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ackFlag = (flags & TcpHeader.ACK) != 0;
        if (!fwd.baseSet) {
            fwd.baseSeq = syn ? t.seq : (t.seq - 1) & 0xFFFFFFFFL;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && ackFlag) {
            rev.baseSeq = (t.ack - 1) & 0xFFFFFFFFL;
            rev.baseSet = true;
        }
        view.stream = c.stream;
        view.time = now;
        view.fromFirstSender = fwd == c.a;
        if (synOnly && fwd == c.b && !c.a.synSeen && c.clientIsA) {
            c.clientIsA = false; // the first sender was not the side that opened the connection
        }
        view.fromClient = fwd == c.client();
        view.relSeq = (t.seq - fwd.baseSeq) & 0xFFFFFFFFL;
        view.peerBase = rev.baseSet ? rev.baseSeq : -1;
        // Without the ACK flag the field means nothing; tshark then shows the raw value.
        view.relAck = rev.baseSet && ackFlag ? (t.ack - rev.baseSeq) & 0xFFFFFFFFL : t.ack;
        view.nextSeq = (view.relSeq + t.segmentLength()) & 0xFFFFFFFFL;
        // The sender's shift as it stood before this segment's own options.
        int scale = fwd.windowScale;
        view.windowScale = scale;
        view.scaledWindow = !syn && scale >= 0 ? (long) t.window << scale : t.window;

        TcpEndpoint client = c.client(), server = c.server();
        view.clientBefore = client.state;
        view.serverBefore = server.state;
        view.clientSteps = 0;
        view.serverSteps = 0;
        view.finsCrossed = false;
        view.finShownFrame = 0;
        view.finShownTime = 0;
        boolean hadFin = fwd.finSeen;
        handshake(c, fwd, rev, flags, t.ack);
        TcpStateMachine.apply(c, fwd, rev, flags, t.seq, t.ack, t.payloadLength, p.frame.number, view);
        if (!hadFin && fwd.finSeen) {
            fwd.finFrame = p.frame.number;
            fwd.finTime = now;
        }
        if ((flags & TcpHeader.RST) != 0 && c.firstRst == TcpConnection.Sender.NONE) {
            c.firstRst = fwd == client ? TcpConnection.Sender.CLIENT : TcpConnection.Sender.SERVER;
        }
        view.clientState = view.clientSteps > 0 ? view.clientPath[view.clientSteps - 1] : null;
        view.serverState = view.serverSteps > 0 ? view.serverPath[view.serverSteps - 1] : null;
        if (ackFlag && (!fwd.ackSeen || TcpStateMachine.ge(t.ack, fwd.highestAck))) {
            fwd.highestAck = t.ack;
            fwd.ackSeen = true;
        }
        if (p.malformed == null || p.malformed.layer != Malformed.Layer.TCP) {
            // tshark's conversation table counts a frame only when its TCP dissection completed.
            fwd.packets++;
            fwd.bytes += p.frame.originalLength;
            fwd.payloadBytes += t.payloadLength;
        }
        if (c.firstFrame == 0) {
            // Revived from a tombstone (its first packets were summarised when it was evicted): this late
            // packet starts the record of what came after.
            c.firstFrame = p.frame.number;
            c.firstTime = now;
            c.firstSeconds = p.frame.epochSeconds;
        }
        c.lastTime = now;
        c.lastSeconds = p.frame.epochSeconds;
        c.lastFrame = p.frame.number;
        if (c.lingerFrame == 0 && c.finished()) {
            c.lingerFrame = c.lastFrame;
            finished.addLast(c);
        }
        if (finished.size() > policy.finishedKept) {
            expireFinished(now, c);
        }

        if (t.windowScale >= 0) {
            fwd.windowScale = Math.min(t.windowScale, 14);
        }
        if (syn) {
            if (fwd.windowScale == TcpEndpoint.SCALE_UNKNOWN) {
                fwd.windowScale = TcpEndpoint.SCALE_NONE;
                rev.windowScale = TcpEndpoint.SCALE_NONE;
            } else if (ackFlag && rev.windowScale == TcpEndpoint.SCALE_NONE) {
                fwd.windowScale = TcpEndpoint.SCALE_NONE;
            }
        }
        return c;
    }

    private static void handshake(TcpConnection c, TcpEndpoint fwd, TcpEndpoint rev, int flags, long ack) {
        int sa = flags & (TcpHeader.SYN | TcpHeader.ACK | TcpHeader.RST);
        boolean fromClient = fwd == c.client();
        if (sa == TcpHeader.SYN && fromClient) {
            c.sawSyn = true;
        } else if (sa == (TcpHeader.SYN | TcpHeader.ACK) && !fromClient) {
            c.sawSynAck = true;
        } else if (sa == TcpHeader.ACK && fromClient && c.sawSyn && c.sawSynAck && rev.synSeen
                && TcpStateMachine.ge(ack, rev.isn + 1)) {
            c.handshakeComplete = true;
        }
    }

    /**
     * Tracks what an ICMP error says about the flow it quotes: for TCP, the connection as tshark finds or
     * creates it (with at least 16 quoted TCP bytes); for UDP, the flow, which records the error.
     *
     * @return the quoted TCP connection, or null (not an error quoting TCP, or too little of it quoted)
     */
    public C trackIcmpError(Packet p) {
        return trackIcmpError(p, true);
    }

    /**
     * As {@link #trackIcmpError(Packet)}; with {@code udp} false, an error quoting UDP is not tracked (the
     * caller does not track UDP flows either: nothing would ever read the flow).
     */
    public C trackIcmpError(Packet p, boolean udp) {
        if (!p.isIcmp()) {
            return null;
        }
        IcmpHeader m = p.icmp;
        if (!m.isError || !m.hasInner || m.innerSourcePort < 0) {
            return null;
        }
        long now = p.frame.epochNanos();
        if (m.innerProtocol == 6) {
            if (m.innerTransportCaptured < 16) {
                return null; // tshark cannot read the quoted flags and window: no conversation is touched
            }
            probeQuotedFlow(p);
            boolean reversed = probe.reversed();
            C c = find(probe);
            int flags = m.innerTcpFlags;
            if (c != null && (flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN) {
                TcpEndpoint fwd = sender(c, reversed);
                if (fwd.baseSet && m.innerTcpSeq != fwd.baseSeq) {
                    retire(c);
                    c = null;
                }
            }
            if (c == null) {
                c = create(reversed, now, p.frame.epochSeconds, p.frame.number);
            }
            c.icmpErrors++;
            return c;
        }
        if (m.innerProtocol == 17 && udp) {
            probeQuotedFlow(p);
            UdpFlow f = findUdp(probe, now, p.frame.epochSeconds, p.frame.number);
            if (f == null) {
                f = createUdp(now, p.frame.epochSeconds, p.frame.number);
                maybeSweep(now, null);
            }
            f.addError(p.frame.number, m.version, m.type, m.code);
            return null;
        }
        return null;
    }

    /** Fills the probe with the flow of the packet that the ICMP error in {@code p} quotes. */
    private void probeQuotedFlow(Packet p) {
        IcmpHeader m = p.icmp;
        probe.set(m.innerIpVersion, m.innerProtocol, p.bytes(), p.base() + m.innerSourceOffset, m.innerSourcePort,
                p.base() + m.innerDestinationOffset, m.innerDestinationPort);
    }

    /** Tracks a UDP datagram. */
    public UdpFlow trackUdp(Packet p) {
        if (!p.isUdp() || !probe.set(p, 17)) {
            return null;
        }
        long now = p.frame.epochNanos();
        UdpFlow f = findUdp(probe, now, p.frame.epochSeconds, p.frame.number);
        if (f == null) {
            f = createUdp(now, p.frame.epochSeconds, p.frame.number);
            maybeSweep(now, f);
        }
        boolean fromA = probe.reversed() != f.aIsKeyA;
        if (fromA) {
            f.aPackets++;
            f.aBytes += p.frame.originalLength;
        } else {
            f.bPackets++;
            f.bBytes += p.frame.originalLength;
        }
        f.lastTime = now;
        f.lastSeconds = p.frame.epochSeconds;
        f.lastFrame = p.frame.number;
        return f;
    }

    /** Hands every connection and flow still held to the sink, in order of stream number. */
    public void finish() {
        List<C> rest = inOrder(tcp.values(), STREAM);
        tcp.clear();
        finished.clear();
        // Each is let go as soon as it is handed over, so that what the sink makes of them (output rows)
        // replaces them in memory rather than adding to them.
        for (int i = 0; i < rest.size(); i++) {
            C c = rest.set(i, null);
            c.lingerFrame = -1;
            sink.tcpEnded(c);
        }
        List<UdpFlow> flows = inOrder(udp.values(), INDEX);
        udp.clear();
        for (int i = 0; i < flows.size(); i++) {
            sink.udpEnded(flows.set(i, null));
        }
    }

    private C find(FlowKey k) {
        C c = tcp.get(k);
        if (c == null && tombstones.size() > 0) {
            int pos = tombstones.find(k.hash64());
            if (pos >= 0 && !tombstones.isUdp(pos)) {
                FlowKey copy = k.copy();
                c = tombstones.revive(pos, copy, factory);
                tcp.put(copy, c);
            }
        }
        return c;
    }

    /**
     * The flow on {@code k}'s 4-tuple: held, or revived from a tombstone with its index (its first datagrams
     * were summarised when it was evicted; this one starts the record of what came after), or null.
     */
    private UdpFlow findUdp(FlowKey k, long now, long seconds, long frame) {
        UdpFlow f = udp.get(k);
        if (f == null && tombstones.size() > 0) {
            int pos = tombstones.find(k.hash64());
            if (pos >= 0 && tombstones.isUdp(pos)) {
                FlowKey copy = k.copy();
                f = tombstones.reviveUdp(pos, copy);
                f.firstTime = now;
                f.firstSeconds = seconds;
                f.firstFrame = frame;
                f.lastTime = now;
                f.lastSeconds = seconds;
                f.lastFrame = frame;
                udp.put(copy, f);
                maybeSweep(now, f);
            }
        }
        return f;
    }

    private C create(boolean reversed, long now, long seconds, long frame) {
        C c = spareTcp == null ? null : spareTcp.pollLast();
        FlowKey k;
        if (c != null) {
            k = c.key;
            k.copyFrom(probe);
            c.reuse(nextStream++, !reversed);
        } else {
            k = probe.copy();
            c = factory.create(nextStream++, k, !reversed);
        }
        c.firstTime = now;
        c.lastTime = now;
        c.firstSeconds = seconds;
        c.lastSeconds = seconds;
        c.firstFrame = frame;
        c.lastFrame = frame;
        tcp.put(k, c);
        maybeSweep(now, null);
        return c;
    }

    /** A new UDP flow on the probe's 4-tuple, its side a the probe's sender. */
    private UdpFlow createUdp(long now, long seconds, long frame) {
        UdpFlow f = spareUdp == null ? null : spareUdp.pollLast();
        FlowKey k;
        if (f != null) {
            k = f.key;
            k.copyFrom(probe);
            f.reuse(nextUdp++, !probe.reversed());
        } else {
            k = probe.copy();
            f = new UdpFlow(nextUdp++, k, !probe.reversed());
        }
        f.firstTime = now;
        f.firstSeconds = seconds;
        f.lastSeconds = seconds;
        f.firstFrame = frame;
        // Its last packet is this one from the start, so that the sweep its creation may start sees it active.
        f.lastTime = now;
        f.lastFrame = frame;
        udp.put(k, f);
        return f;
    }

    /** Classes, not lambdas: a lambda's call site is linked at its first run, a millisecond of a small read's end. */
    private static final java.util.function.ToIntFunction<TcpConnection> STREAM = new java.util.function.ToIntFunction<>() {
        @Override
        public int applyAsInt(TcpConnection c) {
            return c.stream;
        }
    };
    private static final java.util.function.ToIntFunction<UdpFlow> INDEX = new java.util.function.ToIntFunction<>() {
        @Override
        public int applyAsInt(UdpFlow f) {
            return f.index;
        }
    };

    /**
     * The values in order of their numbers, distinct for the values held: placed by number when they are dense (each
     * number is a slot, the evicted ones' numbers empty slots), sorted otherwise. Measured: sorting the
     * 77,000 connections and flows left at the end of a 1M-packet capture with a comparator was a tenth of
     * {@code wirebook conversations}' analysis thread (each compare two loads from objects all over the heap).
     */
    private static <T> List<T> inOrder(java.util.Collection<T> values, java.util.function.ToIntFunction<? super T> number) {
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (T v : values) {
            int k = number.applyAsInt(v);
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        List<T> out = new ArrayList<>(values);
        if (values.size() < 2) {
            return out;
        }
        if ((long) max - min + 1 > 4L * values.size() + 1024) {
            out.sort(java.util.Comparator.comparingInt(number));
            return out;
        }
        Object[] slots = new Object[max - min + 1];
        for (T v : values) {
            int at = number.applyAsInt(v) - min;
            if (slots[at] != null) { // not distinct after all: keep both, in a stable order
                out.sort(java.util.Comparator.comparingInt(number));
                return out;
            }
            slots[at] = v;
        }
        out.clear();
        for (Object o : slots) {
            if (o != null) {
                @SuppressWarnings("unchecked")
                T v = (T) o;
                out.add(v);
            }
        }
        return out;
    }

    /** A newer connection took the 4-tuple: nothing will reach the old one again (tshark finds the newest). */
    private void retire(C c) {
        tcp.remove(c.key);
        boolean queued = c.lingerFrame > 0;
        c.lingerFrame = -1;
        sink.tcpEnded(c);
        if (!queued) {
            spare(c);
        }
    }

    /**
     * Keeps a connection the sink has had, to be made new again, when the tracker recycles. Never one still
     * in the queue of finished connections: the queue tells a let-go entry by its linger frame (-1), which
     * reuse would overwrite; such a one is kept when the queue drops it ({@link #expireFinished}).
     */
    private void spare(C c) {
        if (spareTcp != null && spareTcp.size() < SPARE_TCP_MAX) {
            spareTcp.addLast(c);
        }
    }

    /**
     * Evicts the finished connections, oldest finished first, whose linger is over, while more than the
     * policy keeps are waiting. A connection that had packets after it joined the queue goes to its end,
     * its linger counted from then; one the tracker let go meanwhile is only dropped from the queue. The
     * connection of the packet being tracked stays: its analysis is still to come.
     */
    private void expireFinished(long now, C current) {
        while (finished.size() > policy.finishedKept) {
            C c = finished.peekFirst();
            if (c.lingerFrame < 0) {
                finished.pollFirst();
                spare(c);
            } else if (c.lingerFrame != c.lastFrame) {
                finished.pollFirst();
                c.lingerFrame = c.lastFrame;
                finished.addLast(c);
            } else if (c != current && now - c.lastTime >= policy.finishedLingerNanos) {
                finished.pollFirst();
                c.lingerFrame = 0; // out of the queue: evictTcp may keep it as a spare
                tcp.remove(c.key);
                evictTcp(c);
            } else {
                return;
            }
        }
    }

    /** @param current a UDP flow that the packet being tracked is about to count (never evicted by this sweep) */
    private void maybeSweep(long now, UdpFlow current) {
        if (tcp.size() + udp.size() <= policy.softLimit || ++newSinceSweep < policy.sweepInterval) {
            return;
        }
        newSinceSweep = 0;
        for (C c : tcp.values()) {
            long idle = now - c.lastTime;
            if ((c.finished() && idle >= policy.finishedLingerNanos) || idle >= policy.idleTimeoutNanos) {
                tcp.remove(c.key);
                evictTcp(c);
            }
        }
        for (UdpFlow f : udp.values()) {
            if (now - f.lastTime >= policy.idleTimeoutNanos && f != current) {
                udp.remove(f.key);
                evictUdp(f);
            }
        }
        // The longest idle first: times are nanoseconds modulo 2^64, so they are compared by their distance
        // from now, which stays right past the year 2262 (a plain comparison puts 2263 before 1970).
        if (udp.size() > policy.udpHardLimit) {
            // As for TCP below: the longest idle down to the soft limit, in one go (the sort is paid once per
            // hardLimit - softLimit new flows).
            List<UdpFlow> all = udp.values();
            // Equally idle: the older flow first (not the table's order, which says nothing).
            all.sort((x, y) -> x.lastTime != y.lastTime ? Long.compare(x.lastTime - now, y.lastTime - now)
                    : Integer.compare(x.index, y.index));
            for (int i = 0; i < all.size() - policy.softLimit; i++) {
                UdpFlow f = all.get(i);
                if (f != current) {
                    udp.remove(f.key);
                    evictUdp(f);
                }
            }
        }
        if (tcp.size() > policy.hardLimit) {
            List<C> all = tcp.values();
            all.sort((x, y) -> x.lastTime != y.lastTime ? Long.compare(x.lastTime - now, y.lastTime - now)
                    : Integer.compare(x.stream, y.stream));
            for (int i = 0; i < all.size() - policy.softLimit; i++) {
                tcp.remove(all.get(i).key);
                evictTcp(all.get(i));
            }
        }
    }

    private void evictUdp(UdpFlow f) {
        evicted++;
        evictedUdp++;
        tombstones.putUdp(f.key.hash64(), f);
        sink.udpEnded(f);
        if (spareUdp != null && spareUdp.size() < SPARE_UDP_MAX) {
            spareUdp.addLast(f);
        }
    }

    /** Lets {@code c} go: a tombstone, the sink, then the spares (unless the finished queue still holds it). */
    private void evictTcp(C c) {
        evicted++;
        if (!c.finished()) {
            evictedTcpOpen++;
        }
        boolean queued = c.lingerFrame > 0;
        c.lingerFrame = -1;
        tombstones.put(c.key.hash64(), c);
        sink.tcpEnded(c);
        if (!queued) {
            spare(c);
        }
    }

    private static TcpEndpoint sender(TcpConnection c, boolean keyReversed) {
        // The packet's sender is key side A when the probe was not reversed.
        return !keyReversed == c.aIsKeyA ? c.a : c.b;
    }
}
