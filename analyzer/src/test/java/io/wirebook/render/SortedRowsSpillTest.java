package io.wirebook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.SmallTmpfs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sorted runs that cannot be written: the failure is reported once, with the file or directory and the
 * system's reason, and no row is lost: the runs already written and the rows in memory still merge.
 */
class SortedRowsSpillTest {
    @TempDir
    Path tmp;

    private static byte[] row(long k) {
        // About 100 bytes, so that a budget of 200 kB makes runs of some 150 kB: 1 MiB takes a few.
        return String.format("row %6d %s%n", k, "x".repeat(88)).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<Long> shuffled(int n) {
        List<Long> keys = new ArrayList<>();
        for (long k = 0; k < n; k++) {
            keys.add(k);
        }
        Collections.shuffle(keys, new Random(11));
        return keys;
    }

    /** Adds every key; returns the failures add() threw. */
    private static List<SortedRows.SpillException> addAll(SortedRows rows, List<Long> keys) throws Exception {
        List<SortedRows.SpillException> failures = new ArrayList<>();
        for (long k : keys) {
            try {
                rows.add(k, row(k));
            } catch (SortedRows.SpillException e) {
                failures.add(e);
            }
        }
        return failures;
    }

    private static void assertEveryRowInOrder(SortedRows rows, int n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.writeTo(out, (o, key) -> { });
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (long k = 0; k < n; k++) {
            expected.write(row(k));
        }
        assertEquals(expected.toString(StandardCharsets.US_ASCII), out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFileSystemThatFillsUpPartWayLosesNoRow() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp.resolve("small"), "1m")) {
            int n = 30_000; // about 3 MB of rows: the fourth to eighth run finds the 1 MiB full
            try (SortedRows rows = new SortedRows(200_000, fs.dir)) {
                List<SortedRows.SpillException> failures = addAll(rows, shuffled(n));
                assertEquals(1, failures.size(), "reported once, then the rows stay in memory");
                SortedRows.SpillException e = failures.get(0);
                assertEquals(fs.dir, e.path().getParent());
                assertTrue(e.path().getFileName().toString().matches("wirebook-rows-\\d+\\.run"), e.path().toString());
                assertEquals("temporary file " + e.path() + ": write error", e.getMessage());
                assertEquals("No space left on device", e.getCause().getMessage());
                assertTrue(rows.runs() >= 2, rows.runs() + " runs were written before the disk was full");
                try (Stream<Path> files = Files.list(fs.dir)) {
                    assertEquals(rows.runs(), files.count(), "the run that did not fit is deleted");
                }
                assertEveryRowInOrder(rows, n);
            }
            try (Stream<Path> files = Files.list(fs.dir)) {
                assertEquals(0, files.count(), "close() deletes the runs");
            }
        }
    }

    @Test
    void aMissingDirectoryIsNamedAndNoRowIsLost() throws Exception {
        Path missing = tmp.resolve("no-such-dir");
        try (SortedRows rows = new SortedRows(20_000, missing)) {
            List<SortedRows.SpillException> failures = addAll(rows, shuffled(5000));
            assertEquals(1, failures.size());
            SortedRows.SpillException e = failures.get(0);
            assertEquals(missing, e.path());
            assertEquals("temporary directory " + missing + ": cannot create a file", e.getMessage());
            assertInstanceOf(NoSuchFileException.class, e.getCause());
            assertEquals(0, rows.runs());
            assertEveryRowInOrder(rows, 5000);
        }
    }
}
