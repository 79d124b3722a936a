package io.wirebook.capture;

import static io.wirebook.capture.ByteBuilder.payload;
import static io.wirebook.capture.Reading.assertFault;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pcapng, good and damaged. The damaged files start with {@link #base()}: SHB (block 1, byte 0, 28 bytes),
 * IDB (block 2, byte 28, 20 bytes), two EPBs of 60 bytes of packet (blocks 3 and 4, bytes 48 and 140, 92 bytes
 * each); the fault is in block 5 at byte 232. The tcpdump 4.99.3 / libpcap 1.10 and tshark 4.0.17 messages
 * for the same bytes are quoted beside each.
 */
class PcapngReaderTest {
    private static final String FILE = "x.pcapng";
    private static final byte[] P1 = payload(60, 0);
    private static final byte[] P2 = payload(60, 100);
    private static final int FAULT_OFFSET = 232;

    private static ByteBuilder base() {
        ByteBuilder b = ByteBuilder.littleEndian().shb().idb(LinkType.EN10MB, 0)
                .epb(0, 1_000_000, P1, 60).epb(0, 2_000_000, P2, 60);
        assertEquals(FAULT_OFFSET, b.size());
        return b;
    }

    private static void assertTwoGoodFrames(Reading.Result r) {
        assertEquals(2, r.frames().size(), "frames before the fault are delivered");
        assertEquals(48, r.frames().get(0).fileOffset);
        assertArrayEquals(P1, r.frames().get(0).data);
        assertEquals(140, r.frames().get(1).fileOffset);
        assertEquals(2, r.frames().get(1).number);
        assertEquals(2, r.frames().get(1).epochSeconds);
        assertArrayEquals(P2, r.frames().get(1).data);
    }

    private static Reading.Result readFaulty(ByteBuilder b) throws IOException {
        Reading.Result r = Reading.readAll(FILE, b.build());
        assertTwoGoodFrames(r);
        return r;
    }

    // ---------------------------------------------------------------- damaged files

    @Test
    void blockLengthNotAMultipleOfFour() throws IOException {
        // tcpdump: pcap_loop: block in pcapng dump file has a length of 30 that is not a multiple of 4
        // tshark: appears to have been cut short in the middle of a packet
        Reading.Result r = readFaulty(base().u32(6).u32(30).zeros(18).u32(30));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "block total length 30 is not a multiple of 4");
    }

    @Test
    void blockLengthOfFourGigabytes() throws IOException {
        // tcpdump: pcap_loop: pcapng block size 4294967280 > maximum 16777216
        // tshark: (pcapng: total block length 4294967280 is too large (> 134348832))
        Reading.Result r = readFaulty(base().u32(6).u32(0xFFFF_FFF0L).zeros(24));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "block total length 4294967280 exceeds the maximum 16777216");
    }

    @Test
    void blockLengthBelowTwelve() throws IOException {
        // tcpdump: pcap_loop: block in pcapng dump file has a length of 8 < 12
        Reading.Result r = readFaulty(base().u32(6).u32(8).u32(8));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "block total length 8 is less than the minimum 12");
    }

    @Test
    void enhancedPacketBlockShorterThanItsFixedFields() throws IOException {
        // tcpdump: pcap_loop: block of type 6 in pcapng dump file is too short
        // tshark: (pcapng: total block length 28 of an EPB is less than the minimum EPB size 32)
        Reading.Result r = readFaulty(base().u32(6).u32(28).zeros(16).u32(28));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "enhanced packet block total length 28 is less than its minimum 32");
    }

    @Test
    void trailingLengthDiffersFromLeading() throws IOException {
        // An Interface Statistics Block (type 5) of 24 bytes whose trailer says 28.
        // tcpdump: pcap_loop: block total length in header and trailer don't match
        // tshark: (pcapng: total block lengths (first 24 and second 28) don't match)
        Reading.Result r = readFaulty(base().u32(5).u32(24).zeros(12).u32(28));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "trailing block total length 28 does not match the leading 24");
    }

    @Test
    void enhancedPacketClaimsMoreBytesThanTheBlockHolds() throws IOException {
        // A 92-byte EPB (room for 60) whose captured length says 100.
        // tcpdump: pcap_loop: block of type 6 in pcapng dump file is too short
        // tshark: (pcapng: total block length 92 of an EPB is too small for 100 bytes of packet data)
        ByteBuilder b = base();
        b.epb(0, 3_000_000, P1, 60).patchU32(FAULT_OFFSET + 20, 100);
        Reading.Result r = readFaulty(b);
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "enhanced packet block claims 100 captured bytes but has room for 60");
    }

    @Test
    void enhancedPacketOnAnUndefinedInterface() throws IOException {
        // tcpdump: pcap_loop: a packet arrived on interface 1, but there's no Interface Description Block for
        //   that interface
        // tshark: (pcapng: interface index 1 is not less than section interface count 1)
        Reading.Result r = readFaulty(base().epb(1, 3_000_000, P1, 60));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET,
                "enhanced packet block names interface 1, but section 1 defines only 1 (0..0)");
    }

    @Test
    void interfacesOfAnEarlierSectionAreGone() throws IOException {
        ByteBuilder b = base().shb().epb(0, 3_000_000, P1, 60);
        Reading.Result r = readFaulty(b);
        assertFault(r, FILE, "block", 6, FAULT_OFFSET + 28,
                "enhanced packet block names interface 0, but section 2 defines no interfaces");
    }

    @Test
    void obsoletePacketBlockOnAnUndefinedInterface() throws IOException {
        // tcpdump: pcap_loop: a packet arrived on interface 7, but there's no Interface Description Block for
        //   that interface
        Reading.Result r = readFaulty(base().packetBlock(7, 0, 3_000_000, P1, 60));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "packet block names interface 7, but section 1 defines only 1 (0..0)");
    }

    @Test
    void simplePacketInASectionWithoutInterfaces() throws IOException {
        // tcpdump: the capture file has a packet block before any Interface Description Blocks
        // tshark: (pcapng: SPB appeared before any IDBs in the section)
        Reading.Result r = Reading.readAll(FILE, ByteBuilder.littleEndian().shb().spb(60, P1).build());
        assertEquals(0, r.frames().size());
        assertFault(r, FILE, "block", 2, 28, "simple packet block, but section 1 defines no interfaces");
    }

    @Test
    void sectionHeaderWithBadByteOrderMagic() throws IOException {
        // tcpdump: unknown file format.  tshark: isn't a capture file in a format TShark understands
        byte[] bytes = ByteBuilder.littleEndian().u32(PcapngReader.SECTION_HEADER).u32(28)
                .u8(0x11).u8(0x22).u8(0x33).u8(0x44).u16(1).u16(0).u64(-1).u32(28).build();
        String reason = "section header byte-order magic 0x11223344 is neither 0x1a2b3c4d (little-endian) "
                + "nor 0x4d3c2b1a (big-endian)";
        Reading.Result r = openFault(bytes);
        assertFault(r, FILE, "block", 1, 0, reason);
    }

    @Test
    void laterSectionHeaderWithBadByteOrderMagic() throws IOException {
        // tcpdump: pcap_loop: the file has a section with a bad byte order magic field
        // tshark: (pcapng: unknown byte-order magic number 0x44332211)
        ByteBuilder b = base().u32(PcapngReader.SECTION_HEADER).u32(28)
                .u8(0x11).u8(0x22).u8(0x33).u8(0x44).u16(1).u16(0).u64(-1).u32(28);
        Reading.Result r = readFaulty(b);
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "section header byte-order magic 0x11223344 is neither "
                + "0x1a2b3c4d (little-endian) nor 0x4d3c2b1a (big-endian)");
    }

    @Test
    void unsupportedVersion() throws IOException {
        // tcpdump: unsupported pcapng savefile version 2.0
        // tshark: (pcapng: unknown SHB version 2.0)
        byte[] bytes = ByteBuilder.littleEndian().shb().build();
        bytes[12] = 2;
        assertFault(openFault(bytes), FILE, "block", 1, 0, "unsupported pcapng version 2.0");
    }

    @Test
    void truncatedBlock() throws IOException {
        // tcpdump: pcap_loop: truncated pcapng dump file; tried to read 84 bytes, only got 42
        //   (libpcap has read the 8-byte block header separately)
        // tshark: appears to have been cut short in the middle of a packet
        byte[] whole = base().epb(0, 3_000_000, P1, 60).build();
        Reading.Result r = Reading.readAll(FILE, Arrays.copyOf(whole, FAULT_OFFSET + 50));
        assertTwoGoodFrames(r);
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "truncated block: need 92 bytes, file has 50");
    }

    @Test
    void truncatedBlockHeader() throws IOException {
        // tcpdump: pcap_loop: truncated pcapng dump file; tried to read 8 bytes, only got 3
        Reading.Result r = readFaulty(base().zeros(3));
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "truncated block header: need 8 bytes, file has 3");
    }

    @Test
    void optionRunningPastTheBlock() throws IOException {
        ByteBuilder b = base();
        b.epb(0, 3_000_000, P1, 60, b.comment("abc")).patchU32(FAULT_OFFSET + 28 + 60, 1 | (200 << 16));
        Reading.Result r = readFaulty(b);
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "option 1 claims 200 bytes but the block has 8 left");
    }

    /**
     * A resolution whose units per second pass 64 bits is read, as tshark 4.0.17 reads it: in units of
     * 2^64 - 1 (it shows 0.000000000 and 1.000000000 for these two, and 9 digits).
     */
    @Test
    void timestampResolutionBeyondSixtyFourBitsIsReadAsTsharkReadsIt() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().shb();
        b.idb(1, 0, b.tsresol(20));
        b.epb(0, 10_000_000_000_000_000L, P1, 60);
        b.epb(0, -1L, P1, 60);
        Reading.Result r = Reading.readAll(FILE, b.build());
        assertNull(r.fault());
        assertFrame(r.frames().get(0), 1, 0, 1, "0.000000000", 9);
        assertFrame(r.frames().get(1), 2, 0, 1, "1.000000000", 9);
    }

    @Test
    void blockBiggerThanTheWindow() throws IOException {
        byte[] bytes = base().epb(0, 3_000_000, payload(5000, 1), 5000).build();
        Reading.Result r = Reading.readAll(CaptureFiles.open(FILE, Reading.channel(bytes), 4096));
        assertTwoGoodFrames(r);
        assertFault(r, FILE, "block", 5, FAULT_OFFSET, "block total length 5032 exceeds the maximum 4096");
    }

    @Test
    void tooManyInterfacesInOneSection() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().shb();
        for (int i = 0; i <= InterfaceTable.MAX_INTERFACES; i++) {
            b.idb(1, 0);
        }
        Reading.Result r = Reading.readAll(FILE, b.build());
        assertFault(r, FILE, "block", InterfaceTable.MAX_INTERFACES + 2, 28 + 20L * InterfaceTable.MAX_INTERFACES,
                "more than 65536 interfaces in section 1");
    }

    @Test
    void emptyFileAndWrongFormatThroughTheReaderItself() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> new PcapngReader(FILE, Reading.channel(new byte[0])));
        assertEquals("x.pcapng: record 0 at byte offset 0: empty file", e.getMessage());
        byte[] pcap = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1).build();
        e = assertThrows(CaptureFormatException.class, () -> new PcapngReader(FILE, Reading.channel(pcap)));
        assertEquals("x.pcapng: block 1 at byte offset 0: not a pcapng file (first block type 0xd4c3b2a1, "
                + "expected a section header block 0x0a0d0d0a)", e.getMessage());
    }

    // ---------------------------------------------------------------- good files

    @Test
    void sectionWithInterfacesButNoPacketsHasNoFrames() throws IOException {
        Reading.Result r = Reading.readAll(FILE, ByteBuilder.littleEndian().shb().idb(1, 262144).build());
        assertNull(r.fault());
        assertEquals(0, r.frames().size());
    }

    /**
     * Two sections of opposite byte order and three interfaces: 10^-3 and 10^-9 in the little-endian section,
     * 2^-10 with if_tsoffset +1000 s in the big-endian one. tshark 4.0.17 reads the same bytes (built with a
     * script) as 1700000000.123000000, 1700000000.123456789, 1700001000.999023437, 1700001000.000976562; and
     * shows frame.interface_id 0, 1, 0, 0: the number within the section.
     */
    @Test
    void sectionsOfBothByteOrdersAndThreeResolutions() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().shb();
        b.idb(LinkType.EN10MB, 0, b.tsresol(3), b.option(0x1234, new byte[] {1, 2, 3})); // unknown option
        b.idb(LinkType.RAW, 0, b.tsresol(9));
        long first = b.size();
        b.epb(0, 1_700_000_000_123L, P1, 60, b.comment("héllo, wörld"), b.option(2, new byte[4]), b.comment("2nd"));
        b.u32(0x1234_5678).u32(16).u32(0).u32(16); // unknown block type: skipped
        b.epb(1, 1_700_000_000_123_456_789L, P2, 1500);
        b.order(true).shb();
        b.idb(LinkType.LINUX_SLL, 0, b.tsresol(0x80 | 10), b.tsoffset(1000));
        long bigEndianPacket = b.size();
        b.epb(0, (1_700_000_000L << 10) + 1023, payload(61, 9), 61);
        b.epb(0, (1_700_000_000L << 10) + 1, P1, 60);
        byte[] bytes = b.build();

        Reading.Result r = Reading.readAll(FILE, bytes);
        assertNull(r.fault());
        List<Frame> f = r.frames();
        assertEquals(4, f.size());

        assertFrame(f.get(0), 1, 0, LinkType.EN10MB, "1700000000.123", 3);
        assertEquals(first, f.get(0).fileOffset);
        assertEquals(List.of("héllo, wörld", "2nd"), f.get(0).comments);
        assertArrayEquals(P1, f.get(0).data);

        assertFrame(f.get(1), 2, 1, LinkType.RAW, "1700000000.123456789", 9);
        assertNull(f.get(1).comments);
        assertEquals(1500, f.get(1).originalLength);
        assertEquals(60, f.get(1).capturedLength);

        // 2^-10 s: tshark shows 3 digits (its precision for 1,024 units a second), of the same exact time.
        assertFrame(f.get(2), 3, 0, LinkType.LINUX_SLL, "1700001000.999", 3);
        assertEquals(999_023_437, f.get(2).nanos);
        assertEquals(bigEndianPacket, f.get(2).fileOffset);
        assertArrayEquals(payload(61, 9), f.get(2).data);
        assertFrame(f.get(3), 4, 0, LinkType.LINUX_SLL, "1700001000.000", 3);
        assertEquals(976_562, f.get(3).nanos);
    }

    /**
     * Simple and obsolete Packet Blocks, and the blocks tshark counts as frames without being packets: tshark
     * 4.0.17 numbers the custom blocks and the systemd journal block 2..4 here, so the packet after them is
     * frame 5, and shows no time for the Simple Packet Block.
     */
    @Test
    void simpleAndObsoletePacketBlocksAndTsharksFrameNumbers() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().shb().idb(LinkType.EN10MB, 64).idb(LinkType.RAW, 0);
        b.packetBlock(1, 3, 1_700_000_000_000_001L, P1, 60);
        b.block(PcapngReader.CUSTOM, b.body().u32(32473).u32(0).build());
        b.block(PcapngReader.CUSTOM_DO_NOT_COPY, b.body().u32(32473).build());
        b.block(PcapngReader.SYSTEMD_JOURNAL_EXPORT, "MESSAGE=hi\n".getBytes());
        b.block(5, new byte[12]); // interface statistics: not a frame
        b.spb(100, payload(100, 5)); // snaplen 64 cuts it
        b.spb(57, payload(57, 5));   // 3 bytes of padding follow the packet
        b.spb(90, payload(40, 5));   // the body is shorter than the packet: tshark and tcpdump stop here
        Reading.Result r = Reading.readAll(FILE, b.build());
        assertNull(r.fault());
        List<Frame> f = r.frames();
        assertEquals(4, f.size());
        assertFrame(f.get(0), 1, 1, LinkType.RAW, "1700000000.000001", 6);
        assertEquals(5, f.get(1).number);
        assertEquals(0, f.get(1).interfaceId);
        assertFalse(f.get(1).hasTimestamp);
        assertEquals(0, f.get(1).epochSeconds);
        assertEquals(100, f.get(1).originalLength);
        assertEquals(64, f.get(1).capturedLength);
        assertArrayEquals(payload(64, 5), f.get(1).data);
        assertEquals(57, f.get(2).capturedLength);
        assertEquals(40, f.get(3).capturedLength);
        assertEquals(90, f.get(3).originalLength);
    }

    @Test
    void sameFramesThroughASmallWindowAndAPipe() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().shb();
        b.idb(1, 0, b.tsresol(9));
        for (int i = 0; i < 200; i++) {
            if (i == 100) {
                b.order(true).shb().idb(1, 0).idb(101, 0);
            }
            byte[] p = payload(i % 150, i);
            b.epb(i < 100 ? 0 : i % 2, 1_000_000_000L * i + i, p, p.length, i % 7 == 0 ? b.comment("c" + i) : new byte[0]);
        }
        byte[] bytes = b.build();
        Reading.Result whole = Reading.readAll(FILE, bytes);
        assertNull(whole.fault());
        assertEquals(200, whole.frames().size());
        for (int perRead : new int[] {1, 5, 4096}) {
            Reading.Result r = Reading.readAll(CaptureFiles.open(FILE, Reading.trickle(bytes, perRead), 512));
            assertNull(r.fault());
            PcapReaderTest.assertSameFrames(whole, r);
        }
    }

    private static void assertFrame(Frame f, long number, int interfaceId, int linkType, String time, int digits) {
        assertEquals(number, f.number, "number");
        assertEquals(interfaceId, f.interfaceId, "interface of frame " + number);
        assertEquals(linkType, f.linkType, "link type of frame " + number);
        assertEquals(digits, f.tsDigits, "digits of frame " + number);
        assertTrue(f.hasTimestamp);
        assertEquals(time, f.timestampString(f.tsDigits), "time of frame " + number);
    }

    private static Reading.Result openFault(byte[] bytes) {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open(FILE, Reading.channel(bytes)));
        return new Reading.Result(List.of(), e);
    }
}
