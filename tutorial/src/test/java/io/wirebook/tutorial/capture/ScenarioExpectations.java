package io.wirebook.tutorial.capture;

import static io.wirebook.calls.Side.CLIENT;
import static io.wirebook.calls.Side.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each scenario's timeline must show, as a reader of the tutorial would check it: the exact flags
 * and relative numbers of the packets, what caused each, which packet let each blocking call return,
 * the errno values, and the states each end reaches. The same checks run on the frozen recordings
 * (no privileges needed) and on a live capture.
 */
final class ScenarioExpectations {
    private ScenarioExpectations() {}

    static void check(String scenario, Timeline t) {
        List<PacketFacts> ps = PacketFacts.packets(t);
        if (scenario.equals("unix-socket")) {
            unixSocket(t, ps, scenario);
            return;
        }
        assertFalse(ps.isEmpty(), scenario + ": no packets captured");
        String ctx = scenario + ": " + PacketFacts.flagSequence(ps);
        switch (scenario) {
            case "handshake", "ipv6" -> clientClosesFirst(t, ps, ctx);
            case "server-closes-first" -> serverClosesFirst(t, ps, ctx);
            case "three-way-close" -> threeWayClose(t, ps, ctx);
            case "half-close" -> halfClose(t, ps, ctx);
            case "simultaneous-close" -> simultaneousClose(t, ps, ctx);
            case "refused" -> refused(t, ps, ctx);
            case "no-accept" -> noAccept(t, ps, ctx);
            case "backlog" -> backlog(t, ps, ctx);
            case "time-wait" -> timeWait(t, ps, ctx);
            case "linger-rst" -> abort(t, ps, ctx, CLIENT);
            case "unread-rst" -> abort(t, ps, ctx, SERVER);
            case "bulk" -> bulk(t, ps, ctx);
            case "zero-window" -> zeroWindow(t, ps, ctx);
            case "udp" -> udp(t, ps, ctx);
            case "udp-unreachable" -> udpUnreachable(t, ps, ctx);
            case "byte-order" -> handshakeOpens(t, ps, ctx);
            case "syn-retries" -> synRetries(t, ps, ctx);
            case "mtu" -> mtu(t, ps, ctx);
            case "keepalive" -> keepalive(t, ps, ctx);
            case "close-refcount" -> closeRefcount(t, ps, ctx);
            case "listen-autobind" -> listenAutobind(t, ps, ctx);
            case "ephemeral-ports" -> ephemeralPorts(t, ps, ctx);
            case "reset-errors" -> resetErrors(t, ps, ctx);
            case "fin-timeout" -> finTimeout(t, ps, ctx);
            case "synack-retries" -> LabExpectations.synackRetries(t, ps, ctx);
            case "abort-on-overflow" -> LabExpectations.abortOnOverflow(t, ps, ctx);
            case "tw-buckets" -> LabExpectations.twBuckets(t, ps, ctx);
            case "loss" -> LabExpectations.loss(t, ps, ctx);
            default -> throw new AssertionError("no expectations for scenario " + scenario);
        }
    }

    /** SYN (connect), SYN/ACK (kernel, never accept), ACK (kernel): relative numbers 0, 0/1, 1/1. */
    static void handshakeOpens(Timeline t, List<PacketFacts> ps, String ctx) {
        PacketFacts syn = ps.get(0), synAck = ps.get(1), ack = ps.get(2);
        assertEquals("S", syn.flags(), ctx);
        assertEquals(CLIENT, syn.side(), ctx);
        assertEquals(0, syn.seq(), ctx);
        assertEquals("client connect()", syn.cause(), ctx);
        assertEquals("S.", synAck.flags(), ctx);
        assertEquals(SERVER, synAck.side(), ctx);
        assertEquals(0, synAck.seq(), ctx);
        assertEquals(1, synAck.ack(), ctx);
        assertEquals("kernel", synAck.cause(), ctx + " (the SYN/ACK is the kernel's, not accept()'s)");
        assertEquals(".", ack.flags(), ctx);
        assertEquals(1, ack.seq(), ctx);
        assertEquals(1, ack.ack(), ctx);
        assertEquals("kernel", ack.cause(), ctx);
        SocketCall connect = PacketFacts.first(t, "connect");
        TimelineEvent.Call c = PacketFacts.call(t, CLIENT, "connect");
        assertEquals(connect, c.call());
        assertEquals(synAck.frame(), c.unblockedBy(), ctx + ": connect() returns on the SYN/ACK");
    }

