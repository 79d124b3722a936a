package io.wirebook.cli;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Hands {@code conversations}' rows to a thread of their own to be written out (rendered and kept in order),
 * so that the analysing thread only makes each summary: the rows of a 1M-packet capture were an eighth of
 * that thread, the busier of the run's two, while the reading thread waited on it half the time. The first
 * {@link #ALONE} rows are written on the caller's thread, as they come, so that a small capture starts no
 * thread. Rows keep the order in which they came. Not thread-safe: one caller.
 */
final class RowThread {
    /** Writes one row: on the caller's thread for the first rows, then on the row thread only. */
    interface Writer {
        void write(long key, Object item);
    }

    /** Rows written on the caller's thread before the row thread starts. */
    static final int ALONE = 4_096;
    private static final int BATCH = 512;
    /** A batch that ends the thread. */
    private static final Object[] END = new Object[0];

    private final Writer writer;
    /** At most two batches wait: the memory the rows take on their way is bounded. */
    private final ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(2);
    private Thread thread;
    private volatile Throwable died;
    private long count;
    /** The batch being filled: keys (as Longs) and items, in pairs. */
    private Object[] batch;
    private int filled;

    RowThread(Writer writer) {
        this.writer = writer;
    }

    void add(long key, Object item) {
        if (count++ < ALONE) {
            writer.write(key, item);
            return;
        }
        if (batch == null) {
            batch = new Object[2 * BATCH];
        }
        batch[filled++] = key;
        batch[filled++] = item;
        if (filled == batch.length) {
            hand(batch);
            batch = null;
            filled = 0;
        }
    }

    /** Every row is written once this returns (the thread, if any, ended); what it threw is thrown here. */
    void finish() {
        if (thread == null) {
            return;
        }
        if (filled > 0) {
            hand(java.util.Arrays.copyOf(batch, filled));
            batch = null;
            filled = 0;
        }
        hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rows were written", e);
        }
        thread = null;
        rethrow();
    }

    private void hand(Object[] b) {
        if (thread == null) {
            thread = new Thread(this::run, "wirebook-rows");
            thread.setDaemon(true);
            thread.start();
        }
        try {
            while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow(); // the thread died: nothing takes the batches any more
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rows were written", e);
        }
    }

    private void rethrow() {
        Throwable t = died;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void run() {
        try {
            while (true) {
                Object[] b = queue.take();
                if (b == END) {
                    return;
                }
                for (int i = 0; i < b.length; i += 2) {
                    writer.write((Long) b[i], b[i + 1]);
                }
            }
        } catch (Throwable t) {
            died = t;
        }
    }
}
