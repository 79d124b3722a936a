package io.wirebook.tutorial.capture;

import static io.wirebook.calls.Side.CLIENT;
import static io.wirebook.calls.Side.SERVER;
import static io.wirebook.tutorial.capture.ScenarioExpectations.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.Side;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the lab scenarios after {@code syn-retries} must show (see {@link ScenarioExpectations}): the
 * packets exactly, the kernel's figures from the notes the run took inside its namespace, and the timings
 * of the kernel's timers with the tolerance each check states.
 */
final class LabExpectations {
    private LabExpectations() {}

    /**
     * How late a kernel timer may fire: the timer wheel rounds a timeout up to its level's granularity, up
     * to an eighth of it (seen: 4.23 s for 4, 8.19 s for 8, 32.5 s for 32).
     */
    static final double WHEEL_SLACK = 1.125;

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long noteNanos(Timeline t, String key) {
        for (TimelineEvent e : t.events()) {
            if (e instanceof TimelineEvent.Observation o && o.note().key().equals(key)) {
                return o.tsNanos();
            }
        }
        throw new AssertionError("the recording has no note " + key);
    }

    private static long tsOf(Timeline t, PacketFacts p) {
        return t.packets().stream().filter(s -> s.frame().number == p.frame()).findFirst().orElseThrow().tsNanos();
    }

    private static void packet(PacketFacts p, String flags, Side side, long seq, long ack, int len, String cause,
                               List<String> analysis, String ctx) {
        String at = ctx + ": frame " + p.frame();
        assertEquals(flags, p.flags(), at);
        assertEquals(side, p.side(), at);
        assertEquals(seq, p.seq(), at + " seq");
        if (ack >= 0) {
            assertEquals(ack, p.ack(), at + " ack");
        }
        assertEquals(len, p.len(), at + " len");
        assertEquals(cause, p.cause(), at + " cause");
        assertEquals(analysis, p.analysis(), at + " analysis");
    }

    /**
     * The state changes the timeline gives one side of a connection, in order, each "FROM>TO@FRAME": what
     * the ladder of that connection draws.
     */
    static List<String> states(Timeline t, List<PacketFacts> conn, Side side) {
        Set<Long> frames = conn.stream().map(PacketFacts::frame).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (TimelineEvent e : t.events()) {
            if (e instanceof TimelineEvent.StateChange c && c.side() == side && frames.contains(c.frame())) {
                out.add(c.from() + ">" + c.to() + "@" + c.frame());
            }
        }
        return out;
    }

    /** The packets of each TCP stream, streams in order of their first packet. */
    private static List<List<PacketFacts>> streams(List<PacketFacts> ps) {
        Map<Integer, List<PacketFacts>> m = new LinkedHashMap<>();
        for (PacketFacts p : ps) {
            m.computeIfAbsent(p.stream(), k -> new ArrayList<>()).add(p);
        }
        return new ArrayList<>(m.values());
    }

