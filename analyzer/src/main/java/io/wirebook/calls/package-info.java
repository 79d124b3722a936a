/**
 * Socket calls: the log a program keeps of the calls it makes (call, arguments, result or errno,
 * thread, CLOCK_REALTIME at entry and return), its JSON Lines form, and demo scenarios: the interface a
 * scenario implements ({@link io.wirebook.calls.Scenario}, prepared into a
 * {@link io.wirebook.calls.PreparedScenario}), the {@link io.wirebook.calls.ScenarioRunner} that runs and
 * captures one, retrying a race, and its result, a {@link io.wirebook.calls.Recording}.
 */
package io.wirebook.calls;
