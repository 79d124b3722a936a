package io.wirebook.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng): one section header, one interface description with
 * nanosecond resolution ({@code if_tsresol} = 9), and an enhanced packet block per frame, with the
 * frame's comments as {@code opt_comment} options (Wireshark and tshark show them as {@code frame.comment}).
 */
public final class PcapngWriter extends CaptureFileWriter {
    private static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6;
    private static final int OPT_END = 0, OPT_COMMENT = 1, SHB_USERAPPL = 4, IF_NAME = 2, IF_TSRESOL = 9;

    public PcapngWriter(Path path, int linkType, int snaplen, String interfaceName, boolean flushEachRecord)
            throws IOException {
        this(new FileOutputStream(path.toFile()), linkType, snaplen, interfaceName, flushEachRecord);
    }

    public PcapngWriter(OutputStream out, int linkType, int snaplen, String interfaceName, boolean flushEachRecord)
            throws IOException {
        super(out, flushEachRecord);
        buf.reset();
        int start = begin(SHB);
        buf.u32(0x1A2B3C4DL);
        buf.u16(1);
        buf.u16(0);
        buf.u64(-1L); // section length not known in advance
        buf.option(SHB_USERAPPL, "Wirebook");
        endOptions();
        finish(start);
        this.snaplen = snaplen;
        interfaceBlock(linkType, interfaceName);
        writeHeader();
    }

    /** The link types of the interfaces described so far; a frame is written on the first of its type. */
    private final java.util.List<Integer> linkTypes = new java.util.ArrayList<>(2);
    private final int snaplen;

    private void interfaceBlock(int linkType, String interfaceName) {
        int start = begin(IDB);
        buf.u16(linkType);
        buf.u16(0);
        buf.u32(snaplen);
        if (interfaceName != null) {
            buf.option(IF_NAME, interfaceName);
        }
        buf.option(IF_TSRESOL, new byte[] {9});
        endOptions();
        finish(start);
        linkTypes.add(linkType);
    }

    /** The interface for frames of {@code linkType}: a new Interface Description Block the first time one comes. */
    private int interfaceFor(int linkType) throws IOException {
        int id = linkTypes.indexOf(linkType);
        if (id < 0) {
            buf.reset();
            interfaceBlock(linkType, null);
            writeRecord();
            id = linkTypes.size() - 1;
        }
        return id;
    }

    @Override
    public void write(Frame f, List<String> comments) throws IOException {
        int id = linkTypes.get(0) == f.linkType ? 0 : interfaceFor(f.linkType);
        buf.reset();
        int start = begin(EPB);
        buf.u32(id);
        long ts = f.epochNanos();
        buf.u32(ts >>> 32);
        buf.u32(ts & 0xFFFFFFFFL);
        buf.u32(f.capturedLength);
        buf.u32(Math.max(f.originalLength, f.capturedLength));
        // The packet's bytes go between buf and tail (CaptureFileWriter.writeRecord(Frame)).
        tail.reset();
        tail.pad4(f.capturedLength);
        if (comments != null && !comments.isEmpty()) {
            for (String c : comments) {
                tail.option(OPT_COMMENT, c);
            }
            tail.u16(OPT_END);
            tail.u16(0);
        }
        int total = buf.n - start + f.capturedLength + tail.n + 4;
        tail.u32(total);
        buf.putU32(start + 4, total);
        writeRecord(f);
    }

    private int begin(int type) {
        int start = buf.n;
        buf.u32(type);
        buf.u32(0); // total length, patched in finish()
        return start;
    }

    private void endOptions() {
        buf.u16(OPT_END);
        buf.u16(0);
    }

    private void finish(int start) {
        int total = buf.n - start + 4;
        buf.u32(total);
        buf.putU32(start + 4, total);
    }
}
