package io.wirebook.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What the pcap and pcapng writers share: each builds a record in {@link #buf} and hands it to the file with
 * one write call, flushed at once when {@code flushEachRecord} is on (see {@link CaptureWriter} for why).
 *
 * <p>A write that fails part way (the file system filled up in the middle of a record: the kernel wrote what
 * fitted, then said ENOSPC) would leave half a record at the end. So the writer counts the bytes of whole
 * records and, when a write fails on a file, truncates it back to that length before it reports the error:
 * the file then ends on the last whole record, and every reader opens it without a warning.
 *
 * <p>A frame whose bytes are in the kernel's ring ({@link Frame#direct}, a live capture's dispatch) is written
 * to a file with one gathering write(2) ({@code writev}: the record's header from {@link #buf}, the packet
 * from where the kernel put it, the rest from {@link #tail}), so the writer copies none of its bytes; tcpdump
 * -w writes from libpcap's buffer too. Other frames are copied into {@link #buf} and written with one
 * write(2), as before: for a file reader's small records a gathering write saves nothing.
 */
abstract sealed class CaptureFileWriter implements CaptureWriter permits PcapWriter, PcapngWriter {
    /** The record being built; {@link BlockBuffer#reset} before each. */
    final BlockBuffer buf = new BlockBuffer();
    /** What follows a packet's bytes in its record (padding, options, a trailing length): see {@link #writeRecord(Frame)}. */
    final BlockBuffer tail = new BlockBuffer();
    /** The three parts of a gathering write: header, packet, tail. */
    private final ByteBuffer[] parts = new ByteBuffer[3];
    /** Direct copies of {@link #buf} and {@link #tail} for the gathering write (see {@link #direct}). */
    private final ByteBuffer[] directParts = new ByteBuffer[2];
    private final OutputStream out;
    private final boolean flushEach;
    /** The file under {@link #out} when it is one (not a pipe or a buffer): what a failed write is cut back on. */
    private final FileChannel file;
    /** Bytes of whole records (and headers) handed to {@link #out} so far. */
    private long whole;

    CaptureFileWriter(OutputStream out, boolean flushEachRecord) {
        this.out = out;
        this.flushEach = flushEachRecord;
        this.file = out instanceof FileOutputStream f ? f.getChannel() : null;
    }

    /** Writes the file's header from {@link #buf}, flushed so that a reader can open the file at once. */
    final void writeHeader() throws IOException {
        try {
            out.write(buf.b, 0, buf.n);
            out.flush();
        } catch (IOException e) {
            cutBack(e);
            throw e;
        }
        whole += buf.n;
    }

    /** Writes one record from {@link #buf}. */
    final void writeRecord() throws IOException {
        try {
            out.write(buf.b, 0, buf.n);
            if (flushEach) {
                out.flush();
            }
        } catch (IOException e) {
            cutBack(e);
            throw e;
        }
        whole += buf.n;
    }

    /**
     * Writes one record of {@code f}: {@link #buf} (its header), the frame's captured bytes, then {@link #tail}.
     * Leaves the frame as it was (a {@link Frame#direct} buffer's position too).
     */
    final void writeRecord(Frame f) throws IOException {
        int len = f.capturedLength;
        if (f.data != null || file == null) {
            if (f.data != null) {
                buf.bytes(f.data, f.offset, len);
            } else {
                buf.bytes(f.direct, len);
            }
            buf.bytes(tail.b, 0, tail.n);
            writeRecord();
            return;
        }
        ByteBuffer packet = f.direct;
        int at = packet.position();
        int limit = packet.limit();
        parts[0] = direct(0, buf);
        parts[1] = packet.limit(at + len);
        parts[2] = direct(1, tail);
        long size = (long) buf.n + len + tail.n;
        try {
            for (long done = 0; done < size; ) {
                done += file.write(parts);
            }
            if (flushEach) {
                out.flush();
            }
        } catch (IOException e) {
            cutBack(e);
            throw e;
        } finally {
            packet.limit(limit).position(at);
            parts[0] = parts[1] = parts[2] = null;
        }
        whole += size;
    }

    /**
     * {@code b}'s bytes in the {@code i}-th of {@link #directParts}, grown when too small: a heap buffer in a
     * gathering write is first copied by the JDK into a temporary direct buffer of its own, per call.
     */
    private ByteBuffer direct(int i, BlockBuffer b) {
        ByteBuffer d = directParts[i];
        if (d == null || d.capacity() < b.n) {
            d = directParts[i] = ByteBuffer.allocateDirect(Math.max(256, Integer.highestOneBit(b.n) << 1));
        }
        d.clear();
        d.put(b.b, 0, b.n);
        return d.flip();
    }

    /** Bytes written so far: the headers and every whole record (what the file's size is, for a file). */
    public final long bytesWritten() {
        return whole;
    }

    /** After a failed write: the file back to its last whole record (a device such as /dev/full has no size to cut). */
    private void cutBack(IOException failure) {
        if (file == null) {
            return;
        }
        try {
            if (file.size() > whole) {
                file.truncate(whole);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public final void flush() throws IOException {
        out.flush();
    }

    @Override
    public final void close() throws IOException {
        out.close();
    }
}
