package io.wirebook.calls;

import io.wirebook.capture.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A demo: a small client and server on loopback that make one TCP or UDP behaviour happen and log every
 * socket call they make. The tutorial module implements these (its bundled scenarios) and its
 * application hands them to the command line ({@code new io.wirebook.cli.Main(scenarios)}); the
 * analyzer captures and explains them without knowing them.
 */
public interface DemoScenario {
    /** Stable name: {@code handshake}, {@code time-wait}... */
    String name();

    /** One line for a person. */
    String description();

    /** The longest the traffic may take. */
    Duration timeBound();

    /** How many attempts a recorder may make to get one that shows what the scenario is for. */
    default int maxAttempts() {
        return 1;
    }

    /** Binds what must exist before traffic (ports become known), logging those calls; sends no packet. */
    DemoRun prepare(CallLog log) throws IOException;

    /**
     * Whether the captured packets of an attempt show what this scenario is for (a race such as a
     * simultaneous close may be lost even though nothing failed). Frames are in capture order.
     */
    default boolean shownBy(List<Frame> frames) {
        return true;
    }
}
