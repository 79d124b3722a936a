package io.wirebook.cli;

/** Exit codes of every wirebook command (documented in the README and in --help). */
public final class ExitCodes {
    private ExitCodes() {}

    /** Everything was read and reported. */
    public static final int OK = 0;
    /** The command line was wrong (unknown option, missing argument). */
    public static final int USAGE = 1;
    /** The input is damaged: everything before the fault was reported, then one line names the fault. */
    public static final int INPUT_ERROR = 2;
    /** The input could not be opened at all: missing, unreadable, or not a pcap/pcapng file. */
    public static final int CANNOT_OPEN = 3;
    /** Live capture is impossible here (no privileges, no such interface, no libpcap). */
    public static final int CAPTURE_UNAVAILABLE = 4;
    /**
     * The output could not be written (disk full, an I/O error) on standard output, an output file, or the
     * temporary files of {@code conversations}; one line names it and the reason. A closed pipe is not
     * this: a reader that stopped early ({@code | head}) ends the command quietly with {@link #OK}.
     */
    public static final int CANNOT_WRITE = 5;

    /** {@code site}: a claim of the book does not hold on its recording, or a cell cannot be drawn. */
    public static final int BOOK_FAILED = 6;

    /**
     * {@code capture --scenario}: a lab scenario needs a network namespace of its own ({@code unshare --net},
     * so root) and cannot get one here; {@code --fallback DIR} uses its recording instead.
     */
    public static final int LAB_UNAVAILABLE = 7;

    /** {@code capture --scenario}: a lab scenario's own process failed (its reason is the one line printed). */
    public static final int SCENARIO_FAILED = 8;

    /**
     * The heap ran out (a capture with more connections at once than the heap holds, or a tiny
     * {@code -Xmx}): what was written stays written, then one line says where, with the heap it had and the
     * option that gives more ({@link OutOfMemory}); never the JVM's stack trace.
     */
    public static final int OUT_OF_MEMORY = 9;

    /**
     * {@code capture}: the live capture could not go on (the interface disappeared or went down, or libpcap
     * failed while reading). Everything captured before is in the file, which ends on a whole record; the
     * last lines are printed, then one line says what happened.
     */
    public static final int CAPTURE_LOST = 10;

    /**
     * {@code bench}: a measured command failed in at least one run; the table is printed all the same (the
     * figures are of the runs that exited 0) and one line per command says how it failed.
     */
    public static final int BENCH_FAILED = 11;

    /** The line of {@link #OUT_OF_MEMORY} in every command's list of exit codes. */
    public static final String OUT_OF_MEMORY_HELP =
            "  9  out of memory (one line says where; WIREBOOK_JAVA_OPTS=-Xmx2g gives more)%n";

    private static final String CODES_0_TO_5 = "%nExit codes:%n"
            + "  0  ok%n"
            + "  1  usage error%n"
            + "  2  input error after partial output (all packets before the fault printed)%n"
            + "  3  cannot open the input (missing, unreadable, or not a pcap/pcapng file)%n"
            + "  4  live capture unavailable (privileges, interface or libpcap missing)%n"
            + "  5  cannot write the output (disk full, I/O error; a closed pipe exits 0)%n";

    public static final String HELP = CODES_0_TO_5 + OUT_OF_MEMORY_HELP;

    /** {@code capture}'s: {@link #HELP} and the lab's codes. */
    public static final String CAPTURE_HELP = CODES_0_TO_5
            + "  7  a lab scenario cannot get a network namespace here (root; --fallback DIR)%n"
            + "  8  a lab scenario's own process failed (the line says why)%n"
            + OUT_OF_MEMORY_HELP
            + " 10  the interface went away (or libpcap failed) while capturing%n";
}
