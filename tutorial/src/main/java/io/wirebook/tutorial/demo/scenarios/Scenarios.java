package io.wirebook.tutorial.demo.scenarios;

import java.util.List;
import java.util.Optional;

/** Every bundled scenario, by stable name, in the order the tutorial meets them. */
public final class Scenarios {
    private static final List<LabScenario> ALL = List.of(
            new Handshake(),
            new ServerClosesFirst(),
            new ThreeWayClose(),
            new HalfClose(),
            new SimultaneousClose(),
            new Refused(),
            new NoAccept(),
            new Backlog(),
            new TimeWait(),
            new LingerRst(),
            new UnreadRst(),
            new Bulk(),
            new ZeroWindow(),
            new Udp(),
            new UdpUnreachable(),
            Handshake.ipv6(),
            new ByteOrderScenario(),
            new SynRetries(),
            new SynackRetries(),
            new AbortOnOverflow(),
            new TwBuckets(),
            new Loss(),
            new Mtu(),
            new Keepalive(),
            new CloseRefcount(),
            new ListenAutobind(),
            new EphemeralPorts(),
            new ResetErrors(),
            new UnixSocket(),
            new FinTimeout(),
            new FdLimit());

    private Scenarios() {}

    /** All of them, in tutorial order. Scenarios are stateless; the same instance may run many times. */
    public static List<LabScenario> all() {
        return ALL;
    }

    /** Their names, in the same order. */
    public static List<String> names() {
        return ALL.stream().map(LabScenario::name).toList();
    }

    /** The scenario with this name. */
    public static Optional<LabScenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