    /**
     * The server never gets the handshake's last ACK: SYN (connect), SYN/ACK, ACK (dropped), then the
     * kernel's n = tcp_synack_retries retransmissions of the SYN/ACK (tshark: retransmission), each
     * answered by the client's kernel with the same ACK again (tshark: duplicate_ack), 1, 2, 4... s apart
     * (each from 50 ms early to 1/8 + 100 ms late, {@link #WHEEL_SLACK}); the request socket is gone
     * (2^(n+1) - 1) s after the first SYN/ACK (the last timeout waited out: 63 s for 5, 7 s for 2; from
     * 0.1 s early to 1/8 + 0.3 s late, /proc polled every 10 ms), its last line
     * showing retr=n. The client stays ESTABLISHED (connect returned on the SYN/ACK), then writes: PSH
     * passes the rule, the listener answers a bare RST (seq 1, the segment's ack; the kernel, no socket), and
     * the client's read fails with ECONNRESET on that RST; its write returned 6.
     */
    static void synackRetries(Timeline t, List<PacketFacts> ps, String ctx) {
        int n = Integer.parseInt(note(t, "sysctl.net.ipv4.tcp_synack_retries"));
        assertEquals("private (unshare --net)", note(t, "lab.netns"), ctx);
        StringBuilder flags = new StringBuilder("S S. .");
        for (int i = 0; i < n; i++) {
            flags.append(" S. .");
        }
        flags.append(" P. R");
        assertEquals(flags.toString(), PacketFacts.flagSequence(ps), ctx);
        packet(ps.get(0), "S", CLIENT, 0, 0, 0, "client connect()", List.of(), ctx);
        packet(ps.get(1), "S.", SERVER, 0, 1, 0, "kernel", List.of(), ctx);
        packet(ps.get(2), ".", CLIENT, 1, 1, 0, "kernel", List.of(), ctx);
        long previous = tsOf(t, ps.get(1));
        for (int i = 1; i <= n; i++) {
            PacketFacts synAck = ps.get(1 + 2 * i), ack = ps.get(2 + 2 * i);
            packet(synAck, "S.", SERVER, 0, 1, 0, "kernel", List.of("retransmission"), ctx);
            packet(ack, ".", CLIENT, 1, 1, 0, "kernel", List.of("duplicate_ack"), ctx);
            double expected = 1 << (i - 1), gap = seconds(tsOf(t, synAck) - previous);
            assertTrue(gap > expected - 0.05 && gap < expected * WHEEL_SLACK + 0.1,
                    ctx + ": timeout before SYN/ACK retransmission " + i + " was " + gap + " s, not " + expected);
            previous = tsOf(t, synAck);
        }
        assertEquals("true", note(t, "synack.request_socket_gone"), ctx);
        assertTrue(note(t, "server.last_syn_recv.proc_net_tcp.summary").contains(" SYN_RECV ")
                && note(t, "server.last_syn_recv.proc_net_tcp.summary").endsWith(" retr=" + n), ctx);
        double gone = seconds(noteNanos(t, "synack.request_socket_gone") - tsOf(t, ps.get(1)));
        double budget = (2L << n) - 1;
        assertTrue(gone > budget - 0.1 && gone < budget * WHEEL_SLACK + 0.3,
                ctx + ": the server gives up after " + gone + " s, not " + budget);
        TimelineEvent.Call connect = PacketFacts.call(t, CLIENT, "connect");
        assertEquals("0", connect.call().result(), ctx);
        assertEquals(ps.get(1).frame(), connect.unblockedBy(), ctx + ": connect() returns on the SYN/ACK");
        assertTrue(note(t, "client.proc_net_tcp.summary").contains(" ESTABLISHED "), ctx);
        assertTrue(note(t, "client.after_give_up.proc_net_tcp.summary").contains(" ESTABLISHED "),
                ctx + ": the client is still ESTABLISHED after the server forgot the connection");
        PacketFacts data = ps.get(ps.size() - 2), rst = ps.get(ps.size() - 1);
        // The server's kernel kept a request socket in SYN_RECV (the /proc line above) until it gave up: the
        // ACKs were taken to arrive until the resent SYN/ACK disproved it, so the timeline never shows the
        // server ESTABLISHED.
        assertEquals(List.of("LISTEN>SYN_RECEIVED@" + ps.get(1).frame(), "SYN_RECEIVED>CLOSED@" + rst.frame()),
                states(t, ps, SERVER), ctx + ": the server's states");
        packet(data, "P.", CLIENT, 1, 1, 6, "client write()", List.of(), ctx);
        packet(rst, "R", SERVER, 1, -1, 0, "kernel", List.of(), ctx);
        // On loopback the RST is made while write() is still in the kernel (the segment is delivered in the
        // sender's own softirq), so write() may return after it: what counts is that it succeeded.
        TimelineEvent.Call write = PacketFacts.call(t, CLIENT, "write");
        assertEquals("6", write.call().result(), ctx + ": write() succeeds; the reset shows on the next call");
        assertEquals(null, write.call().errno(), ctx);
        TimelineEvent.Call read = PacketFacts.call(t, CLIENT, "read");
        assertEquals("ECONNRESET", read.call().errno(), ctx);
        assertEquals(rst.frame(), read.unblockedBy(), ctx + ": read() fails on the RST");
    }

