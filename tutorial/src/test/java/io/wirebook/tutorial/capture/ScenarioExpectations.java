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
            CallExpectations.unixSocket(t, ps, scenario);
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
            case "syn-retries" -> CallExpectations.synRetries(t, ps, ctx);
            case "mtu" -> CallExpectations.mtu(t, ps, ctx);
            case "keepalive" -> CallExpectations.keepalive(t, ps, ctx);
            case "close-refcount" -> CallExpectations.closeRefcount(t, ps, ctx);
            case "listen-autobind" -> CallExpectations.listenAutobind(t, ps, ctx);
            case "ephemeral-ports" -> CallExpectations.ephemeralPorts(t, ps, ctx);
            case "reset-errors" -> CallExpectations.resetErrors(t, ps, ctx);
            case "fin-timeout" -> CallExpectations.finTimeout(t, ps, ctx);
            case "fd-limit" -> CallExpectations.fdLimit(t, ps, ctx);
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
    /**
     * lo at MTU 1500 (and gso_max_segs 1): both SYNs offer MSS 1460; the one 20000-byte write leaves as
     * ceil(20000 / 1448) = 14 segments of at most 1448 bytes (MSS less the 12-byte timestamps option), in
     * order, the first caused by write() and the rest by the kernel, all of it acknowledged.
     */
    /**
     * Keep-alive after 1 s idle, every 1 s: after the response, the client's kernel sends probes (ACK, no
     * data, seq one below what it has sent: 6 for the 6-byte request), tshark's keep_alive, each answered by
     * the server's kernel with an ACK of 7 (keep_alive_ack); 1 s apart; no call causes them.
     */
    /**
     * Two connections. On the first, close() of the dup()ed copy sends nothing: the client's FIN is caused
     * by close(client1), the last descriptor, at least 250 ms after the copy was closed; on the second the
     * FIN is caused by shutdown() while the copy is still open, and the copy's close sends nothing.
     */
    /**
     * socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) = -1 EPROTONOSUPPORT; a socket never bound has port 0 until
     * listen() gives it one, and the client's handshake with that port completes.
     */
    /**
     * ip_local_port_range 40000-40001: the two connects to A take both ports, a third fails with
     * EADDRNOTAVAIL; the connect to B reuses one of them (the 4-tuple differs); with A's two in TIME_WAIT (the
     * capture's states and /proc/net/tcp agree) a connect to A still fails; bind(port 0) fails with EADDRINUSE; with IP_BIND_ADDRESS_NO_PORT bind() leaves
     * port 0 and connect() to B picks the other port.
     */
    /**
     * First connection: the server's FIN, then the client's write() succeeds (6 bytes) and the server's kernel
     * answers the data with RST; the client's read() returns 0 (the FIN was queued first), its next write()
     * fails with EPIPE. Second: the server's SO_LINGER 0 close sends RST and no FIN; read() = ECONNRESET,
     * write() = EPIPE.
     */
    /**
     * tcp_fin_timeout 2: the client's end of the first connection is in TIME_WAIT with a timer near 60 s, its
     * orphan of the second in FIN_WAIT2 with a timer of at most 2 s; after the timeout the orphan is absent
     * while TIME_WAIT remains; the server's late FIN is answered by the client's kernel with RST.
     */
    /** Every address in the notes and calls as the packets write it (127.0.0.1:80), never as Java's /127.0.0.1:80. */
    static void addressesAreWrittenOneWay(String scenario, Timeline t) {
        java.util.regex.Pattern javaForm = java.util.regex.Pattern.compile("(^|[^\\w])/(\\d+\\.\\d+\\.\\d+\\.\\d+|[0-9a-f:]*:[0-9a-f:]*)");
        for (TimelineEvent e : t.events()) {
            String text = e instanceof TimelineEvent.Observation o ? o.note().value()
                    : e instanceof TimelineEvent.Call c ? c.call().toString() : null;
            if (text != null) {
                assertFalse(javaForm.matcher(text).find(), scenario + ": an address as Java writes it: " + text);
            }
        }
    }

    static TimelineEvent.Call callOn(Timeline t, String sock, String call) {
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
