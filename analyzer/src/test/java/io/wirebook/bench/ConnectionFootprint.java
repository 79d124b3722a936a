package io.wirebook.bench;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.pipeline.PacketPipeline;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * What the tracker and the analysis keep per TCP connection and per UDP flow: reads a capture through the
 * pipeline of {@code conversations} (summaries built and dropped), then, before the end of the capture
 * hands the connections over, collects the garbage and divides the heap they hold by their number. With
 * {@code --histogram}, the heap's largest classes as {@code jcmd PID GC.class_histogram} prints them.
 * Run (after {@code mvn -pl analyzer test-compile}; a capture of one kind of flow gives that kind's cost):
 * <pre>
 * java -cp analyzer/target/classes:analyzer/target/test-classes:$(cat cp.txt) io.wirebook.bench.ConnectionFootprint syn-scan.pcap --histogram
 * </pre>
 */
public final class ConnectionFootprint {
    public static void main(String[] args) throws Exception {
        PacketPipeline pipeline = PacketPipeline.summarising(EvictionPolicy.defaults(), s -> { }, f -> { });
        long packets = 0, before = 0, after;
        try (FrameSource src = CaptureFiles.open(args[0])) {
            Frame f = new Frame();
            while (src.next(f)) {
                if (packets == 0) {
                    before = heapAfterGc(); // the reader's window and the pipeline's buffers are not per connection
                }
                pipeline.next(f);
                packets++;
            }
            after = heapAfterGc();
        }
        int tcp = pipeline.tracker().liveConnections(), udp = pipeline.tracker().liveUdpFlows();
        System.out.printf("%,d packets; %,d TCP connections and %,d UDP flows held (%,d evicted); %,d bytes of heap: "
                        + "%,.0f bytes per connection or flow%n", packets, tcp, udp, pipeline.tracker().evictedCount(),
                after - before, (after - before) / (double) Math.max(1, tcp + udp));
        if (args.length > 1 && args[1].equals("--histogram")) {
            String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            h.lines().limit(28).forEach(System.out::println);
        }
        pipeline.finish();
    }

    private static long heapAfterGc() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
