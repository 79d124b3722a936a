package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.CallLog;
import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.proc.Sysctl;
import io.wirebook.tutorial.demo.proc.TcpTable;
import io.wirebook.tutorial.demo.proc.TcpTableEntry;
import io.wirebook.tutorial.demo.sockets.Peer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Observations scenarios record as notes: kernel socket table lines and sysctls.
 *
 * <p>A table line is recorded twice: under {@code key} as the kernel printed it, and under
 * {@code key.summary} decoded ({@code 127.0.0.1:40000 -> 127.0.0.1:8080 TIME_WAIT ... timer=time_wait 59990ms}).
 */
final class Observe {
    /** Long enough for softirq processing on a busy 2-core machine; short next to any time bound. */
    static final Duration SETTLE = Duration.ofMillis(500);

    private Observe() {}

    /**
     * Waits (up to {@link #SETTLE}) for the connection {@code local -> remote} to be in one of {@code states}
     * and notes its line; notes {@code key.summary = absent} or the state it was last seen in otherwise.
     */
    static Optional<TcpTableEntry> connection(Peer who, String key, InetSocketAddress local, InetSocketAddress remote,
                                              Set<KernelTcpState> states) throws IOException, InterruptedException {
        Optional<TcpTableEntry> e = TcpTable.await(x -> x.is(local, remote) && states.contains(x.state()), SETTLE);
        if (e.isPresent()) {
            line(who, key, e.get());
            return e;
        }
        Optional<TcpTableEntry> now = TcpTable.find(local, remote);
        if (now.isPresent()) {
            line(who, key, now.get());
        } else {
            who.note(key + ".summary", "absent");
        }
        return Optional.empty();
    }

    static Optional<TcpTableEntry> connection(Peer who, String key, InetSocketAddress local, InetSocketAddress remote,
                                              KernelTcpState state) throws IOException, InterruptedException {
        return connection(who, key, local, remote, EnumSet.of(state));
    }

    /** The connection's line right now, noted; {@code absent} when the kernel has forgotten it. */
    static Optional<TcpTableEntry> now(Peer who, String key, InetSocketAddress local, InetSocketAddress remote)
            throws IOException {
        Optional<TcpTableEntry> e = TcpTable.find(local, remote);
        if (e.isPresent()) {
            line(who, key, e.get());
        } else {
            who.note(key + ".summary", "absent");
        }
        return e;
    }

    /** Notes every line that involves {@code port} under the same key, one note per line. */
    static List<TcpTableEntry> port(CallLog log, String key, int port) throws IOException {
        List<TcpTableEntry> es = TcpTable.involvingPort(port);
        for (TcpTableEntry e : es) {
            log.note(null, key, e.line());
            log.note(null, key + ".summary", e.summary());
        }
        return es;
    }

    static void line(Peer who, String key, TcpTableEntry e) {
        who.note(key, e.line());
        who.note(key + ".summary", e.summary());
    }

    /** Notes {@code sysctl.NAME = value} (or {@code absent}) for each name. */
    static void sysctls(CallLog log, String... names) {
        for (String n : names) {
            log.note(null, "sysctl." + n, Sysctl.read(n).orElse("absent"));
        }
    }
}