    private static void accepted(Timeline t, List<PacketFacts> ps, String ctx) {
        TimelineEvent.Call accept = PacketFacts.call(t, SERVER, "accept");
        assertEquals(ps.get(2).frame(), accept.unblockedBy(), ctx + ": accept() returns on the ACK that completes the handshake");
    }

    private static PacketFacts firstFin(List<PacketFacts> ps, Side side) {
        return ps.stream().filter(p -> p.side() == side && p.flags().contains("F")).findFirst()
                .orElseThrow(() -> new AssertionError("no FIN from " + side));
    }

    private static List<String> endStates(Timeline t, Side side) {
        return t.events().stream().filter(e -> e instanceof TimelineEvent.StateChange s && s.side() == side)
                .map(e -> ((TimelineEvent.StateChange) e).to()).toList();
    }

    private static void requestResponse(Timeline t, List<PacketFacts> ps, String ctx) {
        PacketFacts request = ps.stream().filter(p -> p.side() == CLIENT && p.len() > 0).findFirst().orElseThrow();
        assertEquals("P.", request.flags(), ctx);
        assertEquals(1, request.seq(), ctx);
        assertEquals("client write()", request.cause(), ctx);
        PacketFacts response = ps.stream().filter(p -> p.side() == SERVER && p.len() > 0).findFirst().orElseThrow();
        assertEquals(1, response.seq(), ctx);
        assertEquals(1 + request.len(), response.ack(), ctx);
        assertEquals("server write()", response.cause(), ctx);
        TimelineEvent.Call serverRead = PacketFacts.calls(t, SERVER, "read").get(0);
        assertEquals(request.frame(), serverRead.unblockedBy(), ctx + ": the server's read() returns with the request");
    }

    static void clientClosesFirst(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        accepted(t, ps, ctx);
        requestResponse(t, ps, ctx);
        PacketFacts cfin = firstFin(ps, CLIENT);
        PacketFacts sfin = firstFin(ps, SERVER);
        assertTrue(cfin.frame() < sfin.frame(), ctx + ": the client closes first");
        assertEquals("client close()", cfin.cause(), ctx);
        assertEquals("server close()", sfin.cause(), ctx);
        assertEquals(cfin.seq() + 1, sfin.ack(), ctx + ": the server's FIN acknowledges the client's");
        PacketFacts last = ps.get(ps.size() - 1);
        assertEquals(".", last.flags(), ctx);
        assertEquals(CLIENT, last.side(), ctx);
        assertEquals(sfin.seq() + 1, last.ack(), ctx);
        TimelineEvent.Call eof = PacketFacts.calls(t, SERVER, "read").stream().filter(c -> "0".equals(c.call().result()))
                .findFirst().orElseThrow();
        assertEquals(cfin.frame(), eof.unblockedBy(), ctx + ": read() returns 0 (end of file) on the FIN");
        List<String> client = endStates(t, CLIENT);
        assertEquals("TIME_WAIT", client.get(client.size() - 1), ctx + ": the side that closed first waits");
        List<String> server = endStates(t, SERVER);
        assertEquals("CLOSED", server.get(server.size() - 1), ctx);
        assertTrue(client.containsAll(List.of("SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT")), ctx + " " + client);
        assertTrue(server.containsAll(List.of("SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED")), ctx + " " + server);
    }

    static void serverClosesFirst(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        requestResponse(t, ps, ctx);
        PacketFacts cfin = firstFin(ps, CLIENT);
        PacketFacts sfin = firstFin(ps, SERVER);
        assertTrue(sfin.frame() < cfin.frame(), ctx + ": the server closes first");
        assertEquals("server close()", sfin.cause(), ctx);
        List<String> server = endStates(t, SERVER);
        assertEquals("TIME_WAIT", server.get(server.size() - 1), ctx + ": now the server's end waits in TIME_WAIT");
        List<String> client = endStates(t, CLIENT);
        assertEquals("CLOSED", client.get(client.size() - 1), ctx);
    }

    static void threeWayClose(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        int n = ps.size();
        PacketFacts cfin = ps.get(n - 3), sfin = ps.get(n - 2), ack = ps.get(n - 1);
        assertEquals(List.of("F.", "F.", "."), List.of(cfin.flags(), sfin.flags(), ack.flags()), ctx);
        assertEquals(CLIENT, cfin.side(), ctx);
        assertEquals(SERVER, sfin.side(), ctx);
        assertEquals(cfin.seq() + 1, sfin.ack(), ctx + ": the server's FIN rides on the ACK of the client's");
        assertEquals(sfin.seq() + 1, ack.ack(), ctx);
        assertEquals("server close()", sfin.cause(), ctx);
    }