    /**
     * listen(1), never accept, tcp_abort_on_overflow = 1. client-1 and client-3 complete their handshakes
     * (the accept queue then holds 2, noted from /proc); client-2's final ACK (dropped by the lab) never
     * counted, so its first data segment completes the handshake at a full queue: the server's kernel answers
     * a bare RST (seq 1), read() = -1 ECONNRESET on that RST, the write() that sent it returned 6. client-4
     * comes when the queue is full: its SYN is dropped without any answer (no SYN/ACK, no RST) and sent again
     * by its kernel 1 s later (±0.25 s); epoll_wait times out (0). ListenOverflows counts client-2's segment
     * and each of client-4's SYNs. Closing the listener resets the two queued connections (R.).
     */
    static void abortOnOverflow(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("1", note(t, "sysctl.net.ipv4.tcp_abort_on_overflow"), ctx);
        assertEquals("1", PacketFacts.call(t, SERVER, "listen").call().arg("backlog"), ctx);
        assertTrue(PacketFacts.calls(t, SERVER, "accept").isEmpty(), ctx + ": nobody accepts");
        assertEquals("2", note(t, "overflow.accept_queue"), ctx + ": backlog + 1 connections queued");
        assertTrue(note(t, "client-2.server.proc_net_tcp.summary").contains(" SYN_RECV "),
                ctx + ": without its final ACK, client-2 is still a request socket on the server");
        List<List<PacketFacts>> conns = streams(ps);
        assertEquals(4, conns.size(), ctx);
        List<PacketFacts> c1 = conns.get(0), c2 = conns.get(1), c3 = conns.get(2), c4 = conns.get(3);
        assertEquals(6003, c2.get(0).sport(), ctx + ": client-2 is the one on port 6003");
        for (List<PacketFacts> queued : List.of(c1, c3)) {
            // The server's kernel may ACK the client's FIN first (a delayed ACK, if the listener closes late).
            assertTrue(PacketFacts.flagSequence(queued).matches("S S\\. \\. F\\.( \\.)? R\\."), ctx + " " + PacketFacts.flagSequence(queued));
            packet(queued.get(queued.size() - 1), "R.", SERVER, 1, 2, 0, "server close()", List.of(), ctx + " (closing the listener)");
        }
        assertEquals("S S. . P. R", PacketFacts.flagSequence(c2), ctx);
        packet(c2.get(0), "S", CLIENT, 0, 0, 0, "client connect()", List.of(), ctx);
        packet(c2.get(2), ".", CLIENT, 1, 1, 0, "kernel", List.of(), ctx);
        packet(c2.get(3), "P.", CLIENT, 1, 1, 6, "client write()", List.of(), ctx);
        PacketFacts rst = c2.get(4);
        packet(rst, "R", SERVER, 1, -1, 0, "kernel", List.of(), ctx + ": the full queue answers RST");
        assertEquals(List.of("LISTEN>SYN_RECEIVED@" + c2.get(1).frame(), "SYN_RECEIVED>CLOSED@" + rst.frame()),
                states(t, c2, SERVER), ctx + ": client-2's server side never ESTABLISHED (SYN_RECV in /proc)");
        List<TimelineEvent.Call> connects = PacketFacts.calls(t, CLIENT, "connect");
        assertEquals(List.of("0", "0", "0", "-1"), connects.stream().map(c -> c.call().result()).toList(), ctx);
        TimelineEvent.Call write = PacketFacts.calls(t, CLIENT, "write").get(0);
        assertEquals("client-2", write.call().sock(), ctx);
        assertEquals("6", write.call().result(), ctx + ": write() succeeds; the reset shows on the next call");
        TimelineEvent.Call read = PacketFacts.calls(t, CLIENT, "read").get(0);
        assertEquals("client-2", read.call().sock(), ctx);
        assertEquals("ECONNRESET", read.call().errno(), ctx + ": the first read fails, not connect()");
        assertEquals(rst.frame(), read.unblockedBy(), ctx);
        assertEquals("absent", note(t, "client-2.after_rst.proc_net_tcp.summary"), ctx);
        assertTrue(c4.stream().allMatch(p -> p.flags().equals("S") && p.side() == CLIENT), ctx + ": client-4 gets no answer at all");
        assertEquals(2, c4.size(), ctx + ": client-4's SYN and one retransmission in its 1.5 s wait");
        packet(c4.get(0), "S", CLIENT, 0, 0, 0, "client connect()", List.of(), ctx);
        packet(c4.get(1), "S", CLIENT, 0, 0, 0, "kernel", List.of("retransmission"), ctx);
        assertEquals(1.0, seconds(tsOf(t, c4.get(1)) - tsOf(t, c4.get(0))), 0.25, ctx + ": SYN timeout");
        assertEquals("EINPROGRESS", connects.get(3).call().errno(), ctx);
        assertEquals("0", PacketFacts.call(t, CLIENT, "epoll_wait").call().result(), ctx + ": client-4 never connects");
        assertEquals("false", note(t, "client-4.connected"), ctx);
        assertEquals(Long.toString(1 + c4.size()), note(t, "netstat.TcpExt.ListenOverflows"),
                ctx + ": client-2's late segment and each of client-4's SYNs overflowed");
    }

