package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code conversations}' rows handed to a thread of their own come out as they went in: every one, in order,
 * the first {@link RowThread#ALONE} on the caller's thread and the rest on the row thread, and a failure of
 * the row thread is thrown to the caller.
 */
class RowThreadTest {
    @Test
    void everyRowInOrderTheFirstOnTheCallersThread() {
        List<Long> keys = new ArrayList<>();
        List<Object> items = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        RowThread rows = new RowThread((key, item) -> {
            keys.add(key);
            items.add(item);
            threads.add(Thread.currentThread());
        });
        int n = RowThread.ALONE + 10_000 + 77; // not a whole number of batches
        for (int i = 0; i < n; i++) {
            rows.add(1_000_000L + i, "row " + i);
        }
        rows.finish();
        assertEquals(n, keys.size());
        for (int i = 0; i < n; i++) {
            assertEquals(1_000_000L + i, keys.get(i));
            assertEquals("row " + i, items.get(i));
        }
        assertSame(Thread.currentThread(), threads.get(RowThread.ALONE - 1));
        assertNotEquals(Thread.currentThread(), threads.get(RowThread.ALONE));
        assertEquals("wirebook-rows", threads.get(n - 1).getName());
        rows.finish(); // again: nothing more to do
    }

    @Test
    void aFewRowsStartNoThread() {
        List<Thread> threads = new ArrayList<>();
        RowThread rows = new RowThread((key, item) -> threads.add(Thread.currentThread()));
        for (int i = 0; i < 100; i++) {
            rows.add(i, i);
        }
        assertEquals(100, threads.size()); // written as they came
        rows.finish();
        threads.forEach(t -> assertSame(Thread.currentThread(), t));
    }

    @Test
    void whatTheRowThreadThrowsIsThrownToTheCaller() {
        RowThread rows = new RowThread((key, item) -> {
            if (key == RowThread.ALONE + 5) {
                throw new OutOfMemoryError("Java heap space");
            }
        });
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> {
            for (int i = 0; i < RowThread.ALONE + 100_000; i++) {
                rows.add(i, i);
            }
            rows.finish();
        });
        assertEquals("Java heap space", e.getMessage());
    }
}
