/**
 * The bundled demo scenarios and the sockets that record their calls.
 *
 * <p>A scenario is a small client and server on loopback that make one TCP or UDP behaviour happen. Each
 * extends {@link io.wirebook.tutorial.demo.scenarios.LabScenario}, the tutorial's base class for the
 * analyzer's {@link io.wirebook.calls.Scenario}: {@code prepare} binds what must exist first so a
 * capture knows the ports ({@link io.wirebook.tutorial.demo.scenarios.PreparedLab#bpfFilter()}), and
 * {@code execute} sends the traffic. Every socket call lands in a {@link io.wirebook.calls.CallLog}. The
 * list of scenarios is {@link io.wirebook.tutorial.demo.scenarios.Scenarios}; the analyzer's
 * {@link io.wirebook.calls.ScenarioRunner} runs one (retrying a race such as simultaneous close), and
 * {@code wirebook capture --scenario NAME} is how a person runs one. See {@code tutorial/demo-scenarios.md}.
 */
package io.wirebook.tutorial.demo;
