package io.wirebook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command to measure: its label in the table, its argument vector with {@link #FILE} where the capture
 * goes, extra environment variables, and the short name the ratios use when it is a reference tool.
 *
 * @param slow a reference tool that takes ten times longer than the others (tshark): {@code --quick} runs
 *             it in the first round only
 */
public record Command(String label, Row.Kind kind, List<String> argv, Map<String, String> environment,
        String reference, boolean slow) {
    /** Stands for the capture's path in {@link #argv}. */
    public static final String FILE = "{FILE}";

    public Command {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** The argument vector for {@code capture}. */
    public List<String> argvFor(Capture capture) {
        List<String> out = new ArrayList<>(argv.size());
        for (String a : argv) {
            out.add(a.equals(FILE) ? capture.path().toString() : a);
        }
        return out;
    }
}
