package io.wirebook.synth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;

/**
 * Measures the generator (not a unit test; run by hand). CPU time of the generating thread is reported
 * beside wall time because the build machines are shared: other jobs stretch wall time, not CPU time.
 *
 * <pre>
 * mvn -q -B -pl analyzer test-compile
 * java -cp analyzer/target/classes:analyzer/target/test-classes io.wirebook.synth.GenerateBenchmark [PACKETS] [CONNECTIONS]
 * </pre>
 *
 * It runs the generator five times into a channel that discards the bytes (so the disk is not measured),
 * then times the two ways of checksumming payloads over the same slices: summing the bytes and
 * {@link PayloadPool#sum}'s two reads of prefix sums.
 */
public final class GenerateBenchmark {
    private GenerateBenchmark() {}

    public static void main(String[] args) throws IOException {
        long packets = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long connections = args.length > 1 ? Long.parseLong(args[1]) : 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SynthOptions options = SynthOptions.of(packets).withConnections(connections);
        for (int run = 1; run <= 5; run++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            SynthSummary s = SyntheticCapture.generate(options, new Discard(), null);
            long wall = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("run %d: %d packets, %d MB: %.2f s wall, %.2f s CPU, %.0f ns CPU per packet%n", run,
                    s.packets(), s.bytes() >> 20, wall / 1e9, cpu / 1e9, cpu / (double) s.packets());
        }
        checksums(threads);
    }

    /** Payload checksums over a million slices with the generator's response-size mix. */
    private static void checksums(ThreadMXBean threads) {
        SplittableRandom rng = new SplittableRandom(1);
        PayloadPool pool = new PayloadPool(rng);
        TrafficModel m = new TrafficModel(2, 0, 0);
        int n = 1_000_000;
        int[] off = new int[n];
        int[] len = new int[n];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            len[i] = Math.min(m.responseSize(), 16_384);
            off[i] = pool.offset(rng, len[i]);
            bytes += len[i];
        }
        for (int round = 0; round < 3; round++) {
            long plain = 0;
            long wide = 0;
            long prefix = 0;
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                plain += InternetChecksum.finish(plainSum(pool.bytes, off[i], len[i]));
            }
            long c1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                wide += InternetChecksum.finish(InternetChecksum.add(0, pool.bytes, off[i], len[i]));
            }
            long c2 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                prefix += InternetChecksum.finish(pool.sum(off[i], len[i]));
            }
            long c3 = threads.getCurrentThreadCpuTime();
            System.out.printf("checksum of %d payloads (%d MB): 16-bit loop %.0f ms, 64-bit loop %.0f ms, "
                    + "prefix sums %.1f ms (%s)%n", n, bytes >> 20, (c1 - c0) / 1e6, (c2 - c1) / 1e6, (c3 - c2) / 1e6,
                    plain == wide && wide == prefix ? "same checksums" : "CHECKSUMS DIFFER");
        }
    }

    /** The textbook loop: one 16-bit word at a time. */
    private static long plainSum(byte[] b, int off, int len) {
        long s = 0;
        int i = off;
        for (int end = off + len - 1; i < end; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xFF) << 8;
        }
        return s;
    }

    /** Counts and drops what is written. */
    private static final class Discard implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