    static void halfClose(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        PacketFacts cfin = firstFin(ps, CLIENT);
        assertEquals("client shutdown()", cfin.cause(), ctx + ": shutdown(SHUT_WR) sends the FIN");
        long dataAfter = ps.stream().filter(p -> p.side() == SERVER && p.len() > 0 && p.frame() > cfin.frame()).count();
        assertTrue(dataAfter > 0, ctx + ": the server keeps sending after the client's FIN");
        PacketFacts sfin = firstFin(ps, SERVER);
        assertTrue(sfin.frame() > cfin.frame(), ctx);
        assertEquals("server close()", sfin.cause(), ctx);
        long readAfterShutdown = PacketFacts.calls(t, CLIENT, "read").stream()
                .filter(c -> c.tsNanos() > PacketFacts.call(t, CLIENT, "shutdown").tsNanos() && !"0".equals(c.call().result())
                        && !c.call().failed())
                .count();
        assertTrue(readAfterShutdown > 0, ctx + ": the client still reads after shutting down its sending side");
    }

    static void simultaneousClose(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        List<PacketFacts> fins = ps.stream().filter(p -> p.flags().contains("F")).toList();
        assertEquals(2, fins.size(), ctx);
        assertTrue(fins.get(0).side() != fins.get(1).side(), ctx);
        assertTrue(fins.get(1).ack() != fins.get(0).seq() + 1,
                ctx + ": the second FIN left before its sender saw the first (FIN, FIN, ACK, ACK)");
        assertEquals(Set.of("client close()", "server close()"), fins.stream().map(PacketFacts::cause).collect(Collectors.toSet()), ctx);
        List<String> client = endStates(t, CLIENT), server = endStates(t, SERVER);
        assertTrue(client.contains("CLOSING") && server.contains("CLOSING"), ctx + " " + client + " " + server);
        // RFC 9293 figure 13: each side goes FIN_WAIT_1, CLOSING, TIME_WAIT; neither was ever in CLOSE_WAIT.
        assertEquals(List.of("FIN_WAIT_1", "CLOSING", "TIME_WAIT"), client.subList(client.size() - 3, client.size()), ctx);
        assertEquals(List.of("FIN_WAIT_1", "CLOSING", "TIME_WAIT"), server.subList(server.size() - 3, server.size()), ctx);
        assertEquals("TIME_WAIT", client.get(client.size() - 1), ctx);
        assertEquals("TIME_WAIT", server.get(server.size() - 1), ctx + ": both ends wait in TIME_WAIT");
    }

    static void refused(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("S R.", PacketFacts.flagSequence(ps), ctx);
        assertEquals("client connect()", ps.get(0).cause(), ctx);
        assertEquals("kernel", ps.get(1).cause(), ctx + ": nothing listens, the kernel resets");
        assertEquals(1, ps.get(1).ack(), ctx);
        TimelineEvent.Call connect = PacketFacts.call(t, CLIENT, "connect");
        assertEquals("ECONNREFUSED", connect.call().errno(), ctx);
        assertEquals(ps.get(1).frame(), connect.unblockedBy(), ctx + ": connect() fails on the RST");
        assertEquals(List.of(), endStates(t, SERVER), ctx + ": the refusing port had no socket, so no state");
        assertEquals(List.of("SYN_SENT", "CLOSED"), endStates(t, CLIENT), ctx);
    }

    static void noAccept(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        assertTrue(PacketFacts.calls(t, SERVER, "accept").isEmpty(), ctx + ": the server never calls accept()");
        PacketFacts data = ps.stream().filter(p -> p.side() == CLIENT && p.len() > 0).findFirst().orElseThrow();
        assertEquals("client write()", data.cause(), ctx);
        PacketFacts acked = ps.stream().filter(p -> p.side() == SERVER && p.frame() > data.frame() && p.ack() == data.seq() + data.len())
                .findFirst().orElseThrow(() -> new AssertionError(ctx + ": the data is never acknowledged"));
        assertEquals("kernel", acked.cause(), ctx + ": the kernel ACKs data nobody has accepted");
    }

    static void backlog(Timeline t, List<PacketFacts> ps, String ctx) {
        List<PacketFacts> synAcks = ps.stream().filter(p -> p.flags().equals("S.")).toList();
        List<PacketFacts> syns = ps.stream().filter(p -> p.flags().equals("S")).toList();
        int backlog = Integer.parseInt(PacketFacts.call(t, SERVER, "listen").call().arg("backlog"));
        assertEquals(backlog + 1, synAcks.size(), ctx + ": Linux completes backlog + 1 handshakes");
        assertEquals(4, PacketFacts.calls(t, CLIENT, "connect").size(), ctx);
        List<PacketFacts> retransmitted = syns.stream().filter(p -> p.analysis().contains("retransmission")).toList();
        assertTrue(retransmitted.size() >= 2, ctx + ": the dropped clients send their SYN again");
        assertTrue(retransmitted.stream().allMatch(p -> p.cause().equals("kernel")), ctx + ": retransmissions are the kernel's");
        assertEquals(4 - synAcks.size(), syns.size() - retransmitted.size() - synAcks.size(), ctx
                + ": every client sent one SYN of its own; the ones never answered are retransmitted");
    }

