package io.wirebook.timeline;

import io.wirebook.calls.LogEntry;
import io.wirebook.calls.Note;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.capture.Frame;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpView;
import io.wirebook.decode.Addresses;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.timeline.SocketMap.Sock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a capture with the socket-call log of the programs that made it into one timeline, and works
 * out causality, not just order: which call (or the kernel) made each packet leave, and which packet let
 * each blocking call return.
 *
 * <p>The rules (the README explains them for users):
 * <ul>
 *   <li>a SYN is caused by the sender's {@code connect()}; a repeated SYN is the kernel retransmitting it;</li>
 *   <li>a SYN/ACK, and every segment that carries no new data, no SYN/FIN/RST of a call, is the kernel's:
 *       the listen queue answers SYNs without {@code accept()}, ACKs and window updates are the kernel's;</li>
 *   <li>a data segment is caused by the {@code write()} whose bytes it carries (counted along the byte
 *       stream, so coalesced and split writes map right); bytes sent again are the kernel retransmitting;</li>
 *   <li>a FIN by the {@code shutdown()} or {@code close()} before it on that socket; an RST by a
 *       {@code close()} just before it (linger 0, or unread data), else by the kernel (a closed port);</li>
 *   <li>a UDP datagram by the n-th send call on its socket; ICMP errors are the kernel's;</li>
 *   <li>{@code connect()} returns on the SYN/ACK (or the RST that refuses it), {@code accept()} on the ACK
 *       that completed the handshake, {@code read()} on the segment that brought its first byte, or the FIN
 *       (end of file) or RST (ECONNRESET); a UDP receive on its datagram or on the ICMP error.</li>
 * </ul>
 */
public final class TimelineBuilder {
    private TimelineBuilder() {}

    /** Per TCP stream direction: how far the byte stream was sent, and whether SYN/FIN were seen. */
    private static final class Direction {
        long maxOffset;
        boolean synSeen;
        int synsSent;
        boolean finSeen;
        boolean handshakeAcked;
    }

    public static Timeline build(List<Frame> frames, List<? extends LogEntry> log) {
        List<SocketCall> calls = new ArrayList<>();
        List<TimelineEvent> events = new ArrayList<>();
        for (LogEntry e : log) {
            if (e instanceof SocketCall c) {
                calls.add(c);
            } else if (e instanceof Note n) {
                events.add(new TimelineEvent.Observation(n, nanos(n.ts())));
            }
        }
        SocketMap sockets = new SocketMap(calls);
        List<Seen> seen = decode(frames);
        attribute(seen, sockets, calls);
        Map<SocketCall, Long> unblocked = Unblocking.of(seen, sockets);
        for (Seen s : seen) {
            events.add(new TimelineEvent.PacketSeen(s.result, s.ts, s.side, s.cause));
            events.addAll(s.states);
        }
        for (SocketCall c : calls) {
            events.add(new TimelineEvent.Call(c, nanos(c.ts()), nanos(c.endTs()), unblocked.getOrDefault(c, 0L)));
        }
        // Stable sort: a packet and a call at the same nanosecond keep log/capture order; calls first
        // because a call that starts at the packet's instant is what led to it.
        events.sort(Comparator.comparingLong(TimelineEvent::tsNanos).thenComparingInt(TimelineBuilder::rank));
        return new Timeline(events);
    }

