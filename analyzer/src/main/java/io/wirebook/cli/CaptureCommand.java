package io.wirebook.cli;

import io.wirebook.capture.CaptureUnavailableException;
import io.wirebook.capture.CaptureWriter;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LiveCapture;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wirebook capture -i lo -f "tcp port 8080" -w out.pcapng}: live capture through pcap4j, like
 * tcpdump. Without {@code -w} every packet is decoded and printed as it arrives. Ctrl-C (SIGINT) or
 * SIGTERM stops the capture cleanly: the file ends on a whole record and is closed.
 */
@Command(name = "capture", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Capture live traffic, or run the bundled demo scenarios with their socket calls.",
                "Capture live traffic on an interface, or run the bundled demo scenarios and show their socket "
                + "calls beside the packets they cause (needs root or CAP_NET_RAW + CAP_NET_ADMIN). With -w, "
                + "packets go to a pcapng (or .pcap) file and a live count is shown; without it, each packet is "
                + "decoded and explained as it arrives. Stop with Ctrl-C."},
        footer = ExitCodes.CAPTURE_HELP)
public final class CaptureCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @Option(names = {"-i", "--interface"}, defaultValue = "lo", description = "Interface (default: ${DEFAULT-VALUE})")
    String iface;

    @Option(names = {"-f", "--filter"}, paramLabel = "BPF", description = "Capture filter, e.g. \"tcp port 8080\"")
    String filter;

    @Option(names = {"-w", "--write"}, paramLabel = "FILE", description = "Write packets to FILE (.pcapng, or .pcap)")
    Path output;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N packets")
    long count = Long.MAX_VALUE;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds")
    double duration;

    @Option(names = {"-s", "--snaplen"}, defaultValue = "262144", description = "Bytes kept per packet (default: ${DEFAULT-VALUE})")
    int snaplen;

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

    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream stderr = System.err;

    @Override
    public Integer call() throws Exception {
        if (list || all || !scenarios.isEmpty()) {
            return new ScenarioCapture(this).run();
        }
        LiveCapture cap;
        try {
            LiveCapture.Builder b = LiveCapture.on(iface).snaplen(snaplen);
            if (filter != null) {
                b.filter(filter);
            }
            cap = b.open();
        } catch (CaptureUnavailableException e) {
            stderr.println("wirebook: " + e.getMessage());
            return e.reason() == CaptureUnavailableException.Reason.BAD_FILTER ? ExitCodes.USAGE
                    : ExitCodes.CAPTURE_UNAVAILABLE;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cap.stop();
            try {
                done.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wirebook-capture-stop");
        Runtime.getRuntime().addShutdownHook(hook);
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
        CaptureWriter writer = null;
        TextPacketWriter text = null;
        JsonlPacketWriter jsonl = null;
        Output.WriteFailed failed = null;
        try (cap) {
            if (output != null) {
                try {
                    writer = CaptureWriter.create(output, cap.linkType(), cap.snaplen(), iface, true);
                } catch (IOException e) {
                    throw Output.failed(output.toString(), e);
                }
                if (!quiet) {
                    stderr.println("capturing on " + iface + (filter != null ? " (" + filter + ")" : "")
                            + " to " + output + "; Ctrl-C stops");
                }
            } else {
                OutputStream out = Output.named(Output.STDOUT, stdout);
                if (format.jsonl()) {
                    jsonl = new JsonlPacketWriter(out);
                } else {
                    text = new TextPacketWriter(new Utf8Sink(out, 1 << 14), true);
                }
                stderr.println("capturing on " + iface + (filter != null ? " (" + filter + ")" : "") + "; Ctrl-C stops");
            }
            Frame frame = new Frame();
            PacketPipeline pipeline = new PacketPipeline();
            long lastShown = 0;
            while (n < count && cap.next(frame)) {
                n++;
                if (writer != null) {
                    try {
                        writer.write(frame, null);
                    } catch (IOException e) {
                        throw Output.failed(output.toString(), e);
                    }
                    long now = System.nanoTime();
                    if (!quiet && now - lastShown > 200_000_000L) {
                        stderr.print("\r" + packets(n) + " captured");
                        stderr.flush();
                        lastShown = now;
                    }
                } else {
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
        } finally {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    if (failed == null) {
                        failed = Output.failed(output.toString(), e);
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
            // Say it before releasing the shutdown hook: once it returns, the JVM halts.
            if (output == null || writer != null) { // not when the file could not even be created
                stderr.println((output != null && !quiet ? "\r" : "") + packets(n) + " captured"
                        + (output != null ? " to " + output : ""));
            }
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down (Ctrl-C): the hook is running and waits for us.
            }
        }
        return failed == null ? ExitCodes.OK : Output.report(failed, stderr);
    }

    private static String packets(long n) {
        return n == 1 ? "1 packet" : n + " packets";
    }
}