    static void timeWait(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        assertTrue(t.calls().stream().anyMatch(c -> c.call().call().equals("bind") && "EADDRINUSE".equals(c.call().errno())),
                ctx + ": bind() to the port held in TIME_WAIT fails with EADDRINUSE");
    }

    static void abort(Timeline t, List<PacketFacts> ps, String ctx, Side aborter) {
        handshakeOpens(t, ps, ctx);
        PacketFacts rst = ps.stream().filter(p -> p.flags().contains("R")).findFirst().orElseThrow(() -> new AssertionError(ctx + ": no RST"));
        assertEquals(aborter, rst.side(), ctx);
        assertEquals(aborter.wireName() + " close()", rst.cause(), ctx + ": close() sends the RST");
        assertTrue(ps.stream().noneMatch(p -> p.side() == aborter && p.flags().contains("F")), ctx + ": no FIN, an abort");
        Side peer = aborter == CLIENT ? SERVER : CLIENT;
        TimelineEvent.Call reset = PacketFacts.calls(t, peer, "read").stream().filter(c -> "ECONNRESET".equals(c.call().errno()))
                .findFirst().orElseThrow(() -> new AssertionError(ctx + ": the peer's read() does not fail with ECONNRESET"));
        assertEquals(rst.frame(), reset.unblockedBy(), ctx + ": the read fails on the RST");
    }

    static void bulk(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        long written = PacketFacts.calls(t, CLIENT, "write").stream().mapToLong(c -> Long.parseLong(c.call().result())).sum();
        long sent = ps.stream().filter(p -> p.side() == CLIENT && !p.analysis().contains("retransmission")).mapToLong(PacketFacts::len).sum();
        assertEquals(written, sent, ctx + ": every byte written is on the wire once");
        assertTrue(written >= 1 << 20, ctx);
        int maxSegment = ps.stream().filter(p -> p.side() == CLIENT).mapToInt(PacketFacts::len).max().orElse(0);
        assertTrue(maxSegment <= 65483, ctx + ": segments stay within the loopback MSS (65495 less 12 bytes of timestamps)");
        assertTrue(ps.stream().filter(p -> p.len() > 0).allMatch(p -> p.cause().equals("client write()") || p.cause().equals("kernel")), ctx);
        assertTrue(ps.stream().anyMatch(p -> p.side() == SERVER && p.len() == 0 && p.cause().equals("kernel")), ctx);
    }

    static void zeroWindow(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        // The server sends; the client, with a small receive buffer, stops reading.
        PacketFacts zero = ps.stream().filter(p -> p.side() == CLIENT && p.win() == 0).findFirst()
                .orElseThrow(() -> new AssertionError(ctx + ": the receiver never announces a zero window"));
        assertTrue(zero.analysis().contains("zero_window"), ctx + " " + zero);
        assertTrue(ps.stream().anyMatch(p -> p.side() == SERVER && p.analysis().contains("window_full")),
                ctx + ": the sender fills the window first");
        // tshark 4.0 calls Linux's zero-window probes (seq = snd_una - 1, no data) keep-alives.
        assertTrue(ps.stream().anyMatch(p -> p.frame() > zero.frame() && p.side() == SERVER && p.len() == 0
                && (p.analysis().contains("keep_alive") || p.analysis().contains("zero_window_probe"))),
                ctx + ": the sender probes the closed window");
        PacketFacts update = ps.stream().filter(p -> p.frame() > zero.frame() && p.side() == CLIENT && p.win() > 0).findFirst()
                .orElseThrow(() -> new AssertionError(ctx + ": the window never opens again"));
        assertTrue(update.analysis().contains("window_update"), ctx + " " + update);
        assertEquals("kernel", update.cause(), ctx + ": the receiving kernel announces the window after read()");
    }

