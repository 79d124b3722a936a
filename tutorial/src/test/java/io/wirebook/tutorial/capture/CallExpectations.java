package io.wirebook.tutorial.capture;

import static io.wirebook.calls.Side.CLIENT;
import static io.wirebook.calls.Side.SERVER;
import static io.wirebook.tutorial.capture.ScenarioExpectations.callOn;
import static io.wirebook.tutorial.capture.ScenarioExpectations.handshakeOpens;
import static io.wirebook.tutorial.capture.ScenarioExpectations.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.List;
import java.util.Set;

/**
 * The expectations of the scenarios about the socket calls themselves and about single kernel settings
 * (SYN retries, MTU, keep-alive, descriptors, port choice, resets, AF_UNIX, tcp_fin_timeout); the queue and
 * loss labs are in {@link LabExpectations}, the classic exchanges in {@link ScenarioExpectations}.
 */
final class CallExpectations {
    private CallExpectations() {}

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
        // Nobody accepts: closing the listener (bound by the kernel to every address) resets the queued
        // connection, whose server end sends the RST.
        PacketFacts rst = ps.get(ps.size() - 1);
        assertEquals("R.", rst.flags(), ctx);
        assertEquals(SERVER, rst.side(), ctx);
        assertEquals("server close()", rst.cause(), ctx + ": the listener's close(), not the kernel on its own");
    }

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

    static List<String> results(Timeline t, String sock) {
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
     * The soft RLIMIT_NOFILE set to one above the lowest free descriptor, before two connect()s: both
     * handshakes complete (S S. . twice, no RST) before any accept(); the first accept() gets exactly that
     * descriptor, the second fails with EMFILE while the second connection's handshake is long done; with
     * the limit restored, accept() returns the queued connection (client-2's port) without a packet.
     */
    static void fdLimit(Timeline t, List<PacketFacts> ps, String ctx) {
        TimelineEvent.Call get = PacketFacts.call(t, SERVER, "getrlimit");
        List<TimelineEvent.Call> set = PacketFacts.calls(t, SERVER, "setrlimit");
        int free = Integer.parseInt(note(t, "fd.lowest_free"));
        assertEquals(2, set.size(), ctx);
        assertEquals(Integer.toString(free + 1), set.get(0).call().arg("soft"), ctx + ": room for one descriptor");
        assertEquals(get.call().arg("soft"), set.get(1).call().arg("soft"), ctx + ": the limit restored");
        assertEquals("S S. . S S. .", PacketFacts.flagSequence(ps.subList(0, 6)), ctx + ": both handshakes, no RST");
        List<TimelineEvent.Call> accepts = PacketFacts.calls(t, SERVER, "accept");
        assertEquals(3, accepts.size(), ctx);
        assertEquals("conn-1", accepts.get(0).call().result(), ctx);
        assertEquals(Integer.toString(free), accepts.get(0).call().arg("new_fd"), ctx + ": the lowest free number");
        assertEquals("EMFILE", accepts.get(1).call().errno(), ctx);
        assertTrue(t.packets().get(5).tsNanos() < accepts.get(1).tsNanos(),
                ctx + ": client-2's handshake was complete before the accept() that failed");
        assertTrue(set.get(0).tsNanos() < accepts.get(0).tsNanos() && accepts.get(1).endNanos() <= set.get(1).tsNanos(), ctx);
        assertEquals("conn-2", accepts.get(2).call().result(), ctx);
        assertEquals(callOn(t, "client-2", "connect").call().arg("local_port"), accepts.get(2).call().arg("peer_port"),
                ctx + ": the connection that waited is client-2's");
        assertTrue(ps.stream().noneMatch(p -> p.flags().contains("R")), ctx + ": nobody was refused or reset");
    }

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

    static long timerMillis(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("timer=\\w+ (\\d+)ms").matcher(summary);
        assertTrue(m.find(), "a timer in " + summary);
        return Long.parseLong(m.group(1));
    }

    static String assertNotNullPort(Timeline t) {
        return Integer.toString(t.packets().get(0).result().packet().destinationPort);
    }
}
