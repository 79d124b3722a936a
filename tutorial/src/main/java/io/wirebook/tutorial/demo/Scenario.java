package io.wirebook.tutorial.demo;

import io.wirebook.tutorial.demo.calllog.CallLog;
import java.io.IOException;
import java.time.Duration;

/**
 * A bundled demo: a small client and server on loopback that make one TCP or UDP behaviour happen, and
 * record every socket call they make in a {@link CallLog}.
 *
 * <p>Capture wraps a scenario in two steps, so it can set a BPF filter before the first packet:
 * <pre>{@code
 * CallLog log = new CallLog();
 * try (ScenarioRun run = scenario.prepare(log)) {   // listeners bound, ports known, no packet yet
 *     capture.start("lo", run.bpfFilter());
 *     Outcome outcome = run.execute();              // the traffic; bounded by timeBound()
 *     capture.stop();
 * }
 * }</pre>
 * {@link ScenarioRunner} does the same with retries for a scenario whose {@link #maxAttempts()} is above 1.
 */
public interface Scenario {
    /** Stable name, as listed by {@link Scenarios}: {@code handshake}, {@code time-wait}... */
    String name();

    /** One line for a person. */
    String description();

    /** The longest {@link ScenarioRun#execute()} may take; the run closes its sockets when it is up. */
    Duration timeBound();

    /**
     * How many times a runner may try to get an {@link Outcome#achieved() achieved} run: 1 for scenarios
     * that always show what they are for, more for a race such as simultaneous close.
     */
    default int maxAttempts() {
        return 1;
    }

    /**
     * Opens what must exist before traffic (listeners bound, free ports found) and records those calls in
     * {@code log}. Sends no packet. The caller must close the returned run.
     */
    ScenarioRun prepare(CallLog log) throws IOException;

    /** One attempt: prepare, execute, close. */
    default Outcome run(CallLog log) throws Exception {
        try (ScenarioRun r = prepare(log)) {
            return r.execute();
        }
    }
}
