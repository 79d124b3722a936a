package io.wirebook.bench;

/**
 * One run of one command.
 *
 * @param wallNanos   from just before the child was started to just after it ended (measured here, with
 *                    {@link System#nanoTime()}, so it includes starting the process, as a user's stopwatch would)
 * @param cpuMillis   user plus system CPU time of the child and everything it waited for, or -1 when not measured
 * @param peakRssKiB  the child's peak resident set size in KiB (getrusage's ru_maxrss), or -1 when not measured
 * @param exitCode    the child's exit status
 * @param decodeNanos for the decode-only pass: the time of the pass inside the child, without starting the
 *                    JVM; otherwise -1
 */
public record Sample(long wallNanos, long cpuMillis, long peakRssKiB, int exitCode, long decodeNanos) {
    /** A run without an in-process figure. */
    public static Sample of(long wallNanos, long cpuMillis, long peakRssKiB, int exitCode) {
        return new Sample(wallNanos, cpuMillis, peakRssKiB, exitCode, -1);
    }
}