    /**
     * tcp_max_tw_buckets = 2, five connections closed first by the client, the server closing 300 ms after
     * end-of-file. Each: S, S., ., F. (client close()), . (server's kernel), F. (server close()). Clients 1
     * and 2 then send the last ACK and wait in TIME_WAIT (FIN_WAIT2 before the server's FIN, a timewait sock
     * already); clients 3 to 5 had no bucket: gone from /proc already in FIN_WAIT2, so their kernel answers
     * the server's FIN with a bare RST (seq 2, the FIN's ack). /proc shows 2 TIME_WAIT lines at the end, the
     * namespace's TCPTimeWaitOverflow counter is 3 and TW 2. No packet has an analysis flag.
     */
    static void twBuckets(Timeline t, List<PacketFacts> ps, String ctx) {
        int buckets = Integer.parseInt(note(t, "sysctl.net.ipv4.tcp_max_tw_buckets"));
        assertEquals(2, buckets, ctx);
        List<List<PacketFacts>> conns = streams(ps);
        assertEquals(5, conns.size(), ctx);
        for (int i = 1; i <= conns.size(); i++) {
            List<PacketFacts> c = conns.get(i - 1);
            String at = ctx + " connection " + i;
            boolean kept = i <= buckets;
            assertEquals(kept ? "S S. . F. . F. ." : "S S. . F. . F. R", PacketFacts.flagSequence(c), at);
            packet(c.get(3), "F.", CLIENT, 1, 1, 0, "client close()", List.of(), at);
            packet(c.get(4), ".", SERVER, 1, 2, 0, "kernel", List.of(), at);
            packet(c.get(5), "F.", SERVER, 1, 2, 0, "server close()", List.of(), at);
            if (kept) {
                packet(c.get(6), ".", CLIENT, 2, 2, 0, "kernel", List.of(), at);
            } else {
                packet(c.get(6), "R", CLIENT, 2, -1, 0, "kernel", List.of(), at + ": no socket left to answer the FIN");
            }
            assertTrue(c.stream().allMatch(p -> p.analysis().isEmpty()), at);
            String before = note(t, "client-" + i + ".before_server_fin.proc_net_tcp.summary");
            String after = note(t, "client-" + i + ".after_server_fin.proc_net_tcp.summary");
            List<String> client = states(t, c, CLIENT);
            if (kept) {
                assertTrue(before.contains(" FIN_WAIT2 ") && before.contains(" timer=time_wait "), at + ": " + before);
                assertTrue(after.contains(" TIME_WAIT "), at + ": " + after);
                assertEquals("FIN_WAIT_2>TIME_WAIT@" + c.get(5).frame(), client.get(client.size() - 1), at + " " + client);
            } else {
                assertEquals("absent", before, at + ": destroyed in FIN_WAIT2 for want of a bucket");
                assertEquals("absent", after, at);
                // The timeline must agree with /proc: no TIME_WAIT for a connection the kernel destroyed.
                assertEquals("FIN_WAIT_2>CLOSED@" + c.get(6).frame(), client.get(client.size() - 1), at + " " + client);
                assertTrue(client.stream().noneMatch(x -> x.contains(">TIME_WAIT@")), at + " " + client);
            }
        }
        assertEquals("2", note(t, "tw.time_wait_count"), ctx);
        assertEquals("3", note(t, "netstat.TcpExt.TCPTimeWaitOverflow"), ctx);
        assertEquals("2", note(t, "netstat.TcpExt.TW"), ctx);
    }