    static void udp(Timeline t, List<PacketFacts> ps, String ctx) {
        List<PacketFacts> datagrams = ps.stream().filter(p -> p.proto().equals("udp")).toList();
        assertEquals(List.of(7, 300, 1200), datagrams.stream().map(PacketFacts::len).toList(), ctx + ": each datagram keeps its size");
        assertTrue(datagrams.stream().allMatch(p -> p.cause().equals("client sendto()")), ctx);
        List<TimelineEvent.Call> receives = PacketFacts.calls(t, SERVER, "recvfrom");
        assertEquals(3, receives.size(), ctx);
        for (int i = 0; i < 3; i++) {
            assertEquals(String.valueOf(datagrams.get(i).len()), receives.get(i).call().result(), ctx);
            assertEquals(datagrams.get(i).frame(), receives.get(i).unblockedBy(), ctx);
        }
    }

    static void udpUnreachable(Timeline t, List<PacketFacts> ps, String ctx) {
        PacketFacts icmp = ps.stream().filter(p -> p.proto().equals("icmp")).findFirst()
                .orElseThrow(() -> new AssertionError(ctx + ": no ICMP error"));
        assertEquals(3, icmp.icmpType(), ctx);
        assertEquals(3, icmp.icmpCode(), ctx + ": port unreachable");
        assertEquals("kernel", icmp.cause(), ctx);
        TimelineEvent.Call recv = PacketFacts.calls(t, CLIENT, "recvfrom").stream()
                .filter(c -> "ECONNREFUSED".equals(c.call().errno())).findFirst()
                .orElseThrow(() -> new AssertionError(ctx + ": the connected socket never hears ECONNREFUSED"));
        assertNotNull(recv);
        assertEquals(icmp.frame(), recv.unblockedBy(), ctx + ": recv() fails on the ICMP error");
    }

    /**
     * The lab's SYNs are dropped: only SYNs, all the client's, the first from connect() and every other a
     * kernel retransmission of seq 0; connect() fails with ETIMEDOUT on its own timer (no packet unblocks
     * it) after the budget tcp_syn_retries gives, ((2 << retries) - 1) initial timeouts of 1 s = 7 s for
     * retries = 2, whether the timeouts double or stay linear; the first tcp_syn_linear_timeouts
     * retransmissions come 1 s apart (on a kernel without that setting, they double).
     */
    static void synRetries(Timeline t, List<PacketFacts> ps, String ctx) {
        int retries = Integer.parseInt(note(t, "sysctl.net.ipv4.tcp_syn_retries"));
        String linearNote = note(t, "sysctl.net.ipv4.tcp_syn_linear_timeouts");
        int linear = linearNote.equals("absent") ? 0 : Integer.parseInt(linearNote);
        assertEquals("private (unshare --net)", note(t, "lab.netns"), ctx);
        assertTrue(ps.size() >= retries + 1, ctx + ": at least the first SYN and tcp_syn_retries retransmissions");
        for (int i = 0; i < ps.size(); i++) {
            PacketFacts p = ps.get(i);
            assertEquals("S", p.flags(), ctx);
            assertEquals(CLIENT, p.side(), ctx);
            assertEquals(0, p.seq(), ctx);
            assertEquals(i == 0 ? "client connect()" : "kernel", p.cause(), ctx);
            assertEquals(i == 0 ? List.of() : List.of("retransmission"), p.analysis(), ctx + ": frame " + p.frame());
        }
        List<TimelineEvent.PacketSeen> seen = t.packets();
        for (int i = 1; i < seen.size() && i <= linear; i++) {
            double gap = (seen.get(i).tsNanos() - seen.get(i - 1).tsNanos()) / 1e9;
            assertEquals(1.0, gap, 0.25, ctx + ": linear timeout before retransmission " + i);
        }
        TimelineEvent.Call connect = PacketFacts.call(t, CLIENT, "connect");
        assertEquals("ETIMEDOUT", connect.call().errno(), ctx);
        assertEquals(0, connect.unblockedBy(), ctx + ": no packet ends connect(), its timer does");
        double took = (connect.endNanos() - connect.tsNanos()) / 1e9;
        assertEquals((2 << retries) - 1, took, 0.6, ctx + ": connect() gives up after the budget of tcp_syn_retries");
    }

