package io.wirebook.tutorial.notebook;

import java.util.HashMap;
import java.util.Map;

/**
 * What the cells of one page share: numbered ids ({@code c1}, {@code c2}, ...) and, per scenario, the id
 * of the first figure or table showing it, which a claim links to as its evidence.
 */
public final class Page {
    private final String slug;
    private int cells;
    private final Map<String, String> evidence = new HashMap<>();

    public Page(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    /** {@code SLUG-c1}, {@code SLUG-c2}, ...: unique on the whole-book page too. */
    String nextCellId() {
        return slug + "-c" + ++cells;
    }

    /** Remembers that cell {@code id} shows {@code scenario}'s packets (the first one is kept). */
    void shows(String scenario, String id) {
        evidence.putIfAbsent(scenario, id);
    }

    /** The id of the first figure of {@code scenario} on this page, or null. */
    String figureOf(String scenario) {
        return evidence.get(scenario);
    }
}