    private static boolean resent(PacketFacts p) {
        return p.analysis().contains("retransmission") || p.analysis().contains("fast_retransmission")
                || p.analysis().contains("out_of_order");
    }

    /**
     * 300 KiB + a 100-byte tail over lo with MTU 1500, one segment per packet. Every client data segment is
     * at most 1448 bytes (MSS 1460 less 12 of timestamps); every byte written is on the wire once before any
     * retransmission. The numgen rule: of the client's 1448-byte segments in capture order (retransmissions
     * counted too), those at index 20 mod 40 are sent again later, each by a fast retransmission
     * (TCPFastRetrans = their number); any other resend of bulk bytes is a spurious loss probe the receiver
     * reports as a duplicate (at most TCPDSACKRecv of them). Each hole is reported by the server's ACKs,
     * which keep acking the hole and carry a SACK block above it (the receiver got later segments out of
     * order; TCPOFOQueue > 0); each resend is the kernel's. With the receive buffer fixed
     * (tcp_moderate_rcvbuf = 0) those ACKs keep their window, so tshark calls them duplicate_ack, and at
     * least one resend follows two of them and is tshark's fast_retransmission. The tail is sent three times, at the same seq:
     * write(), the tail loss probe (200 ms, 0.15-0.5 s), the retransmission timeout (a further 0.15-0.8 s);
     * the server's read of it returns on the third copy. The counters agree: RetransSegs = resends seen,
     * TCPLossProbes at least 1, TCPTimeouts = 1.
     */
    static void loss(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("1500", note(t, "lab.lo_mtu"), ctx);
        assertEquals("1", note(t, "lab.lo_gso_max_segs"), ctx);
        ScenarioExpectations.handshakeOpens(t, ps, ctx);
        List<PacketFacts> data = ps.stream().filter(p -> p.side() == CLIENT && p.len() > 0).toList();
        assertTrue(data.stream().allMatch(p -> p.len() <= 1448), ctx + ": one MSS per packet");
        long written = PacketFacts.calls(t, CLIENT, "write").stream().mapToLong(c -> Long.parseLong(c.call().result())).sum();
        assertEquals(300 * 1024 + 100, written, ctx);
        assertEquals(written, data.stream().filter(p -> !resent(p)).mapToLong(PacketFacts::len).sum(), ctx + ": every byte once");
        List<PacketFacts> resends = data.stream().filter(LabExpectations::resent).toList();
        assertTrue(resends.stream().allMatch(p -> p.cause().equals("kernel")), ctx + ": resends are the kernel's");
        assertEquals(note(t, "netstat.Tcp.RetransSegs"), Integer.toString(resends.size()), ctx + ": RetransSegs");

        List<PacketFacts> full = data.stream().filter(p -> p.len() == 1448).toList();
        Set<Long> dropped = new HashSet<>();
        for (int k = 0; k < full.size(); k++) {
            PacketFacts p = full.get(k);
            boolean again = data.stream().anyMatch(q -> q.frame() > p.frame() && q.seq() == p.seq());
            if (k % 40 != 20) {
                continue;
            }
            assertTrue(again, ctx + ": full-sized segment " + k + " (frame " + p.frame() + ", seq " + p.seq()
                    + "), dropped by numgen inc mod 40 == 20, is sent again");
            dropped.add(p.seq());
            PacketFacts resend = data.stream().filter(q -> q.frame() > p.frame() && q.seq() == p.seq()).findFirst().orElseThrow();
            List<PacketFacts> holeAcks = ps.stream().filter(a -> a.side() == SERVER && a.frame() > p.frame()
                    && a.frame() < resend.frame() && a.ack() == p.seq()).toList();
            // The first may be the plain ACK of the bytes before the hole; the ones after it carry SACK.
            assertTrue(holeAcks.stream().anyMatch(a -> !a.sackLeft().isEmpty()), ctx + ": the hole at " + p.seq() + " is SACKed around");
            assertTrue(holeAcks.stream().allMatch(a -> a.sackLeft().isEmpty() || a.sackLeft().get(0) >= p.seq() + p.len()),
                    ctx + ": SACK blocks above the hole at " + p.seq());
        }
        assertEquals(note(t, "netstat.TcpExt.TCPFastRetrans"), Integer.toString(dropped.size()),
                ctx + ": each hole is filled by a fast retransmission (SACK recovery)");
        // On a busy machine a loss probe may also fire during the bulk and resend a segment that had arrived:
        // the receiver reports it as a duplicate (D-SACK), so such spurious copies are counted there.
        long spurious = resends.stream().filter(p -> p.len() != 100 && !dropped.contains(p.seq())).count();
        assertTrue(spurious <= Long.parseLong(note(t, "netstat.TcpExt.TCPDSACKRecv")), ctx + ": " + spurious
                + " resends of bytes that were not dropped, each reported back as a duplicate");
        assertTrue(ps.stream().anyMatch(p -> p.side() == SERVER && p.analysis().contains("duplicate_ack") && !p.sackLeft().isEmpty()),
                ctx + ": duplicate ACKs with SACK blocks");
        assertTrue(resends.stream().anyMatch(p -> p.analysis().contains("fast_retransmission")), ctx + ": a fast retransmission");
        assertTrue(Long.parseLong(note(t, "netstat.TcpExt.TCPOFOQueue")) > 0, ctx + ": segments arrived out of order");

        List<PacketFacts> tail = data.stream().filter(p -> p.len() == 100).toList();
        assertEquals(3, tail.size(), ctx + ": the tail, its loss probe, its timeout retransmission");
        assertEquals(Set.of(tail.get(0).seq()), tail.stream().map(PacketFacts::seq).collect(Collectors.toSet()), ctx);
        packet(tail.get(0), "P.", CLIENT, 300 * 1024 + 1, 2, 100, "client write()", List.of(), ctx);
        packet(tail.get(1), "P.", CLIENT, 300 * 1024 + 1, 2, 100, "kernel", List.of("retransmission"), ctx);
        packet(tail.get(2), "P.", CLIENT, 300 * 1024 + 1, 2, 100, "kernel", List.of("retransmission"), ctx);
        double probe = seconds(tsOf(t, tail.get(1)) - tsOf(t, tail.get(0)));
        double rto = seconds(tsOf(t, tail.get(2)) - tsOf(t, tail.get(1)));
        assertTrue(probe > 0.15 && probe < 0.5, ctx + ": the loss probe after " + probe + " s");
        assertTrue(rto > 0.15 && rto < 0.8, ctx + ": the timeout after " + rto + " s");
        TimelineEvent.Call tailRead = PacketFacts.calls(t, SERVER, "read").stream().filter(c -> "100".equals(c.call().result()))
                .findFirst().orElseThrow(() -> new AssertionError(ctx + ": no read of the tail"));
        assertEquals(tail.get(2).frame(), tailRead.unblockedBy(), ctx + ": the third copy arrives");
        assertTrue(Long.parseLong(note(t, "netstat.TcpExt.TCPLossProbes")) >= 1, ctx + ": the tail's loss probe");
        assertEquals("1", note(t, "netstat.TcpExt.TCPTimeouts"), ctx + ": one retransmission timeout, the tail's");
        assertTrue(!dropped.isEmpty(), ctx);
    }
}
