package io.wirebook.capture;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Reads a pcapng file (draft-ietf-opsawg-pcapng) as a stream of frames.
 *
 * <pre>
 *  Every block:                               Section Header Block (type 0x0A0D0D0A)
 *   0 block type                                8 byte-order magic 0x1A2B3C4D, as written
 *   4 block total length (multiple of 4)       12 major version 1, 14 minor version
 *   8 body ... options                         16 section length (64-bit, ignored)
 *   L-4 block total length again               24 options
 *
 *  Interface Description Block (1)   Enhanced Packet Block (6)     Simple Packet Block (3)
 *   8 link type (16), reserved (16)    8 interface id              8 original length
 *  12 snaplen                         12 timestamp high 32 bits   12 packet data (no timestamp)
 *  16 options: if_tsresol (9),        16 timestamp low 32 bits
 *     if_tsoffset (14)                20 captured length          Packet Block (2, obsolete): as the EPB,
 *                                     24 original length           but 8 interface id (16), drops (16)
 *                                     28 packet data, padded to 4, then options: opt_comment (1)
 * </pre>
 *
 * Every Section Header Block starts a new section with its own byte order (given by the byte-order magic)
 * and its own interfaces, numbered from 0. Blocks of other types and unknown options are skipped.
 *
 * <p><b>Numbering, as tshark 4.0.17 does it</b> (checked with tshark on files built for the purpose):
 * <ul>
 *   <li>{@link Frame#interfaceId} is the interface number <em>within the frame's section</em>, as written in
 *       the packet block: tshark's {@code frame.interface_id} restarts at 0 in every section (it does not count
 *       the interfaces of earlier sections). tshark 4.0 then resolves {@code frame.interface_name} by looking
 *       that local number up in the file-wide list, so in the second and later sections it shows the name of
 *       the wrong interface (the link type it uses is right). Pair {@code interfaceId} with the section to
 *       identify an interface.</li>
 *   <li>{@link Frame#number} counts what tshark counts as frames: besides packet blocks, tshark 4.0 gives a
 *       frame number to Custom Blocks (0x00000BAD, 0x40000BAD) and systemd Journal Export Blocks (9). This
 *       reader skips those but uses up their numbers, so frame numbers stay equal to tshark's and may have
 *       gaps. Interface Statistics, Name Resolution and Decryption Secrets blocks are not counted.</li>
 * </ul>
 *
 * <p>Faults are reported as {@link CaptureFormatException} with record kind "block": the 1-based number of
 * the block within the file (the first Section Header Block is block 1) and the byte offset where the block
 * starts. They are raised by the {@link #next} call that meets them, after every good frame before them, and
 * again by any later call.
 */
public final class PcapngReader implements FrameSource {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int SYSTEMD_JOURNAL_EXPORT = 9;
    static final int CUSTOM = 0x0000_0BAD;
    static final int CUSTOM_DO_NOT_COPY = 0x4000_0BAD;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    /**
     * Largest block accepted: libpcap's limit (tcpdump: "pcapng block size 4294967280 > maximum 16777216").
     * tshark 4.0 allows up to 128 MiB, but no capture tool writes blocks that big (a packet is at most
     * 256 KiB for libpcap), so a bigger claim is treated as damage rather than waited for.
     */
    static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    private static final int OPT_END = 0;
    private static final int OPT_COMMENT = 1;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final int DEFAULT_TSRESOL = 6;

    private final CaptureInput in;
    private final InterfaceTable interfaces = new InterfaceTable();
    private final int maxBlockLength;
    /** Byte order of the current section. */
    private boolean bigEndian;
    private int sections;
    /** Blocks started so far (the current one included while it is read). */
    private long blockNumber;
    private long frameNumber;
    private long blockOffset;
    private CaptureFormatException failure;
    /** The option {@link #nextOption} read last: its code, value length and where its value starts. */
    private int optionCode, optionLength, optionValue;

    /** Reads the first Section Header Block from {@code channel}; {@code name} is used in messages. */
    public PcapngReader(String name, ReadableByteChannel channel) throws IOException {
        this(new CaptureInput(name, channel, CaptureInput.DEFAULT_CAPACITY));
    }

    PcapngReader(CaptureInput in) throws IOException {
        this.in = in;
        this.maxBlockLength = Math.min(MAX_BLOCK_LENGTH, in.capacity());
        if (!in.fill(4)) {
            if (in.available() == 0) {
                throw new CaptureFormatException(in.name, 0, 0, "empty file");
            }
            blockNumber = 1;
            throw fault("truncated block header: need 8 bytes, file has " + in.available());
        }
        int type = in.i32(in.pos, true);
        if (type != SECTION_HEADER) {
            blockNumber = 1;
            throw fault(String.format(
                    "not a pcapng file (first block type 0x%08x, expected a section header block 0x%08x)",
                    type, SECTION_HEADER));
        }
        if (readBlock(null)) {
            throw new IllegalStateException("a section header block is never a frame");
        }
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (true) {
            if (!in.fill(8) && in.available() == 0) {
                return false; // the input ends between blocks: a clean end
            }
            if (readBlock(frame)) {
                return true;
            }
        }
    }

    /**
     * Reads one whole block at {@link CaptureInput#pos} and consumes it.
     *
     * @return true when it filled {@code frame}
     */
    private boolean readBlock(Frame frame) throws IOException {
        blockNumber++;
        blockOffset = in.position();
        if (!in.fill(8)) {
            throw fault("truncated block header: need 8 bytes, file has " + in.available());
        }
        int p = in.pos;
        int type = in.i32(p, bigEndian); // the section header's type reads the same in both orders
        if (type == SECTION_HEADER) {
            if (!in.fill(12)) {
                throw fault("truncated section header block: need 12 bytes, file has " + in.available());
            }
            p = in.pos;
            int magic = in.i32(p + 8, false);
            if (magic == BYTE_ORDER_MAGIC) {
                bigEndian = false;
            } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                bigEndian = true;
            } else {
                throw fault(String.format("section header byte-order magic 0x%08x is neither 0x1a2b3c4d "
                        + "(little-endian) nor 0x4d3c2b1a (big-endian)", Integer.reverseBytes(magic)));
            }
        }
        long length = in.u32(p + 4, bigEndian);
        checkLength(type, length);
        int len = (int) length;
        if (!in.fill(len)) {
            throw fault("truncated block: need " + len + " bytes, file has " + in.available());
        }
        p = in.pos;
        long trailing = in.u32(p + len - 4, bigEndian);
        if (trailing != length) {
            throw fault("trailing block total length " + trailing + " does not match the leading " + length);
        }
        boolean isFrame;
        switch (type) {
            case SECTION_HEADER:
                readSectionHeader(p);
                isFrame = false;
                break;
            case INTERFACE_DESCRIPTION:
                readInterfaceDescription(p, len);
                isFrame = false;
                break;
            case ENHANCED_PACKET:
            case PACKET:
                readPacket(frame, type, p, len);
                isFrame = true;
                break;
            case SIMPLE_PACKET:
                readSimplePacket(frame, p, len);
                isFrame = true;
                break;
            case CUSTOM:
            case CUSTOM_DO_NOT_COPY:
            case SYSTEMD_JOURNAL_EXPORT:
                frameNumber++; // tshark numbers these as frames; see the class comment
                isFrame = false;
                break;
            default:
                isFrame = false;
                break;
        }
        in.pos = p + len;
        return isFrame;
    }

    private void checkLength(int type, long length) throws CaptureFormatException {
        if (length % 4 != 0) {
            throw fault("block total length " + length + " is not a multiple of 4");
        }
        if (length < 12) {
            throw fault("block total length " + length + " is less than the minimum 12");
        }
        if (length > maxBlockLength) {
            throw fault("block total length " + length + " exceeds the maximum " + maxBlockLength);
        }
        int minimum;
        String what;
        switch (type) {
            case SECTION_HEADER: minimum = 28; what = "section header"; break;
            case INTERFACE_DESCRIPTION: minimum = 20; what = "interface description"; break;
            case ENHANCED_PACKET: minimum = 32; what = "enhanced packet"; break;
            case PACKET: minimum = 32; what = "packet"; break;
            case SIMPLE_PACKET: minimum = 16; what = "simple packet"; break;
            default: return;
        }
        if (length < minimum) {
            throw fault(what + " block total length " + length + " is less than its minimum " + minimum);
        }
    }

    private void readSectionHeader(int p) throws CaptureFormatException {
        int major = in.u16(p + 12, bigEndian);
        int minor = in.u16(p + 14, bigEndian);
        if (major != 1) {
            throw fault("unsupported pcapng version " + major + "." + minor);
        }
        sections++;
        interfaces.clear();
    }

    private void readInterfaceDescription(int p, int len) throws CaptureFormatException {
        if (interfaces.count() == InterfaceTable.MAX_INTERFACES) {
            throw fault("more than " + InterfaceTable.MAX_INTERFACES + " interfaces in section " + sections);
        }
        int linkType = in.u16(p + 8, bigEndian);
        long snaplen = in.u32(p + 12, bigEndian);
        int tsresol = DEFAULT_TSRESOL;
        long tsoffset = 0;
        int end = p + len - 4;
        for (int o = nextOption(p + 16, end); o >= 0; o = nextOption(o, end)) {
            // Wrong-length values are ignored, as Wireshark does, rather than misread.
            if (optionCode == IF_TSRESOL && optionLength == 1) {
                tsresol = in.u8(optionValue);
            } else if (optionCode == IF_TSOFFSET && optionLength == 8) {
                tsoffset = in.i64(optionValue, bigEndian);
            }
        }
        interfaces.add(linkType, snaplen, tsresol, tsoffset);
    }

    /** Enhanced Packet Block, or the obsolete Packet Block (16-bit interface id and drops count). */
    private void readPacket(Frame frame, int type, int p, int len) throws CaptureFormatException {
        boolean enhanced = type == ENHANCED_PACKET;
        long interfaceId = enhanced ? in.u32(p + 8, bigEndian) : in.u16(p + 8, bigEndian);
        String what = enhanced ? "enhanced packet block" : "packet block";
        if (interfaceId >= interfaces.count()) {
            throw fault(what + " names interface " + interfaceId + ", but section " + sections
                    + (interfaces.count() == 0 ? " defines no interfaces"
                            : " defines only " + interfaces.count() + " (0.." + (interfaces.count() - 1) + ")"));
        }
        int id = (int) interfaceId;
        long ts = (in.u32(p + 12, bigEndian) << 32) | in.u32(p + 16, bigEndian);
        long captured = in.u32(p + 20, bigEndian);
        long original = in.u32(p + 24, bigEndian);
        int room = len - 32;
        if (captured > room) {
            throw fault(what + " claims " + captured + " captured bytes but has room for " + room);
        }
        int dataStart = p + 28;
        frame.number = ++frameNumber;
        interfaces.stamp(frame, id, ts);
        frame.capturedLength = (int) captured;
        frame.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        frame.linkType = interfaces.linkType(id);
        frame.interfaceId = id;
        frame.fileOffset = blockOffset;
        frame.data = in.buf;
        frame.offset = dataStart;
        frame.comments = null;
        readPacketOptions(frame, dataStart + (((int) captured + 3) & ~3), p + len - 4);
    }

    private void readSimplePacket(Frame frame, int p, int len) throws CaptureFormatException {
        if (interfaces.count() == 0) {
            throw fault("simple packet block, but section " + sections + " defines no interfaces");
        }
        long original = in.u32(p + 8, bigEndian);
        // No captured-length field: it is the original length cut to the snaplen (0 = none) and to the body.
        // Cutting to the body is lenient on purpose: tshark 4.0 ("total block length 76 of an SPB is too small
        // for 100 bytes of packet data") and tcpdump ("block of type 3 in pcapng dump file is too short") stop
        // at an SPB whose body is shorter than min(original length, snaplen); here it is a truncated frame.
        long captured = Math.min(original, len - 16);
        long snaplen = interfaces.snaplen(0);
        if (snaplen != 0) {
            captured = Math.min(captured, snaplen);
        }
        frame.number = ++frameNumber;
        frame.epochSeconds = 0;
        frame.nanos = 0;
        frame.tsDigits = interfaces.tsDigits(0);
        frame.hasTimestamp = false;
        frame.capturedLength = (int) captured;
        frame.originalLength = (int) Math.min(original, Integer.MAX_VALUE);
        frame.linkType = interfaces.linkType(0);
        frame.interfaceId = 0;
        frame.fileOffset = blockOffset;
        frame.data = in.buf;
        frame.offset = p + 12;
        frame.comments = null;
    }

    private void readPacketOptions(Frame frame, int start, int end) throws CaptureFormatException {
        for (int o = nextOption(start, end); o >= 0; o = nextOption(o, end)) {
            if (optionCode == OPT_COMMENT) {
                if (frame.comments == null) {
                    frame.comments = new ArrayList<>(1);
                }
                frame.comments.add(new String(in.buf, optionValue, optionLength, StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Reads the option at {@code o} of a block whose options end at {@code end} into {@link #optionCode},
     * {@link #optionLength} and {@link #optionValue}.
     *
     * @return where the next option starts (the value padded to 4 bytes), or -1 when the options end here:
     *     at opt_endofopt, or with no room left for an option header
     */
    private int nextOption(int o, int end) throws CaptureFormatException {
        if (o + 4 > end) {
            return -1;
        }
        int code = in.u16(o, bigEndian);
        int length = in.u16(o + 2, bigEndian);
        int value = o + 4;
        if (length > end - value) {
            throw fault("option " + code + " claims " + length + " bytes but the block has " + (end - value) + " left");
        }
        if (code == OPT_END) {
            return -1;
        }
        optionCode = code;
        optionLength = length;
        optionValue = value;
        return value + ((length + 3) & ~3);
    }

    private CaptureFormatException fault(String reason) {
        failure = new CaptureFormatException(in.name, "block", blockNumber, blockOffset, reason);
        return failure;
    }

    @Override
    public String name() {
        return in.name;
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
