package io.wirebook.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Throughput benchmark (not a unit test): reads every frame of a capture several times and prints frames/s,
 * MB/s and the bytes allocated per frame. With {@code --fields} it also compares ways of reading the record
 * header fields over the first 64 MiB of the file held in memory; {@code --io} compares ways of reading the
 * file from a FileChannel; {@code --stream} and {@code --pcap4j} time other ways of reading the whole file.
 * These are the measurements quoted in {@link CaptureInput}.
 *
 * <pre>
 *   python3 /work/shared/tools/gen_pcap.py 1000000 1 /tmp/gen1m.pcap
 *   cd analyzer && mvn -q test-compile
 *   java -cp target/classes:target/test-classes io.wirebook.capture.ReadThroughput /tmp/gen1m.pcap 5 --fields --io
 *   (--pcap4j also needs pcap4j and JNA on the class path, and -Dorg.pcap4j.core.pcapLibName=/path/to/libpcap.so.N)
 * </pre>
 */
public final class ReadThroughput {
    private ReadThroughput() {}

    public static void main(String[] args) throws IOException {
        String path = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long size = path.equals("-") ? 0 : Files.size(Path.of(path));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long frames = 0;
            long checksum = 0;
            try (FrameSource source = CaptureFiles.open(path)) {
                Frame f = new Frame();
                while (source.next(f)) {
                    frames++;
                    checksum += f.capturedLength + f.nanos + f.data[f.offset];
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
            System.out.printf("round %d: %,d frames in %.3f s (cpu %.3f s) = %,.0f frames/s, %,.0f MB/s; "
                            + "allocated %,d bytes (%.4f per frame); checksum %d%n", round, frames, seconds,
                    cpu / 1e9, frames / seconds, size / seconds / 1e6, allocated, (double) allocated / frames,
                    checksum);
            if (path.equals("-")) {
                break;
            }
        }
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--fields": fields(path); break;
                case "--stream": alternative(path, rounds, ReadThroughput::dataInputStream); break;
                case "--pcap4j": alternative(path, rounds, ReadThroughput::pcap4j); break;
                case "--io": ioVariants(path); break;
                default: throw new IllegalArgumentException(args[i]);
            }
        }
    }

    // ---- whole-file alternatives to the hand-written reader, for comparison ----

    private interface Alternative {
        long[] read(String path) throws Exception; // {frames, checksum}
    }

    private static void alternative(String path, int rounds, Alternative a) throws IOException {
        long size = Files.size(Path.of(path));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long[] r;
            try {
                r = a.read(path);
            } catch (Exception e) {
                throw new IOException(e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
            System.out.printf("  alternative round %d: %,d frames in %.3f s (cpu %.3f s) = %,.0f frames/s, "
                    + "%,.0f MB/s; %.1f bytes allocated per frame; checksum %d%n", round, r[0], seconds, cpu / 1e9,
                    r[0] / seconds, size / seconds / 1e6, (double) allocated / r[0], r[1]);
        }
    }

    /**
     * The I/O floor, and the measurement behind {@link CaptureInput#MAX_READ}: a FileChannel reading straight
     * into the heap window versus into a direct buffer copied into the window, at several read sizes; best of 7.
     */
    private static void ioVariants(String path) throws IOException {
        byte[] buf = new byte[CaptureInput.DEFAULT_CAPACITY];
        int[] sizes = {16 << 10, 64 << 10, 256 << 10, 1 << 20};
        double[][] best = new double[2][sizes.length];
        for (double[] b : best) {
            java.util.Arrays.fill(b, Double.MAX_VALUE);
        }
        for (int round = 0; round < 7; round++) {
            for (int i = 0; i < sizes.length; i++) {
                int size = sizes[i];
                for (int staged = 0; staged < 2; staged++) {
                    ByteBuffer heap = ByteBuffer.wrap(buf);
                    ByteBuffer direct = staged == 1 ? ByteBuffer.allocateDirect(size) : null;
                    long start = System.nanoTime();
                    try (var ch = java.nio.channels.FileChannel.open(Path.of(path))) {
                        int limit = 0;
                        while (true) {
                            if (buf.length - limit < size) {
                                limit = 0;
                            }
                            int n;
                            if (direct == null) {
                                heap.limit(limit + size).position(limit);
                                n = ch.read(heap);
                            } else {
                                direct.clear();
                                n = ch.read(direct);
                                if (n > 0) {
                                    direct.flip();
                                    direct.get(buf, limit, n);
                                }
                            }
                            if (n < 0) {
                                break;
                            }
                            limit += n;
                        }
                    }
                    best[staged][i] = Math.min(best[staged][i], (System.nanoTime() - start) / 1e6);
                }
            }
        }
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf("reads of %4d KiB: FileChannel into the heap window %.0f ms, through a direct buffer"
                    + " %.0f ms%n", sizes[i] >> 10, best[0][i], best[1][i]);
        }
    }

    /** The obvious stream code: DataInputStream over a BufferedInputStream, a new byte[] per packet. */
    private static long[] dataInputStream(String path) throws IOException {
        long frames = 0;
        long checksum = 0;
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(Path.of(path)), 1 << 16))) {
            in.skipNBytes(24);
            byte[] header = new byte[16];
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            while (in.read(header, 0, 1) == 1) {
                in.readFully(header, 1, 15);
                int incl = h.getInt(8);
                byte[] data = new byte[incl];
                in.readFully(data);
                frames++;
                checksum += incl + (h.getInt(4) * 1000) + data[0];
            }
        }
        return new long[] {frames, checksum};
    }

    /** pcap4j 1.8 (libpcap through JNA), which the project already depends on for live capture. */
    private static long[] pcap4j(String path) throws Exception {
        long frames = 0;
        long checksum = 0;
        org.pcap4j.core.PcapHandle handle = org.pcap4j.core.Pcaps.openOffline(path);
        try {
            while (true) {
                byte[] data;
                try {
                    data = handle.getNextRawPacketEx();
                } catch (java.io.EOFException end) {
                    break;
                }
                frames++;
                checksum += data.length + handle.getTimestamp().getNanos() + data[0];
            }
        } finally {
            handle.close();
        }
        return new long[] {frames, checksum};
    }

    // ---- field-reading variants over an in-memory pcap ----

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static void fields(String path) throws IOException {
        byte[] all;
        try (var in = Files.newInputStream(Path.of(path))) {
            all = in.readNBytes(64 << 20);
        }
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        boolean big = false;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            long a = walkVarHandle(all, big);
            long t1 = System.nanoTime();
            long b = walkByteBuffer(bb);
            long t2 = System.nanoTime();
            long c = walkShifts(all, big);
            long t3 = System.nanoTime();
            if (round >= 5) {
                System.out.printf("fields over 64 MiB: VarHandle %.1f ms, ByteBuffer %.1f ms, shifts %.1f ms (%d %d %d)%n",
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, a, b, c);
            }
        }
    }

    /** Walks record headers, summing the four fields of each, as the reader does. */
    private static long walkVarHandle(byte[] buf, boolean big) {
        long sum = 0;
        int p = 24;
        while (p + 16 <= buf.length) {
            long sec = (big ? (int) BE_INT.get(buf, p) : (int) LE_INT.get(buf, p)) & 0xFFFF_FFFFL;
            long frac = (big ? (int) BE_INT.get(buf, p + 4) : (int) LE_INT.get(buf, p + 4)) & 0xFFFF_FFFFL;
            int incl = big ? (int) BE_INT.get(buf, p + 8) : (int) LE_INT.get(buf, p + 8);
            int orig = big ? (int) BE_INT.get(buf, p + 12) : (int) LE_INT.get(buf, p + 12);
            sum += sec + frac + orig;
            p += 16 + incl;
        }
        return sum;
    }

    private static long walkByteBuffer(ByteBuffer bb) {
        long sum = 0;
        int p = 24;
        int n = bb.capacity();
        while (p + 16 <= n) {
            long sec = bb.getInt(p) & 0xFFFF_FFFFL;
            long frac = bb.getInt(p + 4) & 0xFFFF_FFFFL;
            int incl = bb.getInt(p + 8);
            int orig = bb.getInt(p + 12);
            sum += sec + frac + orig;
            p += 16 + incl;
        }
        return sum;
    }

    private static long walkShifts(byte[] buf, boolean big) {
        long sum = 0;
        int p = 24;
        while (p + 16 <= buf.length) {
            long sec = shiftInt(buf, p, big) & 0xFFFF_FFFFL;
            long frac = shiftInt(buf, p + 4, big) & 0xFFFF_FFFFL;
            int incl = shiftInt(buf, p + 8, big);
            int orig = shiftInt(buf, p + 12, big);
            sum += sec + frac + orig;
            p += 16 + incl;
        }
        return sum;
    }

    private static int shiftInt(byte[] b, int i, boolean big) {
        return big
                ? (b[i] << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF)
                : (b[i + 3] << 24) | ((b[i + 2] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }
}
