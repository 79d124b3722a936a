package io.wirebook.timeline;

import static io.wirebook.timeline.TimelineBuilder.nanos;
import static io.wirebook.timeline.TimelineBuilder.parse;

import io.wirebook.calls.SocketCall;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.timeline.SocketMap.Sock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which packet let each blocking call return: connect() the SYN/ACK or the RST that refused it; a
 * non-blocking connect's epoll_wait the same; accept() the ACK that completed the handshake; read() the
 * segment that brought its first byte (when copies of it came while the read waited, the last of them: the
 * earlier were lost), the FIN (it returns 0) or the RST (ECONNRESET); a UDP receive its datagram or the ICMP
 * error (ECONNREFUSED).
 */
final class Unblocking {
    private Unblocking() {}

    /** For each blocking call, the frame whose arrival let it return. */
    static Map<SocketCall, Long> of(List<Seen> seen, SocketMap sockets) {
        Map<SocketCall, Long> out = new HashMap<>();
        for (Sock k : sockets.byName.values()) {
            long readAt = 0;
            int datagrams = 0;
            for (SocketCall c : k.calls) {
                long ts = nanos(c.ts());
                long end = nanos(c.endTs());
                Seen why = null;
                switch (c.call()) {
                    case "connect":
                        // Only a blocking connect waits: one that succeeded, or was refused. A non-blocking
                        // one returns EINPROGRESS at once, and its epoll_wait is what the SYN/ACK wakes.
                        if (k.protocol == 17 || c.failed() && !"ECONNREFUSED".equals(c.errno())) {
                            break;
                        }
                        why = first(seen, x -> x.receiver == k && x.ts >= ts && (x.has(TcpHeader.SYN) && x.has(TcpHeader.ACK)
                                || x.has(TcpHeader.RST)));
                        break;
                    case "epoll_wait":
                    case "poll":
                        if (k.protocol == 6 && parse(c.result()) > 0) {
                            why = first(seen, x -> x.receiver == k && x.ts <= end && (x.has(TcpHeader.SYN) && x.has(TcpHeader.ACK)
                                    || x.has(TcpHeader.RST) || x.payload > 0 || x.has(TcpHeader.FIN)));
                        }
                        break;
                    case "accept": {
                        Sock child = sockets.byName.get(c.result());
                        if (child != null) {
                            why = first(seen, x -> child.remote.equals(x.src) && child.local.equals(x.dst)
                                    && x.has(TcpHeader.ACK) && !x.has(TcpHeader.SYN) && x.ts <= end);
                        }
                        break;
                    }
                    case "read":
                    case "recv":
                    case "recvfrom":
                        if (k.protocol == 17) {
                            if (c.failed()) {
                                why = first(seen, x -> x.icmpError && x.receiver == k && x.ts <= end);
                            } else {
                                int n = ++datagrams;
                                why = nthSeen(seen, n, x -> x.protocol == Packet.TRANSPORT_UDP && x.receiver == k);
                            }
                            break;
                        }
                        long got = parse(c.result());
                        if (c.failed()) {
                            why = first(seen, x -> x.receiver == k && x.has(TcpHeader.RST) && x.ts <= end);
                        } else if (got == 0 && "0".equals(c.result())) {
                            why = first(seen, x -> x.receiver == k && x.has(TcpHeader.FIN) && x.ts <= end);
                        } else {
                            final long want = readAt;
                            java.util.function.Predicate<Seen> carries = x -> x.receiver == k && x.offset >= 0
                                    && x.offset <= want && want < x.offset + x.payload;
                            // A read that waited returns on the copy that reached it: with several copies
                            // during the wait (the earlier ones lost, as when a lab drops segments after the
                            // capture point), the last before it returned. One that found its bytes waiting
                            // names the segment that first brought them.
                            why = last(seen, x -> carries.test(x) && x.ts >= ts && x.ts <= end);
                            if (why == null) {
                                why = first(seen, carries);
                            }
                            readAt += got;
                        }
                        break;
                    default:
                        break;
                }
                if (why != null && (why.ts <= end || c.call().equals("connect"))) {
                    out.put(c, why.frame.number);
                }
            }
        }
        return out;
    }

    private static Seen first(List<Seen> seen, java.util.function.Predicate<Seen> test) {
        for (Seen s : seen) {
            if (test.test(s)) {
                return s;
            }
        }
        return null;
    }

    private static Seen last(List<Seen> seen, java.util.function.Predicate<Seen> test) {
        Seen found = null;
        for (Seen s : seen) {
            if (test.test(s)) {
                found = s;
            }
        }
        return found;
    }

    private static Seen nthSeen(List<Seen> seen, int n, java.util.function.Predicate<Seen> test) {
        int i = 0;
        for (Seen s : seen) {
            if (test.test(s) && ++i == n) {
                return s;
            }
        }
        return null;
    }
}
