package io.wirebook.cli;

import io.wirebook.capture.CaptureLostException;
import io.wirebook.capture.CaptureUnavailableException;
import io.wirebook.capture.CaptureWriter;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LiveCapture;
import io.wirebook.capture.RotatingCaptureWriter;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.JsonlPacketWriter;
import io.wirebook.render.TextPacketWriter;
import io.wirebook.render.Utf8Sink;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wirebook capture -i lo -f "tcp port 8080" -w out.pcapng}: live capture through pcap4j, like
 * tcpdump. Without {@code -w} every packet is decoded and printed as it arrives. SIGINT (Ctrl-C), SIGTERM
 * and SIGHUP stop the capture cleanly ({@link StopSignals}), also in a background job whose shell ignored
 * SIGINT: the file ends on a whole record and is closed, tcpdump's last lines are printed, and the exit code
 * is 0, as tcpdump's.
 */
@Command(name = "capture", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Capture live traffic, or run the bundled demo scenarios with their socket calls.",
                "Capture live traffic on an interface, or run the bundled demo scenarios and show their socket "
                + "calls beside the packets they cause (needs root or CAP_NET_RAW + CAP_NET_ADMIN). With -w, "
                + "packets go to a pcapng (or .pcap) file, with a live count when standard error is a terminal; "
                + "without it, each packet is decoded and explained as it arrives. Ctrl-C (SIGINT), SIGTERM or "
                + "SIGHUP (not under nohup) stop it, also as a background job of a script; it then prints "
                + "tcpdump's last lines from libpcap's counts: N packets captured, N packets received by filter, "
                + "N packets dropped by kernel."},
        footer = {ExitCodes.CAPTURE_HELP
                + "  130 (128+N)  a second signal N while it stopped ended it at once%n",
                "A live capture stopped by SIGINT, SIGTERM or SIGHUP exits 0, as tcpdump's "
                + "does: that is how an open-ended capture ends, and its file is complete."})
