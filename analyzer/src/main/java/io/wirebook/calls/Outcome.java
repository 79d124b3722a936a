package io.wirebook.calls;

import java.util.Objects;

/**
 * What a scenario run reports about itself.
 *
 * @param achieved false when the run did not show what it is for, though nothing failed: the two
 *                 closes of a simultaneous close did not cross. A runner may try again.
 * @param summary  one line for a person
 */
public record Outcome(boolean achieved, String summary) {
    public Outcome {
        Objects.requireNonNull(summary, "summary");
    }

    public static Outcome achieved(String summary) {
        return new Outcome(true, summary);
    }

    public static Outcome missed(String summary) {
        return new Outcome(false, summary);
    }
}
