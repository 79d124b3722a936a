package io.wirebook.cli;

import io.wirebook.synth.SynthOptions;
import io.wirebook.synth.SynthSummary;
import io.wirebook.synth.SyntheticCapture;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wirebook generate}: a synthetic loopback capture with labelled TCP anomalies. */
@Command(name = "generate", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Write a synthetic capture of many TCP connections and UDP exchanges.",
                "Write a synthetic capture: concurrent TCP connections and UDP exchanges over loopback as Linux "
                + "records them on lo, with injected TCP anomalies (retransmissions, losses, reordering, zero "
                + "windows, keep-alives) labelled as tshark's expert analysis flags them. The same options always "
                + "give the same bytes. A one-line summary goes to standard error."},
        footer = {"%nExamples:",
                "  wirebook generate -n 60000 -o small.pcap --labels small.labels",
                "  wirebook generate -n 10000000 --connections 1000000 -o big.pcap",
                "%nExit codes:%n  0  ok%n  1  usage error%n  3  cannot create the output or labels file%n"
                        + "  5  cannot write the output or labels file (disk full, I/O error)%n"
                        + ExitCodes.OUT_OF_MEMORY_HELP})
public final class GenerateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @Option(names = {"-n", "--packets"}, paramLabel = "N", defaultValue = "100000",
            description = "Packets to write, exactly (default: ${DEFAULT-VALUE})")
    long packets;

    @Option(names = "--connections", paramLabel = "N",
            description = "TCP connections to aim for; exchanges per connection are fitted so that both counts are "
                    + "met (default: the natural mix, about one connection per 37 packets)")
    long connections;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--anomaly-rate", paramLabel = "P", defaultValue = "0.02",
            description = "Probability that a message carries an injected anomaly, 0 to 1 (default: ${DEFAULT-VALUE})")
    double anomalyRate;

    @Option(names = "--flow-rate", paramLabel = "N", defaultValue = "20000",
            description = "New connections and UDP exchanges per second of traffic, on average; lower spreads the "
                    + "capture over more time with fewer connections open at once (default: ${DEFAULT-VALUE})")
    double flowRate;

    @Option(names = "--nanos", description = "Nanosecond timestamps (pcap magic a1b23c4d) instead of microseconds")
    boolean nanos;

    @Option(names = {"-o", "-w", "--output"}, paramLabel = "FILE", required = true,
            description = "Capture file to write; - writes standard output")
    String output;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Also write one line 'FRAME LABEL' per injected anomaly, LABEL named as tshark's "
                    + "tcp.analysis field (retransmission, duplicate_ack, ...)")
    Path labels;

    @CommandLine.Mixin
    ProgressOption progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The progress line's view of the process (tests give a fake terminal and clock). */
    Progress.Environment environment = Progress.Environment.PROCESS;

    /** Streams for tests; default to the process's standard output and error. */
    WritableByteChannel stdout;
    PrintStream stderr = System.err;
    private Progress shown = Progress.OFF;

    @Override
    public Integer call() {
        SynthOptions options;
        try {
            options = new SynthOptions(packets, connections, seed, anomalyRate, nanos, flowRate);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean toStdout = "-".equals(output);
        String name = toStdout ? "<stdout>" : output;
        WritableByteChannel out = null;
        Writer labelsOut = null;
        try {
            String current = name;
            try {
                if (toStdout) {
                    out = stdout != null ? stdout : new FileOutputStream(FileDescriptor.out).getChannel();
                } else {
                    out = FileChannel.open(Path.of(output), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                }
                if (labels != null) {
                    current = labels.toString();
                    labelsOut = new BufferedWriter(new OutputStreamWriter(Output.named(labels.toString(),
                            Files.newOutputStream(labels)), StandardCharsets.US_ASCII.newEncoder()), 1 << 16);
                }
            } catch (NoSuchFileException e) {
                stderr.println(ErrorLine.of("wirebook: " + current + ": no such directory"));
                return ExitCodes.CANNOT_OPEN;
            } catch (AccessDeniedException e) {
                stderr.println(ErrorLine.of("wirebook: " + current + ": permission denied"));
                return ExitCodes.CANNOT_OPEN;
            } catch (IOException e) {
                stderr.println(ErrorLine.of("wirebook: " + current + ": cannot write: " + e.getMessage()));
                return ExitCodes.CANNOT_OPEN;
            }
            WritableByteChannel capture = Output.named(toStdout ? Output.STDOUT : output, out);
            // The capture's own bytes on the terminal would tear the line: none then (as read).
            Progress line = Progress.on(stderr, toStdout && stdout == null ? System.out : stdout, progress.quiet, false,
                    environment, "", 0, packets);
            shown = line;
            SynthSummary summary = SyntheticCapture.generate(options, capture, labelsOut,
                    line.active() ? (n, bytes) -> line.update(bytes, n) : null);
            line.clear();
            if (labelsOut != null) {
                labelsOut.close();
                labelsOut = null;
            }
            if (!toStdout) {
                out = null;
                capture.close(); // a file system may report a failed write only now
            }
            stderr.println(ErrorLine.of("wirebook: wrote " + name + ": " + summary.oneLine()));
            return ExitCodes.OK;
        } catch (IOException e) {
            shown.clear();
            // A closed pipe (e.g. piped into head) ends quietly, as in tcpdump; any other failure is one line.
            Output.WriteFailed failed = Output.failure(e);
            return Output.report(failed != null ? failed : Output.failed(toStdout ? Output.STDOUT : output, e), stderr);
        } finally {
            closeQuietly(labelsOut);
            if (out != null && !toStdout) {
                closeQuietly(out);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // Already failing; the first error was reported.
            }
        }
    }
}
