package io.wirebook.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Offers demo scenarios to the analyzer through {@link ServiceLoader} (the tutorial module registers one
 * in {@code META-INF/services}), so the analyzer can run them without depending on the tutorial.
 */
public interface DemoScenarioProvider {
    /** The scenarios, in the order a reader meets them. */
    List<? extends DemoScenario> scenarios();

    /** Every scenario of every provider on the class path. */
    static List<DemoScenario> all() {
        List<DemoScenario> out = new ArrayList<>();
        for (DemoScenarioProvider p : ServiceLoader.load(DemoScenarioProvider.class)) {
            out.addAll(p.scenarios());
        }
        return out;
    }

    static Optional<DemoScenario> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
