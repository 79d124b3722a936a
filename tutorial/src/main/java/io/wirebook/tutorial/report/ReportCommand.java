package io.wirebook.tutorial.report;

import io.wirebook.cli.ErrorLine;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.cli.ExitCodes;
import io.wirebook.cli.OpenFailure;
import io.wirebook.cli.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirebook report FILE [-o DIR]}: a capture as HTML and Markdown pages, drawn as the book draws its scenarios. */
@Command(name = "report", exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = {"Write an HTML report of a capture: its connections, findings and ladders.",
                "Write an HTML report of a pcap or pcapng file (DIR/index.html; Markdown with SVG ladders in "
                + "DIR/md/): a summary (packets, protocols, tshark's expert findings counted by kind), every TCP "
                + "connection and UDP flow in tables of 2000 rows a page (states, Zeek conn_state and history, "
                + "findings, ICMP errors), and a page of its own for up to --max-pages TCP connections, those with "
                + "the most expert findings first, then the earliest: the connection's ladder (its first "
                + "--ladder-packets packets), its findings in plain words and its packet table (the first "
                + "--page-packets packets). The file is read twice (standard input cannot be); memory stays "
                + "bounded whatever its size: table rows past 8 MiB a table go to sorted runs in java.io.tmpdir. "
                + "On a terminal a progress line of each pass goes to standard error once it takes more than 2 s "
                + "(not under CI; -q: none)."},
        footer = "%nExit codes:%n  0  ok%n  1  usage error%n"
                + "  2  the capture is damaged: the report covers the packets before the damage, and one line names it%n"
                + "  3  cannot open the capture (missing, unreadable, not a pcap/pcapng file)%n"
                + "  5  cannot write the report (or the temporary files of its tables)%n"
                + ExitCodes.OUT_OF_MEMORY_HELP)
public final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    io.wirebook.cli.HelpOptions helpOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The capture: pcap or pcapng, any link type Wirebook reads")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where the report goes (default: report)")
    Path output = Path.of("report");

    @Option(names = "--max-pages", paramLabel = "N", defaultValue = "100",
            description = "TCP connections that get a page of their own (default: ${DEFAULT-VALUE}; 0: none)")
    int maxPages;

    @Option(names = "--ladder-packets", paramLabel = "N", defaultValue = "60",
            description = "Packets drawn in each connection's ladder, from its first (default: ${DEFAULT-VALUE})")
    int ladderPackets;

    @Option(names = "--page-packets", paramLabel = "N", defaultValue = "1000",
            description = "Rows of each connection's packet table, from its first packet (default: ${DEFAULT-VALUE})")
    int pagePackets;

    @Option(names = {"-q", "--quiet"}, description = "No progress line and no closing summary line on standard error")
    boolean quiet;

    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        if (maxPages < 0 || ladderPackets < 1 || pagePackets < 1) {
            stderr.println("wirebook: report: --max-pages must be 0 or more, --ladder-packets and --page-packets 1 or more");
            return ExitCodes.USAGE;
        }
        if (file.equals("-")) {
            stderr.println("wirebook: report: reads its capture twice, so it needs a file, not standard input");
            return ExitCodes.USAGE;
        }
        long t0 = System.nanoTime();
        long size;
        try {
            CaptureFiles.open(file).close(); // the errors of opening, before anything is written
            size = Files.size(Path.of(file));
        } catch (IOException e) {
            stderr.println(ErrorLine.of(OpenFailure.line(file, e))); // as read and conversations say it
            return ExitCodes.CANNOT_OPEN;
        }
        CaptureReport.Limits limits = new CaptureReport.Limits(maxPages, ladderPackets, pagePackets,
                CaptureReport.Limits.DEFAULT.findingRows(), CaptureReport.Limits.DEFAULT.rowsPerTablePage());
        CaptureReport report = new CaptureReport(limits, pass -> Progress.on(stderr, null, quiet, true,
                Progress.Environment.PROCESS, "pass " + pass + " of 2: ", size, 0));
        int files;
        try {
            try {
                report.read(() -> CaptureFiles.open(file));
            } catch (IOException e) {
                stderr.println(ErrorLine.of("wirebook: report: the tables' temporary files: " + e.getMessage()
                        + " (WIREBOOK_JAVA_OPTS=-Djava.io.tmpdir=DIR moves them)"));
                return ExitCodes.CANNOT_WRITE;
            }
            try {
                Files.createDirectories(output);
                files = new ReportWriter(report, file).write(output);
            } catch (IOException e) {
                stderr.println(ErrorLine.of("wirebook: report: cannot write " + output + ": " + reason(e)));
                return ExitCodes.CANNOT_WRITE;
            }
        } finally {
            try {
                report.close();
            } catch (IOException e) {
                // the temporary files are in java.io.tmpdir; a leftover is not the user's report
            }
        }
        if (!quiet) {
            stderr.printf("wirebook: report: %,d packets, %,d TCP connection%s (%d with a page), %,d UDP flow%s: %s/index.html"
                    + " (%d files, %.1f s)%n", report.packets, report.tcpConnections, report.tcpConnections == 1 ? "" : "s", report.pages.size(), report.udpFlows, report.udpFlows == 1 ? "" : "s",
                    output, files, (System.nanoTime() - t0) / 1e9);
        }
        if (report.fault != null) {
            stderr.println(ErrorLine.of("wirebook: " + report.fault));
            return ExitCodes.INPUT_ERROR;
        }
        return ExitCodes.OK;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
