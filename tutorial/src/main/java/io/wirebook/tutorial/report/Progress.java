package io.wirebook.tutorial.report;

import java.io.PrintStream;

/**
 * Progress of a long read on standard error: nothing for the first two seconds (a small capture prints no
 * progress at all), then one line every two seconds with how far into the file the pass is.
 */
final class Progress {
    private static final long SECONDS_2 = 2_000_000_000L;

    private final PrintStream err;
    private final String file;
    private final long size;
    private final long every;
    private final long start = System.nanoTime();
    private long next;

    /** @param err where the lines go, or null for none */
    Progress(PrintStream err, String file, long size) {
        this(err, file, size, SECONDS_2, SECONDS_2);
    }

    Progress(PrintStream err, String file, long size, long firstNanos, long everyNanos) {
        this.err = err;
        this.file = file;
        this.size = size;
        this.every = everyNanos;
        this.next = start + firstNanos;
    }

    /** Called every few thousand packets. */
    void tick(String pass, long packets, long fileOffset) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + every;
        String where = size > 0 ? String.format(" (%d%% of %s)", Math.min(100, fileOffset * 100 / size), file) : "";
        err.printf("wirebook: report: %s: %,d packets%s, %.0f s%n", pass, packets, where, (now - start) / 1e9);
    }
}
