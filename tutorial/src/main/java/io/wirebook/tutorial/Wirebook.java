package io.wirebook.tutorial;

import io.wirebook.calls.LabLauncher;
import io.wirebook.cli.Main;
import io.wirebook.tutorial.demo.scenarios.Scenarios;

/**
 * The Wirebook application, the jar's {@code Main-Class}: the analyzer's command line given the
 * tutorial's demo scenarios, so that {@code wirebook capture --scenario NAME} can run them.
 */
public final class Wirebook {
    private Wirebook() {}

    public static void main(String[] args) {
        System.exit(Main.run(Scenarios::all, LabLauncher.of(Wirebook.class),
                java.util.List.of(new SiteCommand(), new io.wirebook.tutorial.report.ReportCommand()), args));
    }
}
