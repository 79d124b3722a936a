package io.wirebook.tutorial.demo;

import io.wirebook.tutorial.demo.scenarios.Scenarios;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code RunScenario NAME}: runs one scenario (with its retries) and prints its socket-call log as JSON Lines
 * on stdout; the outcome goes to stderr. {@code RunScenario --list} prints the names and descriptions.
 *
 * <p>Run it with {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} to get {@code fd} in every call
 * (needed to line the log up with {@code strace -f -e trace=network}).
 *
 * <p>Exit codes: 0 the scenario achieved its aim; 1 it ran but did not (or failed); 2 usage error.
 */
public final class RunScenario {
    private RunScenario() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RunScenario NAME | --list");
            System.err.println("names: " + String.join(", ", Scenarios.names()));
            return 2;
        }
        if (args[0].equals("--list")) {
            for (Scenario s : Scenarios.all()) {
                System.out.println(s.name() + "\t" + s.description());
            }
            return 0;
        }
        Optional<Scenario> s = Scenarios.byName(args[0]);
        if (s.isEmpty()) {
            System.err.println("no scenario named \"" + args[0] + "\"; names: " + String.join(", ", Scenarios.names()));
            return 2;
        }
        RunReport report;
        try {
            report = ScenarioRunner.run(s.get());
        } catch (Exception e) {
            System.err.println(s.get().name() + ": failed: " + e);
            return 1;
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        report.log().writeJsonLines(out);
        out.flush();
        System.err.printf("%s: %s (attempt %d of %d, %d ms)%n", s.get().name(), report.outcome().summary(),
                report.attempts(), s.get().maxAttempts(), report.elapsed().toMillis());
        return report.outcome().achieved() ? 0 : 1;
    }
}