    private static int rank(TimelineEvent e) {
        return e instanceof TimelineEvent.Call ? 0 : e instanceof TimelineEvent.PacketSeen ? 1
                : e instanceof TimelineEvent.StateChange ? 2 : 3;
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Runs the pipeline over the frames once, keeping each result, and notes the state changes. */
    private static List<Seen> decode(List<Frame> frames) {
        PacketPipeline pipeline = new PacketPipeline();
        List<Seen> out = new ArrayList<>(frames.size());
        Map<Integer, String[]> lastStates = new HashMap<>();
        for (Frame f : frames) {
            PacketResult r = pipeline.keep(f);
            Packet p = r.packet();
            Seen s = new Seen(r);
            if (p.network != Packet.NET_NONE) {
                s.src = Addresses.toString(p.network, p.bytes(), p.base() + p.sourceAddressOffset()) + ":" + p.sourcePort;
                s.dst = Addresses.toString(p.network, p.bytes(), p.base() + p.destinationAddressOffset()) + ":" + p.destinationPort;
            }
            s.protocol = p.transport;
            TcpView v = r.tcp();
            if (v != null) {
                s.flags = p.tcp.flags;
                s.payload = p.tcp.payloadLength;
                s.stream = v.stream;
                s.fromFirst = v.fromFirstSender;
                s.relSeq = v.relSeq;
                s.relAck = v.relAck;
                if (v.withdrawnCount > 0) {
                    withdraw(out, v, lastStates.computeIfAbsent(v.stream, k -> new String[] {"CLOSED", "LISTEN"}));
                }
                if (v.clientState != null || v.serverState != null) {
                    String[] last = lastStates.computeIfAbsent(v.stream, k -> new String[] {"CLOSED", "LISTEN"});
                    // The client is the sender when the packet is from the client, else the receiver.
                    String client = v.fromClient ? s.src : s.dst;
                    String server = v.fromClient ? s.dst : s.src;
                    // One event per transition: a segment can make two for one side (FIN_WAIT_1 then CLOSING).
                    for (int i = 0; i < v.clientSteps; i++) {
                        String to = v.clientPath[i].name();
                        if (!to.equals(last[0])) {
                            s.states.add(new TimelineEvent.StateChange(s.ts, s.frame.number, Side.CLIENT, client, last[0], to));
                            last[0] = to;
                        }
                    }
                    for (int i = 0; i < v.serverSteps; i++) {
                        String to = v.serverPath[i].name();
                        if (!to.equals(last[1])) {
                            // A server that first appears in SYN-SENT opened too (simultaneous open): it was CLOSED.
                            String from = i == 0 && v.serverBefore == io.wirebook.flow.TcpState.UNKNOWN
                                    && v.serverPath[0] == io.wirebook.flow.TcpState.SYN_SENT ? "CLOSED" : last[1];
                            s.states.add(new TimelineEvent.StateChange(s.ts, s.frame.number, Side.SERVER, server, from, to));
                            last[1] = to;
                        }
                    }
                }
            } else if (p.isUdp()) {
                s.payload = p.udp.payloadLength();
            } else if (p.isIcmp() && p.icmp.isError && p.icmp.hasInner && p.icmp.innerSourcePort >= 0) {
                s.icmpError = true;
                s.icmpQuotedSrc = Addresses.toString(p.icmp.innerIpVersion, p.bytes(), p.base() + p.icmp.innerSourceOffset)
                        + ":" + p.icmp.innerSourcePort;
                s.icmpQuotedDst = Addresses.toString(p.icmp.innerIpVersion, p.bytes(), p.base() + p.icmp.innerDestinationOffset)
                        + ":" + p.icmp.innerDestinationPort;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Drops the state changes this packet disproved (see {@link TcpView#revision}): the whole capture is
     * known here, so a timeline shows only the states a side really passed through.
     */
    private static void withdraw(List<Seen> out, TcpView v, String[] last) {
        Side side = v.revisedClient ? Side.CLIENT : Side.SERVER;
        for (int i = 0; i < v.withdrawnCount; i++) {
            long frame = v.withdrawnFrames[i];
            String state = v.withdrawnStates[i].name();
            for (int k = out.size() - 1; k >= 0 && out.get(k).frame.number >= frame; k--) {
                Seen earlier = out.get(k);
                if (earlier.frame.number == frame && earlier.stream == v.stream) {
                    earlier.states.removeIf(c -> c.side() == side && c.to().equals(state));
                }
            }
        }
        last[v.revisedClient ? 0 : 1] = v.revisedTo.name();
    }

    private static void attribute(List<Seen> seen, SocketMap sockets, List<SocketCall> calls) {
        Map<Long, Direction> dirs = new HashMap<>();
        Map<Sock, Integer> datagramsSent = new HashMap<>();
        for (Seen s : seen) {
            if (s.src == null) {
                s.cause = Cause.kernel("not a packet of this scenario's sockets");
                continue;
            }
            if (s.icmpError) {
                // The kernel of the host that got the datagram answers; the quoted packet's sender hears it.
                s.side = sockets.sideOf(s.icmpQuotedDst);
                s.receiver = sockets.sender(s.icmpQuotedSrc, s.icmpQuotedDst);
                s.cause = Cause.kernel("the receiving kernel reports that nothing listens on the quoted port");
                continue;
            }
            s.sender = sockets.sender(s.src, s.dst);
            if (s.sender == null && s.protocol == Packet.TRANSPORT_TCP && s.has(TcpHeader.SYN) && !s.has(TcpHeader.ACK)) {
                s.sender = pendingConnect(sockets, s);
            }
            s.receiver = sockets.receiver(s.src, s.dst);
            s.side = s.sender != null ? s.sender.side : sockets.sideOf(s.src);
            if (s.side == null && s.receiver != null) {
                s.side = s.receiver.side == Side.CLIENT ? Side.SERVER : Side.CLIENT;
            }
            if (s.protocol == Packet.TRANSPORT_TCP && s.stream >= 0) {
                Direction d = dirs.computeIfAbsent(((long) s.stream << 1) | (s.fromFirst ? 0 : 1), k -> new Direction());
                s.cause = tcpCause(s, d, sockets);
            } else if (s.protocol == Packet.TRANSPORT_UDP) {
                int n = s.sender == null ? 0 : datagramsSent.merge(s.sender, 1, Integer::sum);
                SocketCall send = s.sender == null ? null : nth(s.sender.calls, n, TimelineBuilder::isSend);
                s.cause = send != null ? Cause.of(send, "each send call makes exactly one datagram")
                        : Cause.kernel("no send call of this scenario matches this datagram");
            } else {
                s.cause = Cause.kernel("");
            }
        }
    }

    /** A SYN from a socket whose connect() failed before the log learnt its local port (a refused connect). */
    private static Sock pendingConnect(SocketMap sockets, Seen s) {
        for (Sock k : sockets.byName.values()) {
            if (k.local == null && s.dst.equals(k.remote)) {
                for (SocketCall c : k.calls) {
                    if (c.call().equals("connect") && nanos(c.ts()) <= s.ts && s.ts <= nanos(c.endTs())) {
                        sockets.learnLocal(k, s.src);
                        return k;
                    }
                }
            }
        }
        return null;
    }

    private static Cause tcpCause(Seen s, Direction d, SocketMap sockets) {
        Sock k = s.sender;
        if (s.has(TcpHeader.SYN)) {
            d.synSeen = true;
            if (s.has(TcpHeader.ACK)) {
                return Cause.kernel("the listening socket's kernel answers the SYN by itself; accept() is not involved");
            }
            SocketCall connect = k == null ? null : last(k.calls, s.ts, "connect");
            if (connect != null && s.ts <= nanos(connect.endTs())) {
                return d.synsSent++ == 0 ? Cause.of(connect, "connect() sends the SYN")
                        : Cause.kernel("no SYN/ACK came back in time: the kernel sends connect()'s SYN again");
            }
            return Cause.kernel("the kernel retransmits the SYN");
        }
        if (s.has(TcpHeader.RST)) {
            // Only a connected socket (or a listener, for its queued connections) can abort by close();
            // a socket that was merely bound and closed left the port to the kernel, which resets.
            boolean listener = k == null;
            SocketCall close = listener ? lastCloseOfListener(sockets, s)
                    : k.remote != null ? last(k.calls, s.ts, "close") : null;
            if (close != null && s.ts - nanos(close.endTs()) < 50_000_000L && s.ts >= nanos(close.ts())) {
                return Cause.of(close, listener
                        ? "close() of the listening socket resets the connections still waiting in its accept queue"
                        : "close() aborts instead of closing gracefully (SO_LINGER 0, or data left unread)");
            }
            return Cause.kernel("the kernel resets: no socket wants this segment");
        }
        long start = d.synSeen ? s.relSeq - 1 : -1;
        if (s.payload > 0) {
            if (start >= 0 && start < d.maxOffset) {
                s.retransmission = true;
                s.offset = start; // a copy that may be the one that arrives (Unblocking)
                d.maxOffset = Math.max(d.maxOffset, start + s.payload);
                return Cause.kernel("bytes sent before and not acknowledged in time: the kernel sends them again");
            }
            if (start >= 0) {
                d.maxOffset = start + s.payload;
                s.offset = start;
                SocketCall w = k == null ? null : writeCovering(k.calls, start, s.ts);
                if (w != null) {
                    return Cause.of(w, s.has(TcpHeader.FIN) ? "write() hands over the bytes; the FIN rides along"
                            : "write() hands the bytes to the kernel, which sends them");
                }
            }
            return Cause.kernel("the kernel sends queued bytes");
        }
        if (s.has(TcpHeader.FIN)) {
            if (d.finSeen) {
                return Cause.kernel("the kernel sends the FIN again");
            }
            d.finSeen = true;
            SocketCall c = k == null ? null : lastOf(k.calls, s.ts, "shutdown", "close");
            return c != null ? Cause.of(c, c.call().equals("shutdown") ? "shutdown(SHUT_WR) sends a FIN: no more data from this side"
                    : "close() sends a FIN once the bytes before it are sent")
                    : Cause.kernel("the kernel closes the connection");
        }
        if (d.synSeen && s.relSeq == 1 && s.relAck == 1 && !d.handshakeAcked) {
            d.handshakeAcked = true;
            return Cause.kernel("the connecting side's kernel answers the SYN/ACK and so completes the handshake; "
                    + "only then does connect() return");
        }
        return Cause.kernel("the kernel acknowledges what arrived, or announces a new window, with no call involved");
    }

    private static SocketCall lastCloseOfListener(SocketMap sockets, Seen s) {
        for (Sock k : sockets.byName.values()) {
            if (k.listener && SocketMap.owns(k.local, s.src)) {
                return last(k.calls, s.ts, "close");
            }
        }
        return null;
    }

    static boolean isSend(SocketCall c) {
        return (c.call().equals("sendto") || c.call().equals("send") || c.call().equals("write")) && !c.failed();
    }


    /** The latest call named {@code name} that started at or before {@code ts}. */
    private static SocketCall last(List<SocketCall> calls, long ts, String name) {
        return lastOf(calls, ts, name, name);
    }

    private static SocketCall lastOf(List<SocketCall> calls, long ts, String a, String b) {
        SocketCall found = null;
        for (SocketCall c : calls) {
            if (nanos(c.ts()) > ts) {
                break;
            }
            if ((c.call().equals(a) || c.call().equals(b)) && !"jdk".equals(c.arg("by"))) {
                found = c;
            }
        }
        return found;
    }

    /** The n-th (1-based) call matching {@code test}. */
    private static SocketCall nth(List<SocketCall> calls, int n, java.util.function.Predicate<SocketCall> test) {
        int i = 0;
        for (SocketCall c : calls) {
            if (test.test(c) && ++i == n) {
                return c;
            }
        }
        return null;
    }

    /** The write whose bytes include stream offset {@code offset} (writes counted in order). */
    private static SocketCall writeCovering(List<SocketCall> calls, long offset, long ts) {
        long at = 0;
        for (SocketCall c : calls) {
            if (!c.call().equals("write") || c.failed()) {
                continue;
            }
            long n = parse(c.result());
            if (offset < at + n) {
                return nanos(c.ts()) <= ts ? c : null;
            }
            at += n;
        }
        return null;
    }

    static long parse(String s) {
        try {
            return s == null ? 0 : Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
