package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import java.util.List;

/**
 * What {@link LabScenario#setUp} hands back: the endpoints the traffic will use, and the traffic itself.
 *
 * @param endpoints addresses known before traffic starts
 * @param icmp      whether ICMP errors are part of the traffic
 * @param play      the traffic: spawns the sides, waits for them, returns the outcome
 */
public record Stage(List<Endpoint> endpoints, boolean icmp, Play play) {
    /** The traffic of a scenario. */
    @FunctionalInterface
    public interface Play {
        Outcome play() throws Exception;
    }

    public Stage {
        endpoints = List.copyOf(endpoints);
    }

    public static Stage of(Endpoint endpoint, Play play) {
        return new Stage(List.of(endpoint), false, play);
    }
}
