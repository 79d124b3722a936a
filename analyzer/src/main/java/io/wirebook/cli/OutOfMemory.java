package io.wirebook.cli;

import java.util.Locale;

/**
 * The one line for a command that ran out of memory (exit {@link ExitCodes#OUT_OF_MEMORY}), instead of the
 * JVM's stack trace: where it was, the heap it had, and the option that gives it more.
 */
public final class OutOfMemory {
    private OutOfMemory() {}

    /**
     * "wirebook: out of memory after frame N of FILE (P% of the file read) in a heap of 64 MiB; run with
     * WIREBOOK_JAVA_OPTS=-Xmx2g".
     *
     * @param frames    frames read and written in full before it happened
     * @param bytesRead bytes of the file read so far
     * @param fileSize  the file's size, or 0 when not known (standard input)
     */
    public static String line(String file, long frames, long bytesRead, long fileSize) {
        String where = frames == 0 ? "before the first frame of " + file : "after frame " + frames + " of " + file;
        String part = fileSize > 0 && frames > 0
                ? String.format(Locale.ROOT, " (%d%% of the file read)", Math.min(100, bytesRead * 100 / fileSize)) : "";
        return "wirebook: out of memory " + where + part + advice();
    }

    /** The same for a command with no file to name. */
    public static String line() {
        return "wirebook: out of memory" + advice();
    }

    private static String advice() {
        long max = Runtime.getRuntime().maxMemory();
        return " in a heap of " + (max >> 20) + " MiB; run with WIREBOOK_JAVA_OPTS=-Xmx" + suggestedGiB(max) + "g";
    }

    /** 2 GiB, or twice the heap it had when that was already more, in whole GiB. */
    static long suggestedGiB(long maxHeap) {
        long twice = 2 * maxHeap;
        return Math.max(2, (twice + (1L << 30) - 1) >> 30);
    }
}
