package io.wirebook.tutorial.demo;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.CallLog;
import java.io.IOException;

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
public interface Scenario extends io.wirebook.calls.DemoScenario {
    // name(), description(), timeBound() and maxAttempts() come from DemoScenario.

    /**
     * Opens what must exist before traffic (listeners bound, free ports found) and records those calls in
     * {@code log}. Sends no packet. The caller must close the returned run.
     */
    @Override
    ScenarioRun prepare(CallLog log) throws IOException;

    /** One attempt: prepare, execute, close. */
    default Outcome run(CallLog log) throws Exception {
        try (ScenarioRun r = prepare(log)) {
            return r.execute();
        }
    }
}
