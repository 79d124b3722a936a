package io.wirebook.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.wirebook.bench.Bench;
import io.wirebook.bench.BulkTransfer;
import io.wirebook.bench.CaptureBench;
import io.wirebook.bench.BenchTable;
import io.wirebook.bench.Captures;
import io.wirebook.bench.ChildRun;
import io.wirebook.bench.DecodePass;
import io.wirebook.bench.Machine;
import io.wirebook.bench.Row;
import io.wirebook.bench.ThisJava;
import io.wirebook.bench.Tools;
import io.wirebook.capture.CaptureFormatException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirebook bench}: Wirebook against tcpdump and tshark on the same generated captures, in one table. */
@Command(name = "bench", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Measure Wirebook against cat, tcpdump and tshark on generated captures.",
                "Measure Wirebook against cat, tcpdump and tshark on the same generated captures (seeded, 1M and "
                + "10M packets, pcap and pcapng), each command a whole process with standard output to /dev/null, "
                + "the captures read from the page cache, the tools taking turns round by round. One table gives, "
                + "per capture and command, the median and range of the wall time, the CPU time (user+sys), the "
                + "peak RSS, packets and MB per second, and how many times faster each Wirebook command is than "
                + "each reference tool; also Wirebook's decode-only pass in GB/s and a read of a 10-packet "
                + "capture (start-up). Wirebook runs with this process's own java command line, so run it "
                + "through the launcher (./wirebook bench) to measure the launcher's JVM options. Tools that are "
                + "not installed are skipped with a line saying so. A round of the whole run took 18 minutes on 2 "
                + "cores (three rounds by default) and needs about 15 GB in the work directory; --quick should take under two minutes on a quiet 2-core machine."},
        footer = {"%nExamples:",
                "  wirebook bench --quick",
                "  wirebook bench --dir /var/tmp/wb --rounds 5 --format json > bench.json",
                "  sudo wirebook bench --capture --rounds 5 --busy 2",
                "%nExit codes:%n  0  ok%n  1  usage error%n"
                        + "  3  cannot create the work directory or a capture in it%n"
                        + "  4  --capture: not root, or no unshare or ip%n"
                        + "  5  cannot write a capture (disk full, I/O error) or the table%n"
                        + ExitCodes.OUT_OF_MEMORY_HELP
                        + " 11  a measured command failed (the table is printed; a line says which and how)%n"})
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Mixin
    HelpOptions helpOptions;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Work directory for the captures; those already there with the same seed and size are "
                    + "reused, and it is kept (default: a new temporary directory, deleted at the end)")
    Path dir;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Runs of each command on each capture (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--quick", description = "1M packets in pcap only; tshark's conversation and expert passes in "
            + "the first round only, its plain print left out")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The generator's seed (default: ${DEFAULT-VALUE})")
    long seed;

    enum Format { text, json }

    @Option(names = {"-F", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    /** Tests: one capture of this many packets instead of 1M and 10M. */
    @Option(names = "--packets", paramLabel = "N", hidden = true)
    Long packets;

    @Option(names = "--capture", description = "Instead: live capture under load. wirebook capture -w /dev/null and "
            + "tcpdump -w /dev/null (with the same buffer, --buffer), each under the same loopback TCP transfer in a network "
            + "namespace of its own, taking turns: packets on the wire, written and dropped, the transfer's speed, "
            + "the capture's CPU time per packet and its peak RSS. Needs root")
    boolean capture;

    @Option(names = "--capture-bytes", paramLabel = "BYTES", defaultValue = "2000000000",
            description = "With --capture: bytes of each transfer (default: ${DEFAULT-VALUE})")
    long captureBytes;

    @Option(names = "--busy", paramLabel = "N", defaultValue = "0",
            description = "With --capture: N CPU-bound processes running beside, as on a loaded machine (default: ${DEFAULT-VALUE})")
    int busy;

    @Option(names = "--buffer", paramLabel = "KiB", defaultValue = "32768",
            description = "With --capture: both tools' kernel buffer, as -B (default: ${DEFAULT-VALUE}, Wirebook's own;"
                    + " tcpdump's own is 2048), or 'default': each tool's own, no -B")
    String buffer;

    /** The capture benchmark's traffic, run as a child of it: a loopback TCP transfer of BYTES, its figures on stdout. */
    @Option(names = "--bulk", paramLabel = "BYTES", hidden = true)
    Long bulk;

    /** The decode-only pass, run as a child of the bench: reads and decodes FILE, prints its time on stderr. */
    @Option(names = "--decode-pass", paramLabel = "FILE", hidden = true)
    String decodePass;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** For tests: streams, the java command line of Wirebook, PATH and GNU time. */
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream stderr = System.err;
    List<String> java;
    String path = System.getenv("PATH");
    Path gnuTime = Files.isExecutable(ChildRun.GNU_TIME) ? ChildRun.GNU_TIME : null;

    /** Bytes per packet of the generator's traffic, with some room: how much space a capture is expected to take. */
    private static final long BYTES_PER_PACKET = 700;

    @Override
    public Integer call() throws Exception {
        if (decodePass != null) {
            return decodePass();
        }
        if (bulk != null) {
            stdout.write((BulkTransfer.run(bulk).line() + "\n").getBytes(StandardCharsets.US_ASCII));
            stdout.flush();
            return ExitCodes.OK;
        }
        if (rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be 1 or more (got " + rounds + ")");
        }
        if (capture) {
            return capture();
        }
        if (packets != null && packets < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--packets must be 1 or more (got " + packets + ")");
        }
        List<Long> sizes = packets != null ? List.of(packets) : quick ? List.of(1_000_000L) : List.of(1_000_000L, 10_000_000L);
        boolean pcapng = !quick;
        boolean temporary = dir == null;
        Path work;
        try {
            work = temporary ? Files.createTempDirectory("wirebook-bench-") : Files.createDirectories(dir);
        } catch (IOException e) {
            stderr.println("wirebook: " + (dir == null ? "temporary directory" : dir) + ": cannot create: "
                    + Output.reason(e));
            return ExitCodes.CANNOT_OPEN;
        }
        Thread cleanup = temporary ? new Thread(() -> deleteTree(work)) : null;
        if (cleanup != null) {
            Runtime.getRuntime().addShutdownHook(cleanup); // also when stopped with Ctrl-C
        }
        try {
            String space = space(work, sizes, pcapng);
            if (space != null) {
                stderr.println("wirebook: " + space);
                return ExitCodes.CANNOT_WRITE;
            }
            List<String> javaCommand = java != null ? java : ThisJava.command();
            Bench bench = new Bench(new Bench.Plan(work, seed, sizes, pcapng, rounds, quick, javaCommand, path, gnuTime),
                    stderr);
            String loadBefore = Machine.loadAverage();
            long t0 = System.nanoTime();
            List<Row> rows;
            try {
                rows = bench.run();
            } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
                stderr.println("wirebook: " + work + ": cannot create a capture there: " + Output.reason(e));
                return ExitCodes.CANNOT_OPEN;
            } catch (IOException e) {
                stderr.println("wirebook: " + work + ": cannot write a capture: " + Output.reason(e));
                return ExitCodes.CANNOT_WRITE;
            }
            long took = System.nanoTime() - t0;
            String text = format == Format.json
                    ? json(rows, bench, javaCommand, loadBefore, took)
                    : text(rows, bench, javaCommand, loadBefore, took);
            try {
                stdout.write(text.getBytes(StandardCharsets.UTF_8));
                stdout.flush();
            } catch (IOException e) {
                Output.WriteFailed failed = Output.failure(e);
                return Output.report(failed != null ? failed : Output.failed(Output.STDOUT, e), stderr);
            }
            for (String f : bench.failures()) {
                stderr.println("wirebook: " + f);
            }
            return bench.failures().isEmpty() ? ExitCodes.OK : ExitCodes.BENCH_FAILED;
        } finally {
            if (cleanup != null) {
                Runtime.getRuntime().removeShutdownHook(cleanup);
                deleteTree(work);
            }
        }
    }

    /** {@code --capture}: the capture benchmark, its table on standard output. */
    private int capture() throws IOException, InterruptedException {
        int bufferKiB = 0; // 0: each tool's own
        if (!buffer.equals("default")) {
            try {
                bufferKiB = Integer.parseInt(buffer);
            } catch (NumberFormatException e) {
                bufferKiB = -1;
            }
            if (bufferKiB < 1 || bufferKiB > Integer.MAX_VALUE / 1024) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--buffer must be 1 to "
                        + Integer.MAX_VALUE / 1024 + " KiB or 'default' (got " + buffer + ")");
            }
        }
        if (captureBytes < 1 || busy < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), captureBytes < 1
                    ? "--capture-bytes must be 1 or more (got " + captureBytes + ")"
                    : "--busy must be 0 or more (got " + busy + ")");
        }
        if (!Machine.isRoot()) {
            stderr.println("wirebook: bench --capture needs root: it makes a network namespace of its own and captures"
                    + " in it (run it as root, e.g. sudo ./wirebook bench --capture)");
            return ExitCodes.CAPTURE_UNAVAILABLE;
        }
        for (String needed : List.of("unshare", "ip")) {
            if (Tools.find(needed, path) == null) {
                stderr.println("wirebook: bench --capture needs " + needed + " (Debian: util-linux, iproute2)");
                return ExitCodes.CAPTURE_UNAVAILABLE;
            }
        }
        Path tcpdump = Tools.find("tcpdump", path);
        List<String> javaCommand = java != null ? java : ThisJava.command();
        Path work = Files.createTempDirectory("wirebook-bench-capture-");
        try {
            String loadBefore = Machine.loadAverage();
            long t0 = System.nanoTime();
            List<CaptureBench.Run> runs;
            try {
                runs = CaptureBench.run(new CaptureBench.Plan(captureBytes, rounds, busy, bufferKiB, javaCommand, tcpdump, work));
            } catch (IOException e) {
                stderr.println("wirebook: " + e.getMessage());
                return ExitCodes.BENCH_FAILED;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "wirebook bench --capture: %d %s of a %,d-byte loopback TCP transfer in"
                    + " a network namespace, written to /dev/null, %s, %d busy %s beside%n", rounds,
                    rounds == 1 ? "round" : "rounds", captureBytes, bufferKiB == 0
                            ? "each tool's own buffer (no -B: Wirebook's 32768 KiB, tcpdump's 2048)"
                            : "-B " + bufferKiB + " KiB for both", busy, busy == 1 ? "process" : "processes"));
            sb.append("machine: ").append(Machine.describe()).append('\n');
            sb.append("load average: ").append(loadBefore).append(" at the start, ").append(Machine.loadAverage())
                    .append(String.format(Locale.ROOT, " at the end, %.0f s later%n", (System.nanoTime() - t0) / 1e9));
            sb.append("wirebook runs as: ").append(String.join(" ", javaCommand)).append(" capture\n");
            sb.append("lost: packets on the wire (lo's counter) not in the output; counted: the kernel's \"dropped\""
                    + " count (on lo both copies of a packet, going out and coming in)\n\n");
            sb.append(CaptureBench.table(runs, Machine.clockTicksPerSecond()));
            if (tcpdump == null) {
                sb.append("\nskipped: tcpdump (not installed)\n");
            }
            try {
                stdout.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                stdout.flush();
            } catch (IOException e) {
                Output.WriteFailed failed = Output.failure(e);
                return Output.report(failed != null ? failed : Output.failed(Output.STDOUT, e), stderr);
            }
            List<String> failures = runs.stream().map(CaptureBench.Run::failure).filter(f -> f != null).toList();
            for (String f : failures) {
                stderr.println("wirebook: " + f);
            }
            return failures.isEmpty() ? ExitCodes.OK : ExitCodes.BENCH_FAILED;
        } finally {
            deleteTree(work);
        }
    }

    /** The child's job: one decode-only pass, its figures on standard error. */
    private int decodePass() {
        Jit.expect(Jit.estimatePackets(List.of(decodePass)), Jit.C2_FROM_TEXT); // a pass as long as read's
        try {
            DecodePass.Result r = DecodePass.run(decodePass);
            stderr.println(r.line());
            return ExitCodes.OK;
        } catch (CaptureFormatException e) {
            stderr.println("wirebook: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        } catch (IOException e) {
            stderr.println("wirebook: " + decodePass + ": cannot read: " + Output.reason(e));
            return ExitCodes.CANNOT_OPEN;
        }
    }

    /** A line saying the work directory has too little room for the captures still to make, or null. */
    private String space(Path work, List<Long> sizes, boolean pcapng) throws IOException {
        long needed = 0;
        for (long n : sizes) {
            if (!Files.exists(work.resolve(Captures.fileName(seed, n, false)))) {
                needed += n * BYTES_PER_PACKET;
            }
            if (pcapng && !Files.exists(work.resolve(Captures.fileName(seed, n, true)))) {
                needed += n * BYTES_PER_PACKET;
            }
        }
        long free = Files.getFileStore(work).getUsableSpace();
        if (needed <= free) {
            return null;
        }
        return String.format(Locale.ROOT, "%s: the captures need about %.1f GB and %.1f GB are free (--dir names "
                + "another directory, --quick needs about 0.7 GB)", work, needed / 1e9, free / 1e9);
    }

    private String text(List<Row> rows, Bench bench, List<String> javaCommand, String loadBefore, long took) {
        StringBuilder sb = new StringBuilder();
        sb.append("wirebook bench: ").append(rounds).append(rounds == 1 ? " round" : " rounds")
                .append(quick ? " (--quick: tshark in the first only)" : "")
                .append(", seed ").append(seed)
                .append(", captures from the page cache, each command a whole process, output to /dev/null\n");
        sb.append("machine: ").append(Machine.describe()).append('\n');
        sb.append("load average: ").append(loadBefore).append(" at the start, ").append(Machine.loadAverage())
                .append(String.format(Locale.ROOT, " at the end, %.0f s later%n", took / 1e9));
        sb.append("wirebook runs as: ").append(String.join(" ", javaCommand)).append(" ARGS\n\n");
        sb.append(BenchTable.text(rows));
        if (!bench.skipped().isEmpty()) {
            sb.append('\n');
            for (String s : bench.skipped()) {
                sb.append("skipped: ").append(s).append('\n');
            }
        }
        return sb.toString();
    }

    private String json(List<Row> rows, Bench bench, List<String> javaCommand, String loadBefore, long took)
            throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("rounds", rounds);
            g.writeBooleanField("quick", quick);
            g.writeNumberField("seed", seed);
            g.writeStringField("machine", Machine.describe());
            g.writeStringField("load_average_start", loadBefore);
            g.writeStringField("load_average_end", Machine.loadAverage());
            g.writeNumberField("duration_s", took / 1e9);
            g.writeArrayFieldStart("wirebook_command");
            for (String a : javaCommand) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("skipped");
            for (String s : bench.skipped()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeFieldName("rows");
            BenchTable.json(g, rows);
            g.writeEndObject();
        }
        return w + "\n";
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the run for.
        }
    }
}
