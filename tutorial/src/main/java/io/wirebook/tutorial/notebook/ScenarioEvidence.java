package io.wirebook.tutorial.notebook;

import io.wirebook.analysis.ConversationSummary;
import io.wirebook.calls.Recording;
import io.wirebook.flow.UdpFlow;
import io.wirebook.timeline.Timeline;
import java.util.List;

/**
 * One scenario's recording and what the analyzer makes of it, computed once per site build: the
 * timeline (calls, packets with their pipeline results, states, notes), the TCP connection summaries and
 * the UDP flows (with the ICMP errors that quote them).
 */
public record ScenarioEvidence(String name, Recording recording, Timeline timeline,
        List<ConversationSummary> conversations, List<UdpFlow> udpFlows) {
    public ScenarioEvidence {
        conversations = List.copyOf(conversations);
        udpFlows = List.copyOf(udpFlows);
    }
}
