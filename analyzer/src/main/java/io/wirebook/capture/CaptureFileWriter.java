package io.wirebook.capture;

import java.io.IOException;
import java.io.OutputStream;

/**
 * What the pcap and pcapng writers share: each builds a record in {@link #buf} and hands it to the file with
 * one write call, flushed at once when {@code flushEachRecord} is on (see {@link CaptureWriter} for why).
 */
abstract sealed class CaptureFileWriter implements CaptureWriter permits PcapWriter, PcapngWriter {
    /** The record being built; {@link BlockBuffer#reset} before each. */
    final BlockBuffer buf = new BlockBuffer();
    private final OutputStream out;
    private final boolean flushEach;

    CaptureFileWriter(OutputStream out, boolean flushEachRecord) {
        this.out = out;
        this.flushEach = flushEachRecord;
    }

    /** Writes the file's header from {@link #buf}, flushed so that a reader can open the file at once. */
    final void writeHeader() throws IOException {
        out.write(buf.b, 0, buf.n);
        out.flush();
    }

    /** Writes one record from {@link #buf}. */
    final void writeRecord() throws IOException {
        out.write(buf.b, 0, buf.n);
        if (flushEach) {
            out.flush();
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
