package io.wirebook.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a long job on standard error, for a person watching a terminal:
 * {@code wirebook: 812 MB of 2.04 GB (39%), 1,234,567 packets, 305 MB/s, 4 s left}. Nothing for the first
 * {@link #FIRST_NANOS} (a small file shows none), then the line refreshed in place ({@code \r}) at most every
 * {@link #EVERY_NANOS}, and erased by {@link #clear()} before anything else is written to the terminal. The
 * percentage and the time left are there when the total is known (the file's size, or the packets to
 * write); the rate and the time left are measured from the start.
 *
 * <p>Only for a terminal: {@link #wanted} says no when standard error is a pipe or a file (a log would
 * fill with carriage returns), when the {@code CI} environment variable is set, or with {@code -q}.
 * Used by {@code read}, {@code conversations}, {@code generate} and the tutorial's {@code report}.
 */
public final class Progress {
    /** Quiet time before the first line. */
    public static final long FIRST_NANOS = 2_000_000_000L;
    /** Shortest time between two refreshes. */
    public static final long EVERY_NANOS = 500_000_000L;
    /** Updates between two readings of the clock, so that a per-packet update costs next to nothing. */
    static final int CHECK_EVERY = 64;
    /** Longer lines leave out the total, then are cut: a line that wraps cannot be rewritten in place. */
    static final int MAX_WIDTH = 79;

    /** A progress that never shows anything. */
    public static final Progress OFF = new Progress(null, "", 0, 0, System::nanoTime, CHECK_EVERY);

    /** What decides whether the line is wanted: which streams are terminals, the environment, the clock. */
    public interface Environment {
        /**
         * True when {@code stream} is this process's standard output (fd 1: {@code System.out} or a
         * FileOutputStream on it) or error (fd 2: {@code System.err}) and that is a terminal.
         */
        boolean isTerminal(Object stream, int fd);

        /** An environment variable, or null. */
        String variable(String name);

        long nanoTime();

        /** The process's own. */
        Environment PROCESS = new Environment() {
            @Override
            public boolean isTerminal(Object stream, int fd) {
                boolean ours = fd == 2 ? stream == System.err
                        : fd == 1 && (stream == System.out || stream instanceof FileOutputStream f && isStdout(f));
                return ours && terminal(fd);
            }

            @Override
            public String variable(String name) {
                return System.getenv(name);
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }

    private final PrintStream err;
    private final String label;
    private final long totalBytes;
    private final long totalPackets;
    private final LongSupplier clock;
    private final int checkEvery;
    private final long start;
    private long next;
    private int countdown;
    /** Characters of the line now on the terminal; 0 when none is shown. */
    private int shown;

    /**
     * @param err          where the line goes, or null for none
     * @param label        put before the figures, e.g. {@code "report, pass 1 of 2: "}, or empty
     * @param totalBytes   the bytes the job will have read when done, or 0 when not known
     * @param totalPackets the packets it will have handled when done, or 0 when not known
     */
    public Progress(PrintStream err, String label, long totalBytes, long totalPackets, LongSupplier clock) {
        this(err, label, totalBytes, totalPackets, clock, CHECK_EVERY);
    }

    Progress(PrintStream err, String label, long totalBytes, long totalPackets, LongSupplier clock, int checkEvery) {
        this.err = err;
        this.label = label;
        this.totalBytes = Math.max(0, totalBytes);
        this.totalPackets = Math.max(0, totalPackets);
        this.clock = clock;
        this.checkEvery = Math.max(1, checkEvery);
        this.start = err == null ? 0 : clock.getAsLong();
        this.next = start + FIRST_NANOS;
        this.countdown = 1;
    }

    /**
     * Whether a job should show its progress: not with {@code -q}, not under CI, only when standard error
     * is a terminal, and not when its own output goes to that terminal as it runs (read's packet lines
     * would be torn by the line; conversations writes only at the end, so it says {@code outputAtEnd}).
     */
    public static boolean wanted(boolean quiet, boolean stderrIsTerminal, boolean stdoutIsTerminal, boolean outputAtEnd,
            String ci) {
        return !quiet && stderrIsTerminal && (ci == null || ci.isEmpty()) && (outputAtEnd || !stdoutIsTerminal);
    }

    /** A progress on {@code err} when {@link #wanted} in {@code env}, else {@link #OFF}. */
    public static Progress on(PrintStream err, Object stdout, boolean quiet, boolean outputAtEnd, Environment env,
            String label, long totalBytes, long totalPackets) {
        if (!wanted(quiet, env.isTerminal(err, 2), stdout != null && env.isTerminal(stdout, 1), outputAtEnd,
                env.variable("CI"))) {
            return OFF;
        }
        return new Progress(err, label, totalBytes, totalPackets, env::nanoTime);
    }

    /** The size of a regular file, or 0 (standard input, a pipe, an error): the total of a read, when known. */
    public static long sizeOf(String file) {
        try {
            Path p = Path.of(file);
            return !"-".equals(file) && Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** True when this progress may show a line. */
    public boolean active() {
        return err != null;
    }

    /** Where the job is: bytes read (or written) and packets so far. Cheap enough to call for every packet. */
    public void update(long bytes, long packets) {
        if (err == null || --countdown > 0) {
            return;
        }
        countdown = checkEvery;
        long now = clock.getAsLong();
        if (now - next < 0) {
            return;
        }
        next = now + EVERY_NANOS;
        String line = line(bytes, packets, now - start, true);
        if (line.length() > MAX_WIDTH) {
            line = line(bytes, packets, now - start, false); // the percent says it without the total
        }
        show(line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) : line);
    }

    /** Erases the line, if one is shown; call it before writing anything else to the terminal. */
    public void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    private void show(String line) {
        // Spaces over what a longer previous line left behind.
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** The line for {@code bytes} and {@code packets} after {@code elapsed} nanoseconds, with or without the total. */
    String line(long bytes, long packets, long elapsed, boolean total) {
        StringBuilder b = new StringBuilder("wirebook: ").append(label).append(size(bytes));
        double done = -1;
        if (totalBytes > 0) {
            done = Math.min(1.0, (double) bytes / totalBytes);
            b.append(total ? " of " + size(totalBytes) : "").append(" (").append(percent(done)).append("%)");
        }
        b.append(", ").append(String.format(Locale.ROOT, "%,d", packets));
        if (totalPackets > 0 && totalBytes == 0) {
            done = Math.min(1.0, (double) packets / totalPackets);
            b.append(total ? String.format(Locale.ROOT, " of %,d", totalPackets) : "")
                    .append(String.format(Locale.ROOT, " packets (%d%%)", percent(done)));
        } else {
            b.append(packets == 1 ? " packet" : " packets");
        }
        if (elapsed > 0) {
            b.append(", ").append(size((long) (bytes * 1e9 / elapsed))).append("/s");
        }
        if (done > 0 && elapsed > 0) {
            b.append(", ").append(duration((long) (elapsed * (1 - done) / done))).append(" left");
        }
        return b.toString();
    }

    private static int percent(double done) {
        return (int) Math.floor(done * 100);
    }

    /** Bytes with a decimal unit and three significant digits: {@code 812 B}, {@code 36.5 MB}, {@code 2.04 GB}. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = -1;
        while (v >= 999.5 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String f = v < 9.995 ? "%.2f %s" : v < 99.95 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, f, v, units[u]);
    }

    /** {@code 4 s}, {@code 3 min 05 s}, {@code 2 h 07 min}, rounded up to the second. */
    static String duration(long nanos) {
        long s = (nanos + 999_999_999L) / 1_000_000_000L;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    private static boolean isStdout(FileOutputStream f) {
        try {
            return f.getFD() == FileDescriptor.out;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (Linux: where /proc/self/fd/N points). */
    static boolean terminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
