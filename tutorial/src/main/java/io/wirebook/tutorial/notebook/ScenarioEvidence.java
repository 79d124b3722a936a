package io.wirebook.tutorial.notebook;

import io.wirebook.analysis.ConversationSummary;
import io.wirebook.calls.Recording;
import io.wirebook.timeline.Timeline;
import java.util.List;

/**
 * One scenario's recording and what the analyzer makes of it, computed once per site build: the
 * timeline (calls, packets with their pipeline results, states, notes) and the connection summaries.
 */
public record ScenarioEvidence(String name, Recording recording, Timeline timeline,
        List<ConversationSummary> conversations) {
    public ScenarioEvidence {
        conversations = List.copyOf(conversations);
    }
}
