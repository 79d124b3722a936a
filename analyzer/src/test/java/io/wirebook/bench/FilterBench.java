package io.wirebook.bench;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.filter.DisplayFilter;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What a display filter costs per packet: the pipeline alone, then the pipeline with each filter testing
 * every packet once (as {@code read -Y} does) and twenty times, whose difference from the pipeline alone
 * is twenty tests (nanoseconds per test, on the reused result as the command tests it).
 * Usage: FilterBench FILE [ROUNDS] (the numbers in the README's "Display filters" were made with it).
 */
public final class FilterBench {
    private static final String[] FILTERS = {
        "tcp.analysis.retransmission",
        "tcp.port == 443 or udp.port == 53",
        "ip.addr == 10.0.0.0/8 and tcp.flags has SYN and not tcp.flags.ack == 1",
        "tcp.stream in {1..100, 500} or (tcp.len > 1000 and tcp.analysis.ack_rtt > 0.001) or icmp",
    };

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<DisplayFilter> filters = new ArrayList<>();
        for (String e : FILTERS) {
            filters.add(DisplayFilter.compile(e));
        }
        for (int r = 0; r < rounds; r++) {
            double base = run(args[0], null, 0);
            for (DisplayFilter f : filters) {
                run(args[0], f, 1);
                double many = run(args[0], f, REPEATS);
                System.out.printf("  one test of %s: %.1f ns/packet%n", f.expression(), (many - base) / REPEATS);
            }
        }
    }

    /** Each packet tested this many times on the reused result, as read tests it (once), to see one test's cost. */
    private static final int REPEATS = 20;

    /** Reads the file through the pipeline, testing each packet {@code repeats} times; nanoseconds per packet. */
    private static double run(String file, DisplayFilter filter, int repeats) throws Exception {
        long t0 = System.nanoTime(), n = 0, kept = 0;
        PacketPipeline pipeline = new PacketPipeline();
        Frame f = new Frame();
        try (FrameSource src = CaptureFiles.open(file)) {
            while (src.next(f)) {
                PacketResult r = pipeline.next(f);
                n++;
                for (int k = 0; k < repeats; k++) {
                    if (filter.test(r)) {
                        kept++;
                    }
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("pipeline%s: %,d packets in %.2f s (%,.0f/s)%s%n",
                filter == null ? "" : " + " + repeats + " x " + filter.expression(), n, s, n / s,
                filter == null ? "" : String.format(", %,d kept", kept / repeats));
        return s * 1e9 / n;
    }
}
