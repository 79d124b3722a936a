package io.wirebook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortedRowsTest {
    @Test
    void rowsComeOutInKeyOrderAcrossSpilledRuns() throws Exception {
        List<Long> keys = new ArrayList<>();
        for (long k = 0; k < 5000; k++) {
            keys.add(k);
        }
        Collections.shuffle(keys, new java.util.Random(7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> headedAt = new ArrayList<>();
        try (SortedRows rows = new SortedRows(20_000)) { // a budget of ~200 rows: many runs
            for (long k : keys) {
                rows.add(k, ("row " + k + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            assertTrue(rows.runs() > 10, "spilled " + rows.runs() + " runs");
            rows.writeTo(out, (o, key) -> {
                if (key == 0 || key == 2500) {
                    headedAt.add(key);
                }
            });
        }
        String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n");
        assertEquals(5000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals("row " + i, lines[i]);
        }
        assertEquals(List.of(0L, 2500L), headedAt);
    }
}
