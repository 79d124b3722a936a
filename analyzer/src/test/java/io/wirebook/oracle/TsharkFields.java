package io.wirebook.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tshark {@code -T fields -E header=y -E occurrence=a -E aggregator='|'} table, one row per frame. */
final class TsharkFields {
    final List<Map<String, String>> rows = new ArrayList<>();
    /** The columns the table has (a row holds only its non-empty cells). */
    final java.util.Set<String> columns = new java.util.HashSet<>();

    static TsharkFields read(Path tsv) throws IOException {
        TsharkFields t = new TsharkFields();
        List<String> lines = java.util.Arrays.asList(io.wirebook.TestCaptures.readReference(tsv).split("\n"));
        String[] header = lines.get(0).split("\t", -1);
        t.columns.addAll(java.util.Arrays.asList(header));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] cells = lines.get(i).split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length && c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.put(header[c], cells[c]);
                }
            }
            t.rows.add(row);
        }
        return t;
    }

    /** First occurrence of a field (the outermost header), or null. */
    static String first(Map<String, String> row, String field) {
        String v = row.get(field);
        if (v == null) {
            return null;
        }
        int bar = v.indexOf('|');
        return bar < 0 ? v : v.substring(0, bar);
    }

    /** Last occurrence (for ICMP errors: the quoted header's value). */
    static String last(Map<String, String> row, String field) {
        String v = row.get(field);
        if (v == null) {
            return null;
        }
        int bar = v.lastIndexOf('|');
        return bar < 0 ? v : v.substring(bar + 1);
    }
}
