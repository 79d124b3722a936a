package io.wirebook.fuzz;

import java.lang.management.ManagementFactory;

/**
 * What every fuzz target measures besides exceptions: the bytes the current thread allocates (a length a
 * capture claims must never decide an allocation) and, in fuzzing mode only, the time one step takes.
 *
 * <p>Time is checked only when fuzzing ({@code JAZZER_FUZZ} set), never in the regression run of
 * {@code mvn verify}: a loaded build machine must not fail a build. A step over its budget is run again
 * {@link #RETRIES} times and only the fastest run counts, so a garbage collection or a descheduled thread
 * is not reported as a finding; what is slow every time is.
 */
final class Bounds {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
    private static final int RETRIES = 5;

    private Bounds() {}

    /** Bytes allocated by this thread so far. */
    static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} twice and returns the bytes the second run allocated: the first loads classes and
     * fills the caches of values seen once (link-type names, option kinds), which is no cost of the input.
     * When fuzzing and the second run took longer than {@code budgetNanos}, runs it again and fails with
     * {@code what} when even the fastest of the reruns is over budget.
     */
    static long measured(String what, long budgetNanos, Step step) throws Exception {
        step.run();
        long before = allocated();
        long start = System.nanoTime();
        step.run();
        long took = System.nanoTime() - start;
        long bytes = allocated() - before;
        if (!FUZZING || took <= budgetNanos) {
            return bytes;
        }
        long best = took;
        for (int i = 0; i < RETRIES && best > budgetNanos; i++) {
            start = System.nanoTime();
            step.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        if (best > budgetNanos) {
            throw new AssertionError(what + " took " + best / 1000 + " µs (budget " + budgetNanos / 1000 + " µs)");
        }
        return bytes;
    }
}
