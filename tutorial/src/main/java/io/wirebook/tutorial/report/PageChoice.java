package io.wirebook.tutorial.report;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.ConversationSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Which TCP connections get a page of their own, chosen as the summaries go by and holding at most the limit:
 * the connections with the most expert findings first (a window update is not a finding here: tshark files
 * it under "chat"), then, for the pages left, the earliest streams.
 */
final class PageChoice {
    /** Best first: more findings, then the lower stream number. */
    static final Comparator<ConversationSummary> BEST_FIRST =
            Comparator.comparingLong(PageChoice::findings).reversed().thenComparingInt(s -> s.stream);

    private final int limit;
    /** The chosen so far, the worst on top so that a better one can replace it. */
    private final PriorityQueue<ConversationSummary> chosen;

    PageChoice(int limit) {
        this.limit = limit;
        this.chosen = new PriorityQueue<>(Math.max(1, Math.min(limit, 1024)), BEST_FIRST.reversed());
    }

    /** The frames with a finding (counted once per finding), window updates left out. */
    static long findings(ConversationSummary s) {
        long n = 0;
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            if (1 << i != AnalysisFlags.WINDOW_UPDATE) {
                n += s.findings[i];
            }
        }
        return n;
    }

    void offer(ConversationSummary s) {
        if (limit <= 0) {
            return;
        }
        if (chosen.size() < limit) {
            chosen.add(s);
        } else if (BEST_FIRST.compare(s, chosen.peek()) < 0) {
            chosen.poll();
            chosen.add(s);
        }
    }

    /** The chosen connections, best first. */
    List<ConversationSummary> chosen() {
        List<ConversationSummary> out = new ArrayList<>(chosen);
        out.sort(BEST_FIRST);
        return out;
    }
}