public final class CaptureCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @Option(names = {"-i", "--interface"}, defaultValue = "lo", description = "Interface (default: ${DEFAULT-VALUE})")
    String iface;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "Capture filter, e.g. \"tcp port 8080\"")
    String filter;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write packets to FILE (.pcapng, or .pcap)")
    Path output;

    @Option(names = "-C", paramLabel = "SIZE", description = "With -w: start a new file once one holds more than SIZE"
            + " million bytes (tcpdump's -C: FILE, FILE1, FILE2, ...; a decimal such as 0.5 works too)")
    BigDecimal fileSize;

    @Option(names = "-W", paramLabel = "COUNT", description = "With -C: keep COUNT files, FILE0 to FILE<COUNT-1>, then write"
            + " over the first (a ring buffer); with -G alone: stop after COUNT files")
    int fileCount;

    @Option(names = "-G", paramLabel = "SECONDS", description = "With -w: start a new file every SECONDS seconds, its"
            + " name FILE formatted by strftime(3) (e.g. -w 'cap-%%Y%%m%%d-%%H%%M%%S.pcapng')")
    long rotateSeconds;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets")
    long count = Long.MAX_VALUE;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds")
    double duration;

    @Option(names = {"-s", "--snaplen"}, defaultValue = "262144", description = "Bytes kept per packet (default: ${DEFAULT-VALUE})")
    int snaplen;

    @Option(names = {"-B", "--buffer-size"}, paramLabel = "KiB", description = "The kernel's capture buffer in KiB, as tcpdump's -B"
            + " (default: 32768, 32 MiB; tcpdump's is 2 MiB): what it holds while the capture is not reading, before it drops packets")
    long bufferKiB = LiveCapture.DEFAULT_BUFFER_SIZE / 1024;

    @Option(names = {"-q", "--quiet"}, description = "No live packet count")
    boolean quiet;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Run a bundled demo scenario and show its timeline: socket calls and packets, each packet with its cause")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--all", description = "Run every bundled scenario")
    boolean all;

    @Option(names = "--list", description = "List the bundled scenarios")
    boolean list;

    /** Of the timelines, or of the decoded packets. */
    @Mixin
    FormatOption format;

    @Option(names = "--record", paramLabel = "DIR", description = "Also save each scenario as DIR/NAME.pcapng (calls as packet comments) and DIR/NAME.calls.jsonl")
    Path recordDir;

    @Option(names = "--replay", paramLabel = "DIR", description = "Build the timelines from recordings in DIR instead of capturing (no privileges needed)")
    Path replayDir;

    @Option(names = "--fallback", paramLabel = "DIR", description = "When a lab scenario cannot run here (it needs a network namespace of its own, so root), use its recording from DIR instead, and say so")
    Path fallbackDir;

    /** The command line this command belongs to: it holds the scenarios {@code --scenario} can run. */
    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream stderr = System.err;

    @Override
    public Integer call() throws Exception {
        if (list || all || !scenarios.isEmpty()) {
            return new ScenarioCapture(this).run();
        }
        // A live capture runs for as long as it is left to: C2 pays (Jit; bench --capture starts it with C1 alone).
        Jit.handOver();
        if (count <= 0) {
            // As read's -c, and as tcpdump -c 0 says "invalid packet count": checked before the interface opens.
            stderr.println("-c: invalid packet count " + count + " (a number of packets, 1 or more)");
            return ExitCodes.USAGE;
        }
        if (bufferKiB <= 0 || bufferKiB > Integer.MAX_VALUE / 1024) {
            // As tcpdump's words for it, checked before the interface opens.
            stderr.println("-B: invalid packet buffer size " + bufferKiB + " (KiB, 1 to " + Integer.MAX_VALUE / 1024 + ")");
            return ExitCodes.USAGE;
        }
        RotatingCaptureWriter.Policy rotation = rotation();
        LiveCapture cap;
        try {
            // To a file, as tcpdump -w: the kernel's buffer a block at a time, which keeps up with a busy link
            // (and each packet written from the kernel's ring, not copied: LiveCapture.dispatch).
            LiveCapture.Builder b = LiveCapture.on(iface).snaplen(snaplen).bufferSize((int) (bufferKiB * 1024))
                    .immediate(output == null);
            if (filter != null) {
                b.filter(filter);
            }
            cap = b.open();
        } catch (CaptureUnavailableException e) {
            stderr.println(ErrorLine.of("wirebook: " + e.getMessage()));
            return e.reason() == CaptureUnavailableException.Reason.BAD_FILTER ? ExitCodes.USAGE
                    : ExitCodes.CAPTURE_UNAVAILABLE;
        }
        try (StopSignals signals = StopSignals.install(cap::stop)) {
            return capture(cap, rotation);
        } finally {
            cap.close();
        }
    }

    /**
     * The -C, -W and -G of tcpdump, checked as tcpdump checks them (each needs -w; -W needs -C or -G) before
     * anything is opened; {@link RotatingCaptureWriter.Policy#NONE} without them.
     */
    private RotatingCaptureWriter.Policy rotation() {
        if (fileSize == null && fileCount == 0 && rotateSeconds == 0) {
            return RotatingCaptureWriter.Policy.NONE;
        }
        String given = fileSize != null ? "-C" : rotateSeconds != 0 ? "-G" : "-W";
        if (output == null) {
            throw new ParameterException(spec.commandLine(), given + " needs -w FILE (the files are FILE, FILE1, ...)");
        }
        long bytes = 0;
        if (fileSize != null) {
            if (fileSize.signum() <= 0) {
                throw new ParameterException(spec.commandLine(), "-C " + fileSize.toPlainString()
                        + ": the size must be more than 0 (million bytes)");
            }
            bytes = fileSize.movePointRight(6).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        }
        if (fileCount < 0 || (fileCount != 0 && fileSize == null && rotateSeconds == 0)) {
            throw new ParameterException(spec.commandLine(), fileCount < 0 ? "-W " + fileCount
                    + ": the count must be more than 0" : "-W needs -C or -G (it counts the files they start)");
        }
        if (rotateSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "-G " + rotateSeconds + ": the seconds must be more than 0");
        }
        if (rotateSeconds > 0) {
            try {
                RotatingCaptureWriter.strftime(output.toString(), ZonedDateTime.now());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "-w with -G: " + e.getMessage());
            }
        }
        return new RotatingCaptureWriter.Policy(bytes, fileCount, rotateSeconds);
    }

    /** Reads {@code cap} until stopped (a signal, -c, --duration, an output that fails), then prints the counts. */
    private int capture(LiveCapture cap, RotatingCaptureWriter.Policy rotation) throws IOException, InterruptedException {
        if (duration > 0) {
            Thread timer = new Thread(() -> {
                try {
                    Thread.sleep((long) (duration * 1000));
                    cap.stop();
                } catch (InterruptedException e) {
                    // capture ended first
                }
            }, "wirebook-capture-timer");
            timer.setDaemon(true);
            timer.start();
        }
        long n = 0;
        RotatingCaptureWriter writer = null;
        TextPacketWriter text = null;
        JsonlPacketWriter jsonl = null;
        LiveCount live = null;
        Output.WriteFailed failed = null;
        CaptureLostException lost = null;
        String limit = null;
        try {
            if (output != null) {
                int linkType = cap.linkType();
                int snaplen = cap.snaplen();
                boolean pcap = CaptureWriter.isPcapName(output);
                // Before the first file opens (-G names it by its second, which the warm-up must not use up) and
                // before the capture says it has started: see why there.
                WriteWarmUp.run(pcap, linkType, snaplen, iface);
                RotatingCaptureWriter.Opener opener = f -> CaptureWriter.create(f, pcap, linkType, snaplen, iface, true);
                writer = new RotatingCaptureWriter(output, rotation, opener);
                try {
                    writer.start();
                } catch (IOException e) {
                    throw Output.failed(writer.currentFile().toString(), e);
                }
                if (!quiet) {
                    stderr.println(ErrorLine.of("capturing on " + iface + (filter != null ? " (" + filter + ")" : "")
                            + " to " + output + "; Ctrl-C stops"));
                    if (stderr == System.err && Posix.isTerminal(Posix.STDERR)) {
                        live = new LiveCount(stderr);
                    }
                }
            } else {
                OutputStream out = Output.named(Output.STDOUT, stdout);
                if (format.jsonl()) {
                    jsonl = new JsonlPacketWriter(out);
                } else {
                    text = new TextPacketWriter(new Utf8Sink(out, 1 << 14), true);
                }
                stderr.println(ErrorLine.of("capturing on " + iface + (filter != null ? " (" + filter + ")" : "") + "; Ctrl-C stops"));
            }
            if (writer != null) {
                // Written from inside libpcap's read, each packet while it is still in the kernel's ring (no copy).
                FileSink sink = new FileSink(writer, live);
                try {
                    cap.dispatch(sink);
                } finally {
                    n = sink.written;
                }
                if (sink.full) {
                    limit = "wirebook: maximum file limit reached: " + rotation.fileCount() + " files of "
                            + rotation.seconds() + " s";
                }
            } else {
                Frame frame = new Frame();
                PacketPipeline pipeline = new PacketPipeline();
                while (n < count && cap.next(frame)) {
                    n++;
                    PacketResult r = pipeline.next(frame);
                    if (jsonl != null) {
                        jsonl.write(r);
                        jsonl.flush();
                    } else {
                        text.write(r);
                        text.flush();
                    }
                }
            }
        } catch (Output.WriteFailed e) {
            // The capture stops: a closed pipe (e.g. piped into head) quietly, anything else with one line.
            failed = e;
        } catch (CaptureLostException e) {
            lost = e; // what came before is written; the file is closed below as after a stop
        } finally {
            if (live != null) {
                live.close();
            }
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    if (failed == null) {
                        failed = Output.failed(writer.currentFile().toString(), e);
                    }
                }
            }
            if (failed == null) {
                try {
                    if (text != null) {
                        text.flush();
                    }
                    if (jsonl != null) {
                        jsonl.flush();
                    }
                } catch (IOException e) {
                    failed = Output.failed(Output.STDOUT, e);
                }
            }
            if (output == null || writer != null && writer.started()) { // not when the file could not even be created
                stderr.print((live != null ? "\r" : "") + String.join("\n", finalLines(n, cap.stats())) + "\n");
                stderr.flush();
            }
        }
        if (failed != null) {
            return Output.report(failed, stderr);
        }
        if (lost != null) {
            stderr.println("wirebook: " + lost.getMessage() + "; the capture ended there"
                    + (writer != null ? ", and " + writer.currentFile() + " keeps every packet captured before" : ""));
            return ExitCodes.CAPTURE_LOST;
        }
        if (limit != null) {
            stderr.println(limit);
        }
        // Stopped by a signal or not, a capture that wrote everything it read ends with 0, as tcpdump's does.
        return ExitCodes.OK;
    }

    /** Writes each captured frame to the files of -w until -c is reached or -G -W's files are full. */
    private final class FileSink implements LiveCapture.FrameSink {
        private final RotatingCaptureWriter writer;
        private final LiveCount live;
        /** Frames written (a frame that could not be written is not counted: the count is of what is kept). */
        long written;
        /** Whether a frame was refused because the files -G -W allows are full, as tcpdump's limit. */
        boolean full;

        FileSink(RotatingCaptureWriter writer, LiveCount live) {
            this.writer = writer;
            this.live = live;
        }

        @Override
        public boolean accept(Frame frame) throws IOException {
            try {
                if (!writer.offer(frame, null)) {
                    full = true;
                    return false;
                }
            } catch (IOException e) {
                throw Output.failed(writer.currentFile().toString(), e); // the file is cut back to its last whole record
            }
            written++;
            if (live != null) {
                live.set(written);
            }
            return written < count;
        }
    }

    /**
     * tcpdump's last lines, counts from libpcap's pcap_stats: "N packets captured", "N packets received by
     * filter", "N packets dropped by kernel", and "N packets dropped by interface" when there are any.
     */
    static List<String> finalLines(long captured, LiveCapture.Stats stats) {
        List<String> lines = new ArrayList<>();
        lines.add(packets(captured) + " captured");
        if (stats != null) {
            lines.add(packets(stats.received()) + " received by filter");
            lines.add(packets(stats.dropped()) + " dropped by kernel");
            if (stats.droppedByInterface() != 0) {
                lines.add(packets(stats.droppedByInterface()) + " dropped by interface");
            }
        }
        return lines;
    }

    static String packets(long n) {
        return n == 1 ? "1 packet" : n + " packets";
    }
}
