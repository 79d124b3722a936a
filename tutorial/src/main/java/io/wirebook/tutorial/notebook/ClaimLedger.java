package io.wirebook.tutorial.notebook;

import java.util.ArrayList;
import java.util.List;

/** Every claim a build checked, with its outcome: the site build fails when any did not hold. */
public final class ClaimLedger {
    /**
     * One checked claim: where it is (source line; page and cell id for links), its sentence, what the seed
     * text says where the claim contradicts it (or null), whether it held, and its evidence report.
     */
    public record Entry(String where, String page, String cellId, String sentence, String seedSays, boolean holds,
            String report) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(Entry e) {
        entries.add(e);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The claims that show where the kernel contradicts the seed text. */
    public List<Entry> contradictions() {
        return entries.stream().filter(e -> e.seedSays() != null).toList();
    }

    public List<Entry> failed() {
        return entries.stream().filter(e -> !e.holds()).toList();
    }
}
