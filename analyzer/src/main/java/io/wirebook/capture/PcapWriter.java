package io.wirebook.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** Writes classic pcap with nanosecond timestamps (magic a1b23c4d, little-endian). Comments are dropped. */
public final class PcapWriter extends CaptureFileWriter {
    public PcapWriter(Path path, int linkType, int snaplen, boolean flushEachRecord) throws IOException {
        this(new FileOutputStream(path.toFile()), linkType, snaplen, flushEachRecord);
    }

    private final int linkType;

    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean flushEachRecord) throws IOException {
        super(out, flushEachRecord);
        this.linkType = linkType;
        buf.u32(0xA1B23C4DL);
        buf.u16(2);
        buf.u16(4);
        buf.u32(0);
        buf.u32(0);
        buf.u32(snaplen);
        buf.u32(linkType);
        writeHeader();
    }

    @Override
    public void write(Frame f, List<String> comments) throws IOException {
        if (f.linkType != linkType) {
            // A pcap file has one link type for all its records; pcapng gives each interface its own.
            throw new IOException("frame " + f.number + " has link type " + f.linkType + ", the pcap file's is "
                    + linkType + ": write a .pcapng file, which can hold both");
        }
        buf.reset();
        buf.u32(f.epochSeconds);
        buf.u32(f.nanos);
        buf.u32(f.capturedLength);
        buf.u32(Math.max(f.originalLength, f.capturedLength));
        tail.reset();
        writeRecord(f);
    }
}
