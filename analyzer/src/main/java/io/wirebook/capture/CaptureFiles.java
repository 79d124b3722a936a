package io.wirebook.capture;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens capture files, telling pcap from pcapng by their first four bytes. */
public final class CaptureFiles {
    private CaptureFiles() {}

    /** Name used in messages for standard input. */
    public static final String STDIN_NAME = "<stdin>";

    /** Why "-" cannot be read when the process has no standard input, in tcpdump's words (EBADF). */
    public static final String STDIN_CLOSED = "standard input is closed (Bad file descriptor)";

    /**
     * Opens a pcap or pcapng file, or standard input for {@code "-"}.
     *
     * @throws CaptureFormatException when the input is empty or is neither format (record 0, offset 0), or its
     *     file or section header is damaged
     * @throws IOException (not a {@code CaptureFormatException}) when the file cannot be opened or read, e.g.
     *     {@link java.nio.file.NoSuchFileException}, or standard input is closed ({@link #STDIN_CLOSED})
     */
    public static FrameSource open(String pathOrDash) throws IOException {
        if ("-".equals(pathOrDash)) {
            if (StandardInput.isClosed()) {
                throw new IOException(STDIN_CLOSED);
            }
            return open(STDIN_NAME, Channels.newChannel(System.in));
        }
        FileChannel channel = FileChannel.open(Path.of(pathOrDash), StandardOpenOption.READ);
        try {
            return open(pathOrDash, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Reads a capture from an open blocking channel (a file, a pipe, a test's bytes); {@code name} is used in
     * messages. The returned source owns the channel and closes it. When this throws, the caller still owns it.
     */
    public static FrameSource open(String name, ReadableByteChannel channel) throws IOException {
        return open(name, channel, CaptureInput.DEFAULT_CAPACITY);
    }

    /** As {@link #open(String, ReadableByteChannel)} with a window of {@code capacity} bytes (tests). */
    static FrameSource open(String name, ReadableByteChannel channel, int capacity) throws IOException {
        CaptureInput in = new CaptureInput(name, channel, capacity);
        if (!in.fill(4)) {
            if (in.available() == 0) {
                throw new CaptureFormatException(name, 0, 0, "empty file");
            }
            throw new CaptureFormatException(name, 0, 0, "truncated file header: need 4 bytes to tell pcap "
                    + "from pcapng, file has " + in.available());
        }
        int magic = in.i32(in.pos, true);
        switch (magic) {
            case PcapReader.MAGIC_MICROS:
            case PcapReader.MAGIC_NANOS:
            case 0xD4C3B2A1: // the same, little-endian
            case 0x4D3CB2A1:
                return new PcapReader(in);
            case PcapngReader.SECTION_HEADER:
                return new PcapngReader(in);
            default:
                throw new CaptureFormatException(name, 0, 0,
                        String.format("not a pcap or pcapng file (magic 0x%08x)%s", magic, hint(magic)));
        }
    }

    /** A few formats people mistake for pcap, named so the message says what to do. */
    private static String hint(int magic) {
        if ((magic >>> 16) == 0x1F8B) {
            return "; it looks gzip-compressed: decompress it first";
        }
        if (magic == 0xA1B2CD34 || magic == 0x34CDB2A1) {
            return "; it is Kuznetzov's modified pcap, which is not supported (editcap -F pcap converts it)";
        }
        return "";
    }
}
