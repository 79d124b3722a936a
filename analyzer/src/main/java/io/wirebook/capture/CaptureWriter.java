package io.wirebook.capture;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes frames to a capture file. Each record is written whole with one write call and, when
 * {@code flushEachRecord} is on, reaches the file at once: a capture stopped at any moment (Ctrl-C,
 * a killed process) leaves a file that ends on a record boundary, so every reader opens it.
 */
public interface CaptureWriter extends Closeable {
    /** Writes one frame; {@code comments} (pcapng only) may be null. */
    void write(Frame frame, List<String> comments) throws IOException;

    default void write(Frame frame) throws IOException {
        write(frame, frame.comments);
    }

    void flush() throws IOException;

    /** Bytes in the file so far: its header and every whole record written. */
    long bytesWritten();

    /** pcapng for {@code *.pcapng} (and anything else), classic pcap for {@code *.pcap}. */
    static CaptureWriter create(Path path, int linkType, int snaplen, String interfaceName, boolean flushEachRecord)
            throws IOException {
        return create(path, isPcapName(path), linkType, snaplen, interfaceName, flushEachRecord);
    }

    /**
     * Classic pcap when {@code pcap}, else pcapng: for a series of files ({@code -C}), whose names end in a
     * counter after the name given ({@code out.pcap1}), the format is the first name's.
     */
    static CaptureWriter create(Path path, boolean pcap, int linkType, int snaplen, String interfaceName,
            boolean flushEachRecord) throws IOException {
        if (pcap) {
            return new PcapWriter(path, linkType, snaplen, flushEachRecord);
        }
        return new PcapngWriter(path, linkType, snaplen, interfaceName, flushEachRecord);
    }

    /** True for a name that ends in {@code .pcap}: classic pcap is written to it. */
    static boolean isPcapName(Path path) {
        return path.getFileName().toString().endsWith(".pcap");
    }
}
