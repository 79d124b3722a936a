package io.wirebook.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one command as a child process, standard output to {@code /dev/null}, and measures it. CPU time and
 * peak RSS come from the kernel's accounting of the finished child (wait4's rusage) as GNU time reports it,
 * so they are exact, not sampled: {@code /usr/bin/time -f '%U %S %M' -o FILE COMMAND}. Without GNU time the
 * run gives wall time only.
 */
public final class ChildRun {
    /** GNU time (Debian package {@code time}); setup.sh installs it. */
    public static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** The line the decode-only pass prints on standard error: {@code wirebook: decode pass: N frames, B bytes, T ns}. */
    static final Pattern DECODE_LINE = Pattern.compile("wirebook: decode pass: (\\d+) frames, (\\d+) bytes, (\\d+) ns");

    private final Path gnuTime;
    private final Path scratch;

    /**
     * @param gnuTime GNU time, or null to measure wall time only
     * @param scratch a directory for the child's standard error and time's report
     */
    public ChildRun(Path gnuTime, Path scratch) {
        this.gnuTime = gnuTime;
        this.scratch = scratch;
    }

    /** What a run gave: its figures and the first line it wrote on standard error (for a failed run). */
    public record Result(Sample sample, String firstErrorLine) {}

    public Result run(List<String> argv, Map<String, String> environment) throws IOException, InterruptedException {
        Path err = scratch.resolve("stderr.txt");
        Path times = scratch.resolve("time.txt");
        Files.deleteIfExists(times);
        List<String> cmd = new ArrayList<>();
        if (gnuTime != null) {
            cmd.addAll(List.of(gnuTime.toString(), "-f", "%U %S %M", "-o", times.toString(), "--"));
        }
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(new File("/dev/null")).redirectError(err.toFile());
        pb.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        long wall = System.nanoTime() - t0;
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        long cpu = -1;
        long rss = -1;
        if (gnuTime != null && Files.exists(times)) {
            long[] t = parseTime(Files.readString(times, StandardCharsets.UTF_8));
            if (t != null) {
                cpu = t[0];
                rss = t[1];
            }
        }
        long decode = -1;
        Matcher m = DECODE_LINE.matcher(stderr);
        if (m.find()) {
            decode = Long.parseLong(m.group(3));
        }
        String first = stderr.lines().filter(l -> !l.isBlank() && !l.startsWith("Command exited with non-zero status")
                && !l.startsWith("Running as user"))
                .findFirst().orElse("");
        return new Result(new Sample(wall, cpu, rss, exit, decode), first);
    }

    /**
     * GNU time's report {@code "USER SYS MAXRSS"} (seconds with two decimals, KiB) as {CPU ms, KiB}; null
     * when its last line is not that. A child that failed has "Command exited with non-zero status N" before it.
     */
    static long[] parseTime(String report) {
        List<String> lines = report.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return null;
        }
        String[] f = lines.get(lines.size() - 1).trim().split(" ");
        if (f.length != 3) {
            return null;
        }
        try {
            long cpu = Math.round((Double.parseDouble(f[0]) + Double.parseDouble(f[1])) * 1000);
            return new long[] {cpu, Long.parseLong(f[2])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
