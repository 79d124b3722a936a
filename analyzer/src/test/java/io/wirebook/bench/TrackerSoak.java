package io.wirebook.bench;

import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import io.wirebook.flow.EvictionPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Bounded-memory proof: streams N packets of N/10 TCP connections, synthesised in memory (no file), through
 * the decoder, the connection tracker and the expert analysis, with summaries built and dropped, and
 * prints throughput and the heap after each million packets.
 *
 * <p>Each connection is ten packets (handshake, a request and a response with their ACKs, a three-way
 * close); {@code concurrency} connections are open at once, interleaved round-robin, 10 microseconds of
 * capture time a packet. Run (after {@code mvn -pl analyzer test-compile}):
 * <pre>
 * java -Xmx512m -cp analyzer/target/classes:analyzer/target/test-classes io.wirebook.bench.TrackerSoak 10000000 2000
 * </pre>
 */
public final class TrackerSoak {
    private static final int SYN = 0x02, ACK = 0x10, FIN = 0x01, PSH = 0x08;

    public static void main(String[] args) {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long[] summaries = new long[1];
        PacketPipeline analysis = PacketPipeline.summarising(EvictionPolicy.defaults(), s -> summaries[0]++, f -> { });
        Frame frame = new Frame();
        frame.linkType = LinkType.RAW;
        frame.data = new byte[1600];
        int[] conn = new int[concurrency];
        int[] step = new int[concurrency];
        int nextConn = 0;
        for (int i = 0; i < concurrency; i++) {
            conn[i] = nextConn++;
        }
        long peakAfterGc = 0;
        long t0 = System.nanoTime(), paused = 0;
        for (long n = 1; n <= packets; n++) {
            int slot = (int) (n % concurrency);
            build(frame, n, conn[slot], step[slot]);
            analysis.next(frame);
            if (++step[slot] == 10) {
                step[slot] = 0;
                conn[slot] = nextConn++;
            }
            if (n % 1_000_000 == 0) {
                long p0 = System.nanoTime();
                System.gc();
                long used = heapUsed();
                peakAfterGc = Math.max(peakAfterGc, used);
                paused += System.nanoTime() - p0;
                double secs = (System.nanoTime() - t0 - paused) / 1e9;
                System.out.printf("%,12d packets %,10d connections  live %,7d  evicted %,10d  heap after GC %6.1f MiB  %,.0f packets/s%n",
                        n, nextConn - concurrency, analysis.tracker().liveConnections(), analysis.tracker().evictedCount(),
                        used / 1048576.0, n / secs);
            }
        }
        analysis.finish();
        double secs = (System.nanoTime() - t0 - paused) / 1e9;
        long peakPools = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakPools += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%,d packets, %,d connections summarised in %.1f s: %,.0f packets/s; max heap %d MiB; "
                        + "peak heap after GC %.1f MiB; peak heap in use (any time) %.1f MiB%n",
                packets, summaries[0], secs, packets / secs, Runtime.getRuntime().maxMemory() / 1048576,
                peakAfterGc / 1048576.0, peakPools / 1048576.0);
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Packet {@code step} (0..9) of connection {@code c}, as a raw IPv4 frame. */
    private static void build(Frame f, long number, int c, int step) {
        boolean fromClient;
        int flags, len = 0;
        long cIsn = 1000L + c, sIsn = 500_000L + c;
        long seq, ack;
        switch (step) {
            case 0: fromClient = true; flags = SYN; seq = cIsn; ack = 0; break;
            case 1: fromClient = false; flags = SYN | ACK; seq = sIsn; ack = cIsn + 1; break;
            case 2: fromClient = true; flags = ACK; seq = cIsn + 1; ack = sIsn + 1; break;
            case 3: fromClient = true; flags = PSH | ACK; seq = cIsn + 1; ack = sIsn + 1; len = 100; break;
            case 4: fromClient = false; flags = ACK; seq = sIsn + 1; ack = cIsn + 101; break;
            case 5: fromClient = false; flags = PSH | ACK; seq = sIsn + 1; ack = cIsn + 101; len = 1000; break;
            case 6: fromClient = true; flags = ACK; seq = cIsn + 101; ack = sIsn + 1001; break;
            case 7: fromClient = true; flags = FIN | ACK; seq = cIsn + 101; ack = sIsn + 1001; break;
            case 8: fromClient = false; flags = FIN | ACK; seq = sIsn + 1001; ack = cIsn + 102; break;
            default: fromClient = true; flags = ACK; seq = cIsn + 102; ack = sIsn + 1002; break;
        }
        byte[] b = f.data;
        int total = 40 + len;
        int clientIp = 0x0A000000 | (c / 50_000 + 1), clientPort = 1024 + c % 50_000;
        int serverIp = 0x0AFF0001, serverPort = 80;
        b[0] = 0x45;
        b[1] = 0;
        b[2] = (byte) (total >> 8);
        b[3] = (byte) total;
        b[8] = 64;
        b[9] = 6;
        putInt(b, 12, fromClient ? clientIp : serverIp);
        putInt(b, 16, fromClient ? serverIp : clientIp);
        int sp = fromClient ? clientPort : serverPort, dp = fromClient ? serverPort : clientPort;
        b[20] = (byte) (sp >> 8);
        b[21] = (byte) sp;
        b[22] = (byte) (dp >> 8);
        b[23] = (byte) dp;
        putInt(b, 24, (int) seq);
        putInt(b, 28, (int) ack);
        b[32] = 0x50;
        b[33] = (byte) flags;
        b[34] = (byte) 0xFF;
        b[35] = (byte) 0xFF;
        f.number = number;
        long micros = number * 10;
        f.epochSeconds = 1_700_000_000L + micros / 1_000_000;
        f.nanos = (int) (micros % 1_000_000) * 1000;
        f.offset = 0;
        f.capturedLength = total;
        f.originalLength = total;
    }

    private static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
