package io.wirebook.calls;

import io.wirebook.capture.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The interface a demo scenario implements so the analyzer can run, capture and explain it without
 * knowing it: a small client and server on loopback that make one TCP or UDP behaviour happen and log
 * every socket call they make. The tutorial's scenarios implement it through their base class,
 * {@code io.wirebook.tutorial.demo.scenarios.LabScenario}; the application hands them to the command
 * line (the cli package's {@code Main} takes them), and a {@link ScenarioRunner} runs them.
 */
public interface Scenario {
    /** Stable name: {@code handshake}, {@code time-wait}... */
    String name();

    /** One line for a person. */
    String description();

    /** The longest the traffic may take. */
    Duration timeBound();

    /**
     * The private network this scenario needs (its own namespace, sysctls, MTU, packet drops), or null for
     * the host's loopback as it is. A runner runs a lab scenario through a {@link LabLauncher}.
     */
    default NetworkLab network() {
        return null;
    }

    /** How many attempts a runner may make to get one that shows what the scenario is for. */
    default int maxAttempts() {
        return 1;
    }

    /**
     * Binds what must exist before traffic (listeners, free ports), logging those calls in {@code log};
     * sends no packet. The caller must close what it returns.
     */
    PreparedScenario prepare(CallLog log) throws IOException;

    /**
     * Whether the captured packets of an attempt show what this scenario is for (a race such as a
     * simultaneous close may be lost even though nothing failed). Frames are in capture order.
     */
    default boolean shownBy(List<Frame> frames) {
        return true;
    }
}
