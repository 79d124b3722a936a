package io.wirebook.tutorial.demo;

import io.wirebook.calls.DemoScenarioProvider;
import io.wirebook.tutorial.demo.scenarios.Scenarios;
import java.util.List;

/** Offers the bundled scenarios to the analyzer's {@code wirebook capture --scenario}. */
public final class TutorialScenarios implements DemoScenarioProvider {
    @Override
    public List<Scenario> scenarios() {
        return Scenarios.all();
    }
}