    /**
     * lo at MTU 1500 (and gso_max_segs 1): both SYNs offer MSS 1460; the one 20000-byte write leaves as
     * ceil(20000 / 1448) = 14 segments of at most 1448 bytes (MSS less the 12-byte timestamps option), in
     * order, the first caused by write() and the rest by the kernel, all of it acknowledged.
     */
    static void mtu(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("1500", note(t, "lab.lo_mtu"), ctx);
        assertEquals("1", note(t, "lab.lo_gso_max_segs"), ctx);
        handshakeOpens(t, ps, ctx);
        assertEquals(1460, t.packets().get(0).result().packet().tcp.mss, ctx + ": the SYN's MSS");
        assertEquals(1460, t.packets().get(1).result().packet().tcp.mss, ctx + ": the SYN/ACK's MSS");
        List<PacketFacts> data = ps.stream().filter(p -> p.side() == CLIENT && p.len() > 0).toList();
        assertEquals(14, data.size(), ctx + ": segments of the write");
        long next = 1;
        for (PacketFacts d : data) {
            assertTrue(d.len() <= 1448, ctx + ": frame " + d.frame() + " carries " + d.len());
            assertEquals(next, d.seq(), ctx + ": in order, none lost");
            next += d.len();
        }
        assertEquals(20_001, next, ctx + ": all 20000 bytes");
        assertEquals("client write()", data.get(0).cause(), ctx);
        assertEquals("20000", note(t, "mtu.bytes_read"), ctx);
        assertTrue(ps.stream().anyMatch(p -> p.side() == SERVER && p.ack() == 20_001), ctx + ": the server acknowledges all of it");
    }

