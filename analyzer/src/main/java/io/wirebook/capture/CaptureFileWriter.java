package io.wirebook.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * What the pcap and pcapng writers share: each builds a record in {@link #buf} and hands it to the file with
 * one write call, flushed at once when {@code flushEachRecord} is on (see {@link CaptureWriter} for why).
 *
 * <p>A write that fails part way (the file system filled up in the middle of a record: the kernel wrote what
 * fitted, then said ENOSPC) would leave half a record at the end. So the writer counts the bytes of whole
 * records and, when a write fails on a file, truncates it back to that length before it reports the error:
 * the file then ends on the last whole record, and every reader opens it without a warning.
 */
abstract sealed class CaptureFileWriter implements CaptureWriter permits PcapWriter, PcapngWriter {
    /** The record being built; {@link BlockBuffer#reset} before each. */
    final BlockBuffer buf = new BlockBuffer();
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
