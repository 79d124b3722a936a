package io.wirebook.synth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a classic little-endian pcap file (draft-ietf-opsawg-pcap) through two big buffers.
 *
 * <pre>
 *  File header: d4c3b2a1 (us) or 4d3cb2a1 (ns) as bytes, version 2.4, thiszone 0, sigfigs 0,
 *               snaplen 262144, linktype 1 (EN10MB)
 *  Record:      ts_sec, ts_usec or ts_nsec, incl_len, orig_len (all little-endian), then the frame
 * </pre>
 *
 * Frames are written in place: {@link #reserve} makes room for the largest frame and returns where it goes in
 * {@link #buffer()}, the caller writes it there, {@link #commit} writes the record header in front of it.
 * When a buffer cannot take another largest frame it is handed to a writer thread and the generator goes on
 * in the other one, so generating and the kernel's copy into the page cache overlap on two cores. Memory is
 * the two buffers whatever the file's size; bytes reach the channel in order.
 */
final class PcapOutput {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int SNAPLEN = 262_144;
    static final int LINKTYPE_EN10MB = 1;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final WritableByteChannel channel;
    private final boolean nanos;
    private final ExecutorService writer;
    /** The buffer being filled and the one the writer thread may still be writing. */
    private byte[] buf;
    private byte[] spare;
    /** The writer thread's job for {@link #spare}, or null when it is free. */
    private Future<?> writing;
    private int pos;
    private int recordStart;
    private long flushed;

    /**
     * @param bufferSize bytes in each of the two buffers; at least twice the largest frame
     */
    PcapOutput(WritableByteChannel channel, boolean nanos, int bufferSize) {
        if (bufferSize < 2 * (RECORD_HEADER_LENGTH + FrameWriter.MAX_FRAME)) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes cannot hold two largest frames");
        }
        this.channel = channel;
        this.nanos = nanos;
        this.buf = new byte[bufferSize];
        this.spare = new byte[bufferSize];
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pcap-writer");
            t.setDaemon(true);
            return t;
        });
        LE_INT.set(buf, 0, nanos ? MAGIC_NANOS : MAGIC_MICROS);
        LE_SHORT.set(buf, 4, (short) 2);
        LE_SHORT.set(buf, 6, (short) 4);
        LE_INT.set(buf, 8, 0);
        LE_INT.set(buf, 12, 0);
        LE_INT.set(buf, 16, SNAPLEN);
        LE_INT.set(buf, 20, LINKTYPE_EN10MB);
        pos = FILE_HEADER_LENGTH;
    }

    /** The buffer the last {@link #reserve} made room in (it changes when a buffer is handed off). */
    byte[] buffer() {
        return buf;
    }

    /** Makes room for a frame of up to {@code maxLength} bytes and returns the index where it goes. */
    int reserve(int maxLength) throws IOException {
        if (buf.length - pos < RECORD_HEADER_LENGTH + maxLength) {
            handOff();
        }
        recordStart = pos;
        return pos + RECORD_HEADER_LENGTH;
    }

    /** Ends the frame begun by the last {@link #reserve}: {@code length} bytes stamped {@code timeNanos}. */
    void commit(long timeNanos, int length) {
        long seconds = timeNanos / 1_000_000_000L;
        int fraction = (int) (timeNanos - seconds * 1_000_000_000L);
        LE_INT.set(buf, recordStart, (int) seconds);
        LE_INT.set(buf, recordStart + 4, nanos ? fraction : fraction / 1000);
        LE_INT.set(buf, recordStart + 8, length);
        LE_INT.set(buf, recordStart + 12, length);
        pos = recordStart + RECORD_HEADER_LENGTH + length;
    }

    /** Bytes written so far, buffered or not. */
    long length() {
        return flushed + pos;
    }

    /** Writes everything to the channel and stops the writer thread; the output cannot be used afterwards. */
    void finish() throws IOException {
        try {
            handOff();
            await();
        } finally {
            writer.shutdownNow();
        }
    }

    /** Waits for the spare buffer to be written, then hands the full one to the writer and fills the other. */
    private void handOff() throws IOException {
        await();
        byte[] full = buf;
        int length = pos;
        writing = writer.submit(() -> {
            ByteBuffer window = ByteBuffer.wrap(full, 0, length);
            while (window.hasRemaining()) {
                channel.write(window);
            }
            return null;
        });
        buf = spare;
        spare = full;
        flushed += length;
        pos = 0;
    }

    private void await() throws IOException {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the capture");
        } finally {
            writing = null;
        }
    }
}
