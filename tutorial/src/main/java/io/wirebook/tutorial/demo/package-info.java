/**
 * The bundled demo scenarios and the socket-call log they write.
 *
 * <p>A {@link io.wirebook.tutorial.demo.Scenario} is a small client and server on loopback that make one
 * TCP or UDP behaviour happen; {@link io.wirebook.tutorial.demo.Scenario#prepare} binds what must exist
 * first so a capture knows the ports ({@link io.wirebook.tutorial.demo.ScenarioRun#bpfFilter()}), and
 * {@link io.wirebook.tutorial.demo.ScenarioRun#execute()} sends the traffic. Every socket call lands in a
 * {@link io.wirebook.calls.CallLog}. {@link io.wirebook.tutorial.demo.ScenarioRunner}
 * retries a scenario that may miss its aim (simultaneous close), around an
 * {@link io.wirebook.tutorial.demo.AttemptHook} a capture implements. The list of scenarios is
 * {@link io.wirebook.tutorial.demo.scenarios.Scenarios}; {@link io.wirebook.tutorial.demo.RunScenario}
 * runs one and prints its log. See {@code tutorial/demo-scenarios.md}.
 */
package io.wirebook.tutorial.demo;
