package io.wirebook.tutorial.demo;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.CallLog;
import java.util.List;

/** A prepared scenario: its addresses are known and reserved; {@link #execute()} sends the traffic. */
public interface ScenarioRun extends io.wirebook.calls.DemoRun {
    Scenario scenario();

    /** The log this run records into. */
    CallLog log();

    /** The addresses its traffic uses, all on loopback, ports fixed. */
    List<Endpoint> endpoints();

    /** True when the traffic includes ICMP errors (udp-unreachable). */
    boolean expectsIcmp();

    /** A BPF filter for a capture on {@code lo}: {@code tcp port 40123}. */
    @Override
    default String bpfFilter() {
        return Endpoint.bpfFilter(endpoints(), expectsIcmp());
    }

    /**
     * Runs the traffic, at most once, returning within {@link Scenario#timeBound()} (plus a short grace for
     * threads to notice their sockets were closed). Every socket is closed and every thread joined when it
     * returns, also when it throws.
     */
    @Override
    Outcome execute() throws Exception;

    /** Releases everything still open; safe to call twice, and without {@link #execute()}. */
    @Override
    void close();
}
