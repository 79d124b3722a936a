package io.wirebook.tutorial.demo;

import io.wirebook.calls.Outcome;

/**
 * What a capture does around each attempt of {@link ScenarioRunner}: start capturing in
 * {@link #beforeTraffic}, stop and check the packets in {@link #afterTraffic}, and say whether the
 * attempt is the one to keep.
 */
public interface AttemptHook {
    /** Called after {@link Scenario#prepare}, before {@link ScenarioRun#execute()}. */
    default void beforeTraffic(int attempt, ScenarioRun run) throws Exception {}

    /**
     * Called after the run has executed and closed. Return true to keep this attempt; false to try again
     * (while attempts remain). By default an attempt is kept when the scenario says it achieved its aim.
     */
    default boolean afterTraffic(int attempt, ScenarioRun run, Outcome outcome) throws Exception {
        return outcome.achieved();
    }

    /** The hook that does nothing but keep achieved attempts. */
    AttemptHook NONE = new AttemptHook() {};
}
