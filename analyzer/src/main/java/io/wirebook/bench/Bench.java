package io.wirebook.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One bench run: makes (or reuses) the captures, then for each capture reads it into the page cache and
 * runs every command on it once per round, the commands in turn within a round and starting one further
 * along each round, so that whatever else the machine is doing falls on every tool alike. Every run is a
 * whole process ({@link ChildRun}).
 */
public final class Bench {
    /**
     * What to run.
     *
     * @param dir       the work directory (the captures are made or found there)
     * @param seed      the generator's seed
     * @param sizes     packets per capture, one capture (or two) each
     * @param pcapng    also a pcapng copy of each capture
     * @param rounds    runs of each command per capture
     * @param quick     the slow reference tools (tshark) run in the first round only, its plain print not at all
     * @param java      the java command line that starts Wirebook, without arguments
     * @param path      where to look for the reference tools (a PATH value)
     * @param gnuTime   GNU time, or null to measure wall time only
     */
    public record Plan(Path dir, long seed, List<Long> sizes, boolean pcapng, int rounds, boolean quick,
            List<String> java, String path, Path gnuTime) {}

    /** Packets in the capture that measures start-up. */
    public static final int STARTUP_PACKETS = 10;

    private final Plan plan;
    private final PrintStream log;
    private final List<String> skipped = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** @param log progress lines and the skipped tools, one line each (standard error) */
    public Bench(Plan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    /** The lines saying which tools were not found. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** One line per command that failed in some run: which, where, its exit code and first line. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Runs the plan; the table's lines, in order. */
    public List<Row> run() throws IOException, InterruptedException {
        List<Command> commands = new ArrayList<>(Tools.wirebook(plan.java()));
        commands.addAll(Tools.references(plan.path(), plan.quick(), skipped));
        if (plan.gnuTime() == null) {
            skipped.add(ChildRun.GNU_TIME + " (GNU time, Debian package time) is not installed: CPU time and peak "
                    + "RSS are not measured");
        }
        skipped.forEach(s -> log.println("wirebook bench: " + s));
        List<Row> rows = new ArrayList<>();
        Path scratch = Files.createTempDirectory(plan.dir(), "run-");
        try {
            ChildRun runner = new ChildRun(plan.gnuTime(), scratch);
            for (Capture c : captures()) {
                rows.addAll(measure(runner, c, commands));
            }
            Capture tiny = tiny();
            rows.addAll(measure(runner, tiny, List.of(Tools.startup(plan.java()))));
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(scratch);
        }
        return rows;
    }

    /** The captures of the plan, made unless they are in the work directory already. */
    private List<Capture> captures() throws IOException {
        List<Capture> out = new ArrayList<>();
        for (long n : plan.sizes()) {
            Path pcap = plan.dir().resolve(Captures.fileName(plan.seed(), n, false));
            long t0 = System.nanoTime();
            if (Captures.ensurePcap(pcap, plan.seed(), n)) {
                log.printf(Locale.ROOT, "wirebook bench: generated %s (%,d bytes) in %.1f s%n", pcap, Files.size(pcap),
                        (System.nanoTime() - t0) / 1e9);
            }
            out.add(new Capture(label(n) + " pcap", pcap, n, Files.size(pcap)));
            if (plan.pcapng()) {
                Path ng = plan.dir().resolve(Captures.fileName(plan.seed(), n, true));
                t0 = System.nanoTime();
                if (Captures.ensurePcapng(ng, pcap)) {
                    log.printf(Locale.ROOT, "wirebook bench: wrote %s from it (%,d bytes) in %.1f s%n", ng, Files.size(ng),
                            (System.nanoTime() - t0) / 1e9);
                }
                out.add(new Capture(label(n) + " pcapng", ng, n, Files.size(ng)));
            }
        }
        return out;
    }

    private Capture tiny() throws IOException {
        Path p = plan.dir().resolve(Captures.fileName(plan.seed(), STARTUP_PACKETS, false));
        Captures.ensurePcap(p, plan.seed(), STARTUP_PACKETS);
        return new Capture(STARTUP_PACKETS + " packets", p, STARTUP_PACKETS, Files.size(p));
    }

    /** "1M" for a million, "10M", "250k", or the number itself. */
    public static String label(long packets) {
        if (packets >= 1_000_000 && packets % 1_000_000 == 0) {
            return packets / 1_000_000 + "M";
        }
        if (packets >= 1_000 && packets % 1_000 == 0) {
            return packets / 1_000 + "k";
        }
        return Long.toString(packets);
    }

    private List<Row> measure(ChildRun runner, Capture c, List<Command> commands) throws IOException, InterruptedException {
        Captures.warm(c.path());
        List<Row> rows = new ArrayList<>();
        for (Command cmd : commands) {
            rows.add(new Row(c, cmd));
        }
        for (int round = 0; round < plan.rounds(); round++) {
            log.printf(Locale.ROOT, "wirebook bench: %s, round %d of %d%n", c.label(), round + 1, plan.rounds());
            for (int k = 0; k < rows.size(); k++) {
                Row row = rows.get((k + round) % rows.size());
                if (plan.quick() && row.command.slow() && round > 0) {
                    continue;
                }
                ChildRun.Result r = runner.run(row.command.argvFor(c), row.command.environment());
                row.add(r.sample());
                if (r.sample().exitCode() != 0 && row.firstFailure() == r.sample()) {
                    String line = String.format(Locale.ROOT, "%s on %s failed with exit %d%s", row.command.label(),
                            c.path(), r.sample().exitCode(), r.firstErrorLine().isEmpty() ? "" : ": " + r.firstErrorLine());
                    failures.add(line);
                    log.println("wirebook bench: " + line);
                }
            }
        }
        return rows;
    }
}