    /**
     * Keep-alive after 1 s idle, every 1 s: after the response, the client's kernel sends probes (ACK, no
     * data, seq one below what it has sent: 6 for the 6-byte request), tshark's keep_alive, each answered by
     * the server's kernel with an ACK of 7 (keep_alive_ack); 1 s apart; no call causes them.
     */
    static void keepalive(Timeline t, List<PacketFacts> ps, String ctx) {
        handshakeOpens(t, ps, ctx);
        List<Integer> probes = new java.util.ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).analysis().contains("keep_alive")) {
                probes.add(i);
            }
        }
        assertTrue(probes.size() >= 2, ctx + ": at least two probes in 3.5 s idle");
        List<TimelineEvent.PacketSeen> seen = t.packets();
        for (int k = 0; k < probes.size(); k++) {
            int i = probes.get(k);
            PacketFacts probe = ps.get(i), answer = ps.get(i + 1);
            assertEquals(CLIENT, probe.side(), ctx);
            assertEquals(".", probe.flags(), ctx);
            assertEquals(0, probe.len(), ctx);
            assertEquals(6, probe.seq(), ctx + ": one below the 7 the client has sent up to");
            assertEquals("kernel", probe.cause(), ctx);
            assertEquals(SERVER, answer.side(), ctx);
            assertEquals(List.of("keep_alive_ack"), answer.analysis(), ctx);
            assertEquals(7, answer.ack(), ctx);
            if (k > 0) {
                double gap = (seen.get(i).tsNanos() - seen.get(probes.get(k - 1)).tsNanos()) / 1e9;
                assertEquals(1.0, gap, 0.25, ctx + ": TCP_KEEPINTVL between probes");
            }
        }
    }

    /**
     * Two connections. On the first, close() of the dup()ed copy sends nothing: the client's FIN is caused
     * by close(client1), the last descriptor, at least 250 ms after the copy was closed; on the second the
     * FIN is caused by shutdown() while the copy is still open, and the copy's close sends nothing.
     */
    static void closeRefcount(Timeline t, List<PacketFacts> ps, String ctx) {
        List<PacketFacts> fins = ps.stream().filter(p -> p.side() == CLIENT && p.flags().contains("F")).toList();
        assertEquals(2, fins.size(), ctx + ": one FIN per connection");
        assertEquals("client close()", fins.get(0).cause(), ctx);
        assertEquals("client shutdown()", fins.get(1).cause(), ctx);
        TimelineEvent.Call copy1 = callOn(t, "client1-copy", "close"), last1 = callOn(t, "client1", "close");
        TimelineEvent.Call shut = callOn(t, "client2", "shutdown"), copy2 = callOn(t, "client2-copy", "close");
        assertTrue(last1.tsNanos() - copy1.endNanos() >= 250_000_000L, ctx + ": the copy was closed long before");
        long fin1 = fins.get(0).frame(), fin2 = fins.get(1).frame();
        for (TimelineEvent.PacketSeen p : t.packets()) {
            if (p.side() == CLIENT && p.frame().number != fin1 && p.frame().number != fin2) {
                assertFalse(p.tsNanos() >= copy1.tsNanos() && p.tsNanos() < last1.tsNanos(),
                        ctx + ": frame " + p.frame().number + " sent between the copy's close and the last close");
            }
        }
        assertTrue(shut.tsNanos() < copy2.tsNanos(), ctx + ": shutdown() came while the copy was open");
        assertEquals("client2-copy", callOn(t, "client2", "dup").call().result(), ctx);
    }

    /**
     * socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) = -1 EPROTONOSUPPORT; a socket never bound has port 0 until
     * listen() gives it one, and the client's handshake with that port completes.
     */
    static void listenAutobind(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("EPROTONOSUPPORT", callOn(t, "wrong-protocol", "socket").call().errno(), ctx);
        List<TimelineEvent.Call> names = t.calls().stream().filter(c -> c.call().sock().equals("listener")
                && c.call().call().equals("getsockname")).toList();
        assertEquals(2, names.size(), ctx);
        assertEquals("0", names.get(0).call().arg("local_port"), ctx + ": not bound before listen()");
        String port = callOn(t, "listener", "listen").call().arg("local_port");
        assertTrue(Integer.parseInt(port) > 0, ctx);
        assertEquals(port, names.get(1).call().arg("local_port"), ctx);
        assertEquals(assertNotNullPort(t), port, ctx + ": the client connected to the kernel's port");
        assertEquals("S S. .", PacketFacts.flagSequence(ps.subList(0, 3)), ctx);
    }

    private static String assertNotNullPort(Timeline t) {
        return Integer.toString(t.packets().get(0).result().packet().destinationPort);
    }

    /**
     * ip_local_port_range 40000-40001: the two connects to A take both ports, a third fails with
     * EADDRNOTAVAIL; the connect to B reuses one of them (the 4-tuple differs); with A's two in TIME_WAIT (the
     * capture's states and /proc/net/tcp agree) a connect to A still fails; bind(port 0) fails with EADDRINUSE; with IP_BIND_ADDRESS_NO_PORT bind() leaves
     * port 0 and connect() to B picks the other port.
     */
    static void ephemeralPorts(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("40000 40001", note(t, "sysctl.net.ipv4.ip_local_port_range"), ctx);
        String p1 = callOn(t, "client-a1", "connect").call().arg("local_port");
        String p2 = callOn(t, "client-a2", "connect").call().arg("local_port");
        assertEquals(Set.of("40000", "40001"), Set.of(p1, p2), ctx + ": the two ports of the range");
        assertEquals("EADDRNOTAVAIL", callOn(t, "client-a3", "connect").call().errno(), ctx);
        String p4 = callOn(t, "client-b4", "connect").call().arg("local_port");
        assertTrue(Set.of(p1, p2).contains(p4), ctx + ": a port in use towards A serves B");
        for (int i = 1; i <= 2; i++) { // the kernel's word that A's ends are in TIME_WAIT when client-a5 tries
            String line = note(t, "client-a" + i + ".closed.proc_net_tcp.summary");
            assertTrue(line.contains(" TIME_WAIT "), ctx + ": client-a" + i + " " + line);
        }
        TimelineEvent.Call a5 = callOn(t, "client-a5", "connect");
        assertEquals("EADDRNOTAVAIL", a5.call().errno(), ctx + ": TIME_WAIT holds A's 4-tuples");
        long timeWaitBefore = t.events().stream().filter(e -> e instanceof TimelineEvent.StateChange s
                && s.side() == CLIENT && s.to().equals("TIME_WAIT") && s.tsNanos() < a5.tsNanos()).count();
        assertEquals(2, timeWaitBefore, ctx + ": both of A's client ends reach TIME_WAIT before client-a5's connect()");
        assertEquals("EADDRINUSE", callOn(t, "client-bound", "bind").call().errno(), ctx);
        assertEquals("0", callOn(t, "client-b6", "bind").call().arg("local_port"), ctx + ": IP_BIND_ADDRESS_NO_PORT");
        assertEquals("0", callOn(t, "client-b6", "getsockname").call().arg("local_port"), ctx);
        String p6 = callOn(t, "client-b6", "connect").call().arg("local_port");
        assertTrue(Set.of(p1, p2).contains(p6) && !p6.equals(p4), ctx + ": connect() picks the port free towards B");
        long syns = ps.stream().filter(p -> p.flags().equals("S")).count();
        assertEquals(4, syns, ctx + ": a SYN for each connect() that got a port");
        for (TimelineEvent.PacketSeen p : t.packets()) {
            int sp = p.result().packet().sourcePort, dp = p.result().packet().destinationPort;
            int local = p.side() == CLIENT ? sp : dp;
            assertTrue(local == 40000 || local == 40001, ctx + ": every client port is in the range, frame " + p.frame().number);
        }
    }

    /**
     * First connection: the server's FIN, then the client's write() succeeds (6 bytes) and the server's kernel
     * answers the data with RST; the client's read() returns 0 (the FIN was queued first), its next write()
     * fails with EPIPE. Second: the server's SO_LINGER 0 close sends RST and no FIN; read() = ECONNRESET,
     * write() = EPIPE.
     */
    static void resetErrors(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals(List.of("6", "0", "EPIPE"), results(t, "client"), ctx + ": after FIN then RST");
        assertEquals(List.of("ECONNRESET", "EPIPE"), results(t, "client2"), ctx + ": after RST alone");
        PacketFacts data = ps.stream().filter(p -> p.side() == CLIENT && p.len() == 6).findFirst().orElseThrow();
        assertEquals("client write()", data.cause(), ctx);
        List<PacketFacts> rsts = ps.stream().filter(p -> p.side() == SERVER && p.flags().startsWith("R")).toList();
        assertEquals(2, rsts.size(), ctx + ": one RST per connection");
        assertTrue(rsts.get(0).frame() > data.frame(), ctx + ": the first RST answers the data");
        assertEquals("kernel", rsts.get(0).cause(), ctx + ": the socket is gone; its kernel answers");
        assertEquals("server close()", rsts.get(1).cause(), ctx + ": SO_LINGER 0: close() sends the RST");
        long fins = ps.stream().filter(p -> p.side() == SERVER && p.flags().contains("F")).count();
        assertEquals(1, fins, ctx + ": only the first connection sees a FIN from the server");
    }

    private static List<String> results(Timeline t, String sock) {
        return t.calls().stream().map(TimelineEvent.Call::call)
                .filter(c -> sock.equals(c.sock()) && (c.call().equals("read") || c.call().equals("write")))
                .map(c -> c.errno() != null ? c.errno() : c.result()).toList();
    }

    /** AF_UNIX: the whole of the lab's lo captured, no packet; the calls show the exchange. */
    static void unixSocket(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals(List.of(), ps, ctx + ": a Unix-domain socket never reaches the IP stack");
        assertEquals("private (unshare --net)", note(t, "lab.netns"), ctx);
        SocketCall socket = callOn(t, "client", "socket").call();
        assertEquals("AF_UNIX", socket.arg("domain"), ctx);
        assertEquals("6", callOn(t, "client", "write").call().result(), ctx);
        assertEquals("6", callOn(t, "conn", "read").call().result(), ctx);
        assertTrue(callOn(t, "listener", "bind").call().arg("path").endsWith("server.sock"), ctx);
    }

    /**
     * tcp_fin_timeout 2: the client's end of the first connection is in TIME_WAIT with a timer near 60 s, its
     * orphan of the second in FIN_WAIT2 with a timer of at most 2 s; after the timeout the orphan is absent
     * while TIME_WAIT remains; the server's late FIN is answered by the client's kernel with RST.
     */
    static void finTimeout(Timeline t, List<PacketFacts> ps, String ctx) {
        assertEquals("2", note(t, "sysctl.net.ipv4.tcp_fin_timeout"), ctx);
        String tw = note(t, "time_wait.proc_net_tcp.summary"), fw = note(t, "fin_wait2.proc_net_tcp.summary");
        assertTrue(tw.contains("TIME_WAIT") && fw.contains("FIN_WAIT2"), ctx + ": " + tw + " / " + fw);
        long twMs = timerMillis(tw), fwMs = timerMillis(fw);
        assertTrue(twMs > 55_000 && twMs <= 60_000, ctx + ": TIME_WAIT's timer " + twMs);
        assertTrue(fwMs > 0 && fwMs <= 2_000, ctx + ": FIN_WAIT2's timer is tcp_fin_timeout: " + fwMs);
        assertEquals("absent", note(t, "after_fin_timeout.fin_wait2.proc_net_tcp.summary"), ctx);
        assertTrue(note(t, "after_fin_timeout.time_wait.proc_net_tcp.summary").contains("TIME_WAIT"), ctx);
        PacketFacts rst = ps.stream().filter(p -> p.side() == CLIENT && p.flags().startsWith("R")).findFirst()
                .orElseThrow(() -> new AssertionError(ctx + ": no RST for the server's late FIN"));
        assertEquals("kernel", rst.cause(), ctx);
        assertTrue(ps.stream().anyMatch(p -> p.side() == SERVER && p.flags().contains("F") && p.frame() < rst.frame()), ctx);
    }

    private static long timerMillis(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("timer=\\w+ (\\d+)ms").matcher(summary);
        assertTrue(m.find(), "a timer in " + summary);
        return Long.parseLong(m.group(1));
    }

    private static TimelineEvent.Call callOn(Timeline t, String sock, String call) {
        return t.calls().stream().filter(c -> sock.equals(c.call().sock()) && c.call().call().equals(call)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + call + " on " + sock));
    }

    static String note(Timeline t, String key) {
        for (TimelineEvent e : t.events()) {
            if (e instanceof TimelineEvent.Observation o && o.note().key().equals(key)) {
                return o.note().value();
            }
        }
        throw new AssertionError("the recording has no note " + key);
    }
}
