package io.wirebook.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A fixed-size window over a byte stream, shared by the file readers.
 *
 * <p>Bytes arrive from a {@link ReadableByteChannel} into one {@code byte[]} that is allocated once, at
 * construction, and never grown: a length field in the file can make a reader ask for more bytes, but never for
 * more memory. Readers hand frames out as views into this array ({@link Frame#data}, {@link Frame#offset}), so
 * a frame costs no allocation; when the unread tail gets short the remaining bytes are moved to the front
 * (compaction) and the rest of the array is refilled. A view is therefore valid only until the next
 * {@link #fill}.
 *
 * <p>Not thread-safe; one reader owns one input.
 */
final class CaptureInput {
    /**
     * Default window: pcapng's largest legal block (16 MiB, libpcap's limit) plus slack, so any block or record
     * the readers accept fits whole.
     */
    static final int DEFAULT_CAPACITY = 16 * 1024 * 1024 + 64 * 1024;

    /**
     * Largest single read, and the size of the direct staging buffer used for FileChannels.
     *
     * <p>Measured with {@code ReadThroughput --io} on a 496 MB pcap in the page cache (best of 7, JDK 17, 2
     * shared vCPUs), reading the file into the 16 MiB window: 1 MiB reads took about 270 ms whichever way they
     * were done (each read's data no longer fits the CPU caches before it is copied again); 256 KiB reads took
     * 117-137 ms when the FileChannel read straight into the heap window (the JDK stages such reads through a
     * temporary direct buffer of its own) and 100-102 ms into our own direct buffer followed by a copy; 64 KiB
     * was 112-148 ms and 16 KiB 127-265 ms (more system calls).
     */
    static final int MAX_READ = 256 * 1024;

    /**
     * The window's first size: an input that fits (a small file, the start of any file) never has the whole
     * window made. Allocating and zeroing 16 MiB was a tenth of a 10-packet file's {@code read}, in a heap that
     * starts at 16 MiB. A larger input grows the window to its capacity the first time it would move its
     * tail to the front, so from its first MiB on it is read exactly as before.
     */
    static final int FIRST_WINDOW = 1024 * 1024;

    /*
     * Why a hand-written reader, measured with ReadThroughput (test scope) on a 496 MB, 1M-packet pcap in the
     * page cache, JDK 17 on 2 shared vCPUs:
     *  - this reader, warmed up: 0.15-0.16 s per pass (6-6.8 M frames/s, about 3 GB/s), and no allocation
     *    per frame: each pass allocates the window and about 1 KB besides;
     *  - pcap4j 1.8's offline reader (libpcap through JNA, already a dependency for live capture):
     *    3.1-5.6 s per pass (0.18-0.32 M frames/s) and about 920 bytes allocated per frame;
     *  - DataInputStream over a BufferedInputStream with a new byte[] per packet: 0.19-0.28 s, nearly as fast
     *    but 500 bytes of garbage per frame (half a gigabyte per pass) and a copy that cannot be avoided.
     * For the fields themselves, walking 64 MiB of record headers with byte-array VarHandles, with a
     * ByteBuffer's getInt and with hand-written shifts took the same time, 13-20 ms each, within the noise
     * (2.4-4.0 ms each in a later run here, with and without the optimising compiler). The fields are read
     * with {@link Bytes}, the shifts every stage shares, either byte order straight from the array the frames
     * point into, with no ByteBuffer whose order() would have to follow each pcapng section.
     */

    /** Name of the input for messages: a path or {@code <stdin>}. */
    final String name;
    /** The window. Bytes {@code [pos, limit)} are read from the channel and not yet consumed. */
    byte[] buf;
    /** First unconsumed byte in {@link #buf}; readers advance it past each record they accept. */
    int pos;
    private int limit;
    /** File offset of {@code buf[0]}. */
    private long bufStart;
    private boolean eof;
    private final ReadableByteChannel channel;
    /** The one ByteBuffer over {@link #buf}, repositioned for each read; re-created only when buf grows. */
    private ByteBuffer window;
    /** The most {@link #buf} may hold: it starts at {@link #FIRST_WINDOW} at most and grows to this once. */
    private final int capacity;
    /**
     * For FileChannels, a direct buffer the channel reads into before the bytes are copied into the window
     * (see {@link #MAX_READ} for why); null for other channels, which read into the window directly: a
     * stream-backed channel such as {@code Channels.newChannel(System.in)} copies through a byte[] of its
     * own and would only gain a copy.
     */
    private final ByteBuffer staging;

    CaptureInput(String name, ReadableByteChannel channel, int capacity) {
        if (capacity < 64) {
            throw new IllegalArgumentException("capacity " + capacity + " is too small");
        }
        this.name = name;
        this.channel = channel;
        this.capacity = capacity;
        this.buf = new byte[Math.min(capacity, FIRST_WINDOW)];
        this.window = ByteBuffer.wrap(buf);
        this.staging = channel instanceof FileChannel ? ByteBuffer.allocateDirect(MAX_READ) : null;
    }

    /** Size of the window: nothing longer than this can ever be made available. */
    int capacity() {
        return capacity;
    }

    /** Bytes available from {@link #pos} without reading. */
    int available() {
        return limit - pos;
    }

    /** File offset of the next unconsumed byte. */
    long position() {
        return bufStart + pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #pos} (which may move: re-read it afterwards).
     *
     * @return false when the input ends first; {@link #available()} then says how many bytes there were
     */
    boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        return refill(n);
    }

    private boolean refill(int n) throws IOException {
        if (n > capacity) {
            throw new IllegalArgumentException("cannot hold " + n + " bytes in a window of " + capacity);
        }
        if (buf.length < capacity && (buf.length - pos < n || buf.length - limit < MAX_READ)) {
            // The first window is full: the whole window from now on, the unread tail moved to its front.
            byte[] grown = new byte[capacity];
            int keep = limit - pos;
            System.arraycopy(buf, pos, grown, 0, keep);
            buf = grown;
            window = ByteBuffer.wrap(buf);
            bufStart += pos;
            pos = 0;
            limit = keep;
        }
        // Move the unread tail (fewer than n bytes) to the front when what follows it cannot take a full read
        // or the record would not fit. The copy is at most one partial record.
        if (pos > 0 && (buf.length - pos < n || buf.length - limit < MAX_READ)) {
            int keep = limit - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            bufStart += pos;
            pos = 0;
            limit = keep;
        }
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            // Ask for up to MAX_READ but stop as soon as n bytes are here: a pipe fed by a live capture must not
            // wait for a full window before the frames already received are delivered.
            int r = read(Math.min(buf.length - limit, MAX_READ));
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return true;
    }

    /** One channel read of at most {@code max} bytes appended at {@link #limit}. */
    private int read(int max) throws IOException {
        if (staging == null) {
            window.limit(limit + max).position(limit);
            return channel.read(window);
        }
        staging.clear().limit(max);
        int r = channel.read(staging);
        if (r > 0) {
            staging.flip();
            staging.get(buf, limit, r);
        }
        return r;
    }

    int u8(int index) {
        return Bytes.u8(buf, index);
    }

    int u16(int index, boolean bigEndian) {
        return bigEndian ? Bytes.u16(buf, index) : Bytes.u16le(buf, index);
    }

    int i32(int index, boolean bigEndian) {
        return bigEndian ? Bytes.i32(buf, index) : Bytes.i32le(buf, index);
    }

    long u32(int index, boolean bigEndian) {
        return i32(index, bigEndian) & 0xFFFF_FFFFL;
    }

    long i64(int index, boolean bigEndian) {
        return bigEndian ? Bytes.i64(buf, index) : Bytes.i64le(buf, index);
    }

    void close() throws IOException {
        channel.close();
    }
}
