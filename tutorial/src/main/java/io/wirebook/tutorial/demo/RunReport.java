package io.wirebook.tutorial.demo;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.CallLog;
import java.time.Duration;

/**
 * The result of {@link ScenarioRunner#run}: the kept attempt (the last one when none was kept).
 *
 * @param scenario the scenario
 * @param attempts how many attempts were made, 1..maxAttempts
 * @param kept     whether the hook kept the last attempt
 * @param log      the last attempt's log (each attempt has its own)
 * @param outcome  the last attempt's outcome
 * @param elapsed  how long the last attempt's execute took
 * @param total    how long all attempts took, prepare and close included
 */
public record RunReport(Scenario scenario, int attempts, boolean kept, CallLog log, Outcome outcome,
                        Duration elapsed, Duration total) {}
