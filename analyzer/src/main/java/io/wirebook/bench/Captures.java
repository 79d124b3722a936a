package io.wirebook.bench;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.capture.LinkType;
import io.wirebook.capture.PcapngWriter;
import io.wirebook.synth.SynthOptions;
import io.wirebook.synth.SyntheticCapture;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The captures of a bench run, made in its work directory by Wirebook's own generator ({@code wirebook
 * generate}'s {@link SyntheticCapture}, seeded) and kept there under names that say how they were made
 * ({@code bench-seed1-1000000.pcap}), so a later run with the same directory, seed and size reuses them.
 * Each file is written under a temporary name and renamed when whole, so a run stopped while generating
 * never leaves a short file that a later run would take for a good one.
 */
public final class Captures {
    private Captures() {}

    /** Frames per pcapng write: the writer makes one write call per frame, so it gets a buffer in front. */
    private static final int WRITE_BUFFER = 1 << 20;

    /** The file name for a capture of {@code packets} with {@code seed}, pcap or pcapng. */
    public static String fileName(long seed, long packets, boolean pcapng) {
        return "bench-seed" + seed + "-" + packets + (pcapng ? ".pcapng" : ".pcap");
    }

    /**
     * The generator's classic pcap of {@code packets} packets, made unless it is in {@code dir} already.
     *
     * @return true when it was made now
     */
    public static boolean ensurePcap(Path file, long seed, long packets) throws IOException {
        if (Files.isRegularFile(file)) {
            return false;
        }
        Path part = partial(file);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            SyntheticCapture.generate(SynthOptions.of(packets).withSeed(seed), out, null);
        }
        onDisk(part);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * The same frames as pcapng (Wirebook's writer: a section, one interface with nanosecond timestamps,
     * an enhanced packet block per frame), made from {@code pcap} unless it is there already.
     *
     * @return true when it was made now
     */
    public static boolean ensurePcapng(Path file, Path pcap) throws IOException {
        if (Files.isRegularFile(file)) {
            return false;
        }
        Path part = partial(file);
        Frame f = new Frame();
        try (FrameSource in = CaptureFiles.open(pcap.toString());
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), WRITE_BUFFER);
                PcapngWriter w = new PcapngWriter(out, LinkType.EN10MB, 262_144, null, false)) {
            while (in.next(f)) {
                w.write(f);
            }
        }
        onDisk(part);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * Waits until the file's bytes are on disk (fsync), so that the kernel's writeback of the gigabytes just
     * written does not fall on the first commands measured: seen twice, a whole bench's first Wirebook
     * rows ran while 15 GB went to disk, and its tcpdump and tshark rows, later, did not.
     */
    private static void onDisk(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /** Frames in a capture, counted by reading it. */
    public static long countFrames(Path file) throws IOException {
        Frame f = new Frame();
        long n = 0;
        try (FrameSource in = CaptureFiles.open(file.toString())) {
            while (in.next(f)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Reads the whole file once, so every command then reads it from the page cache and none pays for the
     * disk (the first would otherwise).
     */
    public static void warm(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(b) >= 0) {
                b.clear();
            }
        }
    }
}
