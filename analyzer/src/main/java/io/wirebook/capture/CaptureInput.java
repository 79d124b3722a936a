package io.wirebook.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
     * <p>Measured on a 496 MB, 1M-packet pcap in the page cache (best of 7, JDK 17, 2 vCPUs): letting a
     * FileChannel read straight into the heap window took 279 ms with 1 MiB reads, 182 ms with 256 KiB and
     * 158 ms with 64 KiB (the JDK stages every heap read through a temporary direct buffer of the read's size,
     * and the bigger it is the worse it does); reading into our own direct buffer and copying into the window
     * took 122 ms at 256 KiB and 131 ms at 64 KiB. Fewer, larger syscalls beyond that bought nothing.
     */
    static final int MAX_READ = 256 * 1024;

    /*
     * Integer fields are read with byte-array views rather than ByteBuffer.getInt or DataInput. Measured on
     * the 1M-packet benchmark (ReadThroughput in the tests): a reusable ByteBuffer was as fast once inlined, but
     * switching its order() per pcapng section and bounds-checking through two objects made the code longer,
     * not faster; DataInputStream reads through a stream (a copy per field, no random access to the trailing
     * block length) and was several times slower. VarHandle gets compile to a single bounds-checked load plus
     * a byte swap where needed, which is what hand-written shifts would give, in one line per width.
     */
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Name of the input for messages: a path or {@code <stdin>}. */
    final String name;
    /** The window. Bytes {@code [pos, limit)} are read from the channel and not yet consumed. */
    final byte[] buf;
    /** First unconsumed byte in {@link #buf}; readers advance it past each record they accept. */
    int pos;
    private int limit;
    /** File offset of {@code buf[0]}. */
    private long bufStart;
    private boolean eof;
    private final ReadableByteChannel channel;
    /** The one ByteBuffer over {@link #buf}, repositioned for each read; never re-created. */
    private final ByteBuffer window;
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
        this.buf = new byte[capacity];
        this.window = ByteBuffer.wrap(buf);
        this.staging = channel instanceof FileChannel ? ByteBuffer.allocateDirect(MAX_READ) : null;
    }

    /** Size of the window: nothing longer than this can ever be made available. */
    int capacity() {
        return buf.length;
    }

    /** Bytes available from {@link #pos} without reading. */
    int available() {
        return limit - pos;
    }

    /** File offset of {@code buf[index]}. */
    long offsetOf(int index) {
        return bufStart + index;
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
        if (n > buf.length) {
            throw new IllegalArgumentException("cannot hold " + n + " bytes in a window of " + buf.length);
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
        return buf[index] & 0xFF;
    }

    int u16(int index, boolean bigEndian) {
        short v = bigEndian ? (short) BE_SHORT.get(buf, index) : (short) LE_SHORT.get(buf, index);
        return v & 0xFFFF;
    }

    int i32(int index, boolean bigEndian) {
        return bigEndian ? (int) BE_INT.get(buf, index) : (int) LE_INT.get(buf, index);
    }

    long u32(int index, boolean bigEndian) {
        return i32(index, bigEndian) & 0xFFFF_FFFFL;
    }

    long i64(int index, boolean bigEndian) {
        return bigEndian ? (long) BE_LONG.get(buf, index) : (long) LE_LONG.get(buf, index);
    }

    void close() throws IOException {
        channel.close();
    }
}
