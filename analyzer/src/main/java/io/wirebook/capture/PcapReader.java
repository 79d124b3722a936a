package io.wirebook.capture;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads a classic pcap file (draft-ietf-opsawg-pcap; libpcap's savefile format) as a stream of frames.
 *
 * <pre>
 *  File header (24 bytes)                     Record header (16 bytes), then incl_len bytes of packet
 *   0 magic        a1b2c3d4 (us) a1b23c4d (ns)  0 ts_sec    seconds since the epoch (unsigned)
 *   4 version      2.4                          4 ts_frac   micro- or nanoseconds, per the magic
 *   8 thiszone     (unused, 0)                  8 incl_len  bytes captured (present in the file)
 *  12 sigfigs      (unused, 0)                 12 orig_len  bytes on the wire
 *  16 snaplen
 *  20 linktype     low 16 bits LINKTYPE_*, upper bits FCS information (ignored)
 * </pre>
 *
 * The magic is written in the byte order of the machine that wrote the file; reading it byte-swapped means
 * every field is big-endian (or little-endian, the other way round).
 *
 * <p>Faults are reported as {@link CaptureFormatException} naming the 1-based record (frame) number, 0 for the
 * file header, and the byte offset of the record header. They are raised by the {@link #next} call that meets
 * them, after every good frame before them has been returned, and again by any later call.
 */
public final class PcapReader implements FrameSource {
    /** Magic numbers as read in the file's own byte order. */
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    /**
     * libpcap's MAXIMUM_SNAPLEN. A captured length above both this and the file's snaplen is damage, not a big
     * packet: no capture tool writes one, and honouring it would make the reader wait for gigabytes.
     */
    static final long MAXIMUM_SNAPLEN = 262_144;

    private final CaptureInput in;
    private final boolean bigEndian;
    private final boolean nanosecond;
    private final int versionMajor;
    private final int versionMinor;
    private final long snaplen;
    private final int linkType;
    /** Largest incl_len accepted: max(snaplen, MAXIMUM_SNAPLEN), and never more than the window holds. */
    private final long maxCapturedLength;
    private long framesRead;
    private CaptureFormatException failure;

    /** Reads the file header from {@code channel}; {@code name} is used in messages. */
    public PcapReader(String name, ReadableByteChannel channel) throws IOException {
        this(new CaptureInput(name, channel, CaptureInput.DEFAULT_CAPACITY));
    }

    PcapReader(CaptureInput in) throws IOException {
        this.in = in;
        if (!in.fill(FILE_HEADER_LENGTH)) {
            if (in.available() == 0) {
                throw headerFault("empty file");
            }
            throw headerFault("truncated file header: need " + FILE_HEADER_LENGTH + " bytes, file has " + in.available());
        }
        int p = in.pos;
        int magic = in.i32(p, true);
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            bigEndian = true;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            bigEndian = false;
            magic = Integer.reverseBytes(magic);
        } else {
            throw headerFault(String.format("not a pcap file (magic 0x%08x)", magic));
        }
        nanosecond = magic == MAGIC_NANOS;
        versionMajor = in.u16(p + 4, bigEndian);
        versionMinor = in.u16(p + 6, bigEndian);
        if (versionMajor != 2) {
            // libpcap reads only 2.x ("unsupported pcap savefile version"); earlier majors had other headers.
            throw headerFault("unsupported pcap version " + versionMajor + "." + versionMinor);
        }
        snaplen = in.u32(p + 16, bigEndian);
        linkType = in.i32(p + 20, bigEndian) & 0xFFFF;
        maxCapturedLength = Math.min(Math.max(snaplen, MAXIMUM_SNAPLEN), in.capacity() - RECORD_HEADER_LENGTH);
        in.pos = p + FILE_HEADER_LENGTH;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        long recordOffset = in.position();
        if (!in.fill(RECORD_HEADER_LENGTH)) {
            if (in.available() == 0) {
                return false;
            }
            throw fault(recordOffset, "truncated record header: need " + RECORD_HEADER_LENGTH
                    + " bytes, file has " + in.available());
        }
        int p = in.pos;
        long seconds = in.u32(p, bigEndian);
        long fraction = in.u32(p + 4, bigEndian);
        long captured = in.u32(p + 8, bigEndian);
        long original = in.u32(p + 12, bigEndian);
        if (captured > maxCapturedLength) {
            long max = Math.max(snaplen, MAXIMUM_SNAPLEN);
            throw fault(recordOffset, captured > max
                    ? "claimed captured length " + captured + " exceeds the maximum " + max
                    : "claimed captured length " + captured + " exceeds the reader's window of "
                            + maxCapturedLength + " bytes");
        }
        int recordLength = RECORD_HEADER_LENGTH + (int) captured;
        if (!in.fill(recordLength)) {
            throw fault(recordOffset, "truncated record data: need " + captured + " bytes, file has "
                    + (in.available() - RECORD_HEADER_LENGTH));
        }
        p = in.pos; // fill may have moved the window
        in.pos = p + recordLength;

        frame.number = ++framesRead;
        // A fraction of a second or more (only in damaged files) carries into the seconds rather than producing
        // nanos outside 0..999_999_999; the instant stays exactly seconds + fraction / 10^digits.
        if (nanosecond) {
            frame.epochSeconds = seconds + fraction / 1_000_000_000L;
            frame.nanos = (int) (fraction % 1_000_000_000L);
            frame.tsDigits = 9;
        } else {
            frame.epochSeconds = seconds + fraction / 1_000_000L;
            frame.nanos = (int) (fraction % 1_000_000L) * 1000;
            frame.tsDigits = 6;
        }
        frame.hasTimestamp = true;
        frame.capturedLength = (int) captured;
        // orig_len is unsigned 32-bit; beyond int range (damage) it saturates, which keeps isTruncated() true.
        frame.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        frame.linkType = linkType;
        frame.interfaceId = -1;
        frame.fileOffset = recordOffset;
        frame.data = in.buf;
        frame.offset = p + RECORD_HEADER_LENGTH;
        frame.comments = null;
        return true;
    }

    private CaptureFormatException headerFault(String reason) {
        return new CaptureFormatException(in.name, 0, 0, reason);
    }

    private CaptureFormatException fault(long offset, String reason) {
        failure = new CaptureFormatException(in.name, framesRead + 1, offset, reason);
        return failure;
    }

    /** LINKTYPE_* of every frame in the file (the header's link type, FCS bits removed). */
    public int linkType() {
        return linkType;
    }

    /** The header's snapshot length (unsigned). */
    public long snaplen() {
        return snaplen;
    }

    /** True for the nanosecond magic (a1b23c4d), false for microseconds. */
    public boolean isNanosecond() {
        return nanosecond;
    }

    /** True when the file's fields are big-endian (its magic reads byte-swapped on a little-endian host). */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** Format version from the header, e.g. "2.4". */
    public String version() {
        return versionMajor + "." + versionMinor;
    }

    @Override
    public String name() {
        return in.name;
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
