package io.wirebook.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a filter can name, each under its canonical name (tshark's, where tshark has the field) and
 * its aliases (the {@code read --format jsonl} spelling, where that differs).
 */
final class FieldTable {
    private final Map<String, Field> byName;
    private final List<String> canonical;
    private final Map<String, List<String>> aliases;

    private FieldTable(Map<String, Field> byName, List<String> canonical, Map<String, List<String>> aliases) {
        this.byName = byName;
        this.canonical = canonical;
        this.aliases = aliases;
    }

    /** The field of this name or alias, or null. */
    Field get(String name) {
        return byName.get(name);
    }

    /** Canonical names in table order. */
    List<String> names() {
        return canonical;
    }

    /** The aliases of a canonical name (empty when it has none). */
    List<String> aliases(String canonicalName) {
        return aliases.getOrDefault(canonicalName, List.of());
    }

    /**
     * What follows "unknown field NAME at column N" in the error: the nearest name when it is a slip away
     * (one edit per four characters, at most two), then the known names of the same protocol
     * ({@code tcp.*} for {@code tcp.foo}), or, for a protocol the language does not have, every protocol
     * and top-level name.
     */
    String unknownHint(String name) {
        int limit = Math.min(2, name.length() / 4);
        String best = null;
        int bestDistance = limit + 1;
        for (String n : byName.keySet()) {
            int d = distance(name, n, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        int dot = name.indexOf('.');
        String group = dot < 0 ? name : name.substring(0, dot);
        List<String> known = new ArrayList<>();
        for (String n : canonical) {
            if (n.equals(group) || n.startsWith(group + ".")) {
                known.add(n);
            }
        }
        if (known.isEmpty()) {
            for (String n : canonical) {
                int d = n.indexOf('.');
                String shown = d < 0 ? n : n.substring(0, d) + ".*";
                if (!known.contains(shown)) {
                    known.add(shown);
                }
            }
        }
        return (best != null ? " (did you mean " + best + "?)" : "") + "; known: " + String.join(", ", known);
    }

    /** Levenshtein distance, or {@code limit} as soon as it cannot be less. */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }

    /** Collects fields in the order the README's table lists them. */
    static final class Builder {
        private final Map<String, Field> byName = new LinkedHashMap<>();
        private final List<String> canonical = new ArrayList<>();
        private final Map<String, List<String>> aliases = new LinkedHashMap<>();

        Builder add(Field f, String... alsoCalled) {
            put(f.name(), f);
            canonical.add(f.name());
            for (String a : alsoCalled) {
                put(a, f);
            }
            if (alsoCalled.length > 0) {
                aliases.put(f.name(), List.of(alsoCalled));
            }
            return this;
        }

        private void put(String name, Field f) {
            if (byName.putIfAbsent(name, f) != null) {
                throw new IllegalStateException("field named twice: " + name);
            }
        }

        FieldTable build() {
            return new FieldTable(Collections.unmodifiableMap(byName), List.copyOf(canonical), Map.copyOf(aliases));
        }
    }
}
