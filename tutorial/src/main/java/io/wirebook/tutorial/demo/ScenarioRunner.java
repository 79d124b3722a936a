package io.wirebook.tutorial.demo;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.CallLog;
import java.time.Duration;

/**
 * Runs a scenario up to {@link Scenario#maxAttempts()} times, each attempt with a fresh log and fresh
 * ports, until the hook keeps one. Each log starts with notes {@code attempt} and {@code max_attempts}.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /** Runs until an attempt is achieved, or attempts run out. */
    public static RunReport run(Scenario scenario) throws Exception {
        return run(scenario, AttemptHook.NONE);
    }

    /** Runs with a hook around each attempt (a capture, say). Exceptions from the scenario end the loop. */
    public static RunReport run(Scenario scenario, AttemptHook hook) throws Exception {
        long allStart = System.nanoTime();
        int max = Math.max(1, scenario.maxAttempts());
        RunReport last = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            CallLog log = new CallLog();
            log.note(null, "attempt", attempt);
            log.note(null, "max_attempts", max);
            Outcome outcome;
            long start;
            long end;
            ScenarioRun run = scenario.prepare(log);
            try {
                hook.beforeTraffic(attempt, run);
                start = System.nanoTime();
                outcome = run.execute();
                end = System.nanoTime();
            } finally {
                run.close();
            }
            boolean kept = hook.afterTraffic(attempt, run, outcome);
            last = new RunReport(scenario, attempt, kept, log, outcome, Duration.ofNanos(end - start),
                    Duration.ofNanos(System.nanoTime() - allStart));
            if (kept) {
                break;
            }
        }
        return last;
    }
}
