package io.wirebook.capture;

import static io.wirebook.capture.ByteBuilder.payload;
import static io.wirebook.capture.Reading.assertFault;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Classic pcap, good and damaged. Layout of the damaged files: 24-byte file header, then records of a 16-byte
 * header and 60 bytes of packet, so record 1 starts at byte 24, record 2 at 100, record 3 at 176. The tcpdump
 * 4.99.3 / libpcap 1.10 message for the same bytes ({@code TZ=UTC tcpdump -nn -r file}) is quoted beside
 * each.
 */
class PcapReaderTest {
    private static final String FILE = "x.pcap";
    private static final byte[] P1 = payload(60, 0);
    private static final byte[] P2 = payload(60, 100);

    /** Header (LE, microseconds, snaplen 65535, Ethernet) and two good 60-byte records. */
    private static ByteBuilder twoGoodRecords() {
        return ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
                .pcapRecord(1, 0, P1, 60).pcapRecord(2, 500_000, P2, 1514);
    }

    private static void assertTwoGoodFrames(Reading.Result r) {
        assertEquals(2, r.frames().size(), "frames before the fault are delivered");
        Frame f1 = r.frames().get(0);
        Frame f2 = r.frames().get(1);
        assertEquals(1, f1.number);
        assertEquals(24, f1.fileOffset);
        assertArrayEquals(P1, f1.data);
        assertEquals(2, f2.number);
        assertEquals(100, f2.fileOffset);
        assertEquals(2, f2.epochSeconds);
        assertEquals(500_000_000, f2.nanos);
        assertEquals(60, f2.capturedLength);
        assertEquals(1514, f2.originalLength);
        assertTrue(f2.isTruncated());
        assertArrayEquals(P2, f2.data);
    }

    @Test
    void readsLittleEndianMicroseconds() throws IOException {
        Reading.Result r = Reading.readAll(FILE, twoGoodRecords().build());
        assertNull(r.fault());
        assertTwoGoodFrames(r);
        Frame f = r.frames().get(0);
        assertEquals(6, f.tsDigits);
        assertEquals(-1, f.interfaceId);
        assertEquals(LinkType.EN10MB, f.linkType);
        assertNull(f.comments);
        assertTrue(f.hasTimestamp);
    }

    @Test
    void readsBigEndianNanoseconds() throws IOException {
        // Magic a1b23c4d written big-endian: bytes a1 b2 3c 4d; every other field big-endian too.
        // Link type 0x10000071: FCS bits above the low 16 are ignored, leaving LINUX_SLL.
        byte[] bytes = ByteBuilder.bigEndian().pcapHeader(PcapReader.MAGIC_NANOS, 262144, 0x1000_0071)
                .pcapRecord(1_700_000_000L, 123_456_789, P1, 60)
                .pcapRecord(4_000_000_000L, 999_999_999, P2, 60) // seconds are unsigned
                .build();
        assertEquals((byte) 0xA1, bytes[0]);
        assertEquals((byte) 0x4D, bytes[3]);
        try (PcapReader reader = new PcapReader(FILE, Reading.channel(bytes))) {
            assertTrue(reader.isBigEndian());
            assertTrue(reader.isNanosecond());
            assertEquals("2.4", reader.version());
            assertEquals(262144, reader.snaplen());
            assertEquals(LinkType.LINUX_SLL, reader.linkType());
            Frame f = new Frame();
            assertTrue(reader.next(f));
            assertEquals(1_700_000_000L, f.epochSeconds);
            assertEquals(123_456_789, f.nanos);
            assertEquals(9, f.tsDigits);
            assertEquals("1700000000.123456789", f.timestampString(f.tsDigits));
            assertEquals(LinkType.LINUX_SLL, f.linkType);
            assertArrayEquals(P1, Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
            assertTrue(reader.next(f));
            assertEquals(4_000_000_000L, f.epochSeconds);
            assertEquals(999_999_999, f.nanos);
            assertFalse(reader.next(f));
        }
    }

    @Test
    void fractionOfASecondOrMoreCarriesIntoTheSeconds() throws IOException {
        byte[] bytes = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
                .pcapRecord(10, 2_500_000, P1, 60).build();
        Frame f = Reading.readAll(FILE, bytes).frames().get(0);
        assertEquals(12, f.epochSeconds);
        assertEquals(500_000_000, f.nanos);
    }

    @Test
    void capturedLengthAboveSnaplenButWithinLibpcapsMaximumIsAccepted() throws IOException {
        // tcpdump's mptcp-dss-oobr.pcap has snaplen 73 and a 74-byte record; tshark and tcpdump read it.
        byte[] bytes = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_MICROS, 40, 1)
                .pcapRecord(1, 0, P1, 60).build();
        Reading.Result r = Reading.readAll(FILE, bytes);
        assertNull(r.fault());
        assertEquals(60, r.frames().get(0).capturedLength);
    }

    @Test
    void zeroLengthRecordsAndAHeaderOnlyFile() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1);
        assertEquals(0, Reading.readAll(FILE, b.build()).frames().size());
        b.pcapRecord(1, 0, new byte[0], 0).pcapRecord(2, 0, P1, 60);
        Reading.Result r = Reading.readAll(FILE, b.build());
        assertNull(r.fault());
        assertEquals(2, r.frames().size());
        assertEquals(0, r.frames().get(0).capturedLength);
    }

    @Test
    void truncatedFileHeader() throws IOException {
        // tcpdump: truncated dump file; tried to read 24 file header bytes, only got 6
        //   (libpcap has already consumed the 4 magic bytes)
        byte[] bytes = Arrays.copyOf(twoGoodRecords().build(), 10);
        Reading.Result r = readAllOrHeaderFault(bytes);
        assertFault(r, FILE, "record", 0, 0, "truncated file header: need 24 bytes, file has 10");
    }

    @Test
    void unsupportedVersion() throws IOException {
        // tcpdump: archaic pcap savefile format
        // tshark: (pcap: major version 1 unsupported)
        byte[] bytes = twoGoodRecords().build();
        bytes[4] = 1;
        Reading.Result r = readAllOrHeaderFault(bytes);
        assertFault(r, FILE, "record", 0, 0, "unsupported pcap version 1.4");
    }

    @Test
    void truncatedRecordHeader() throws IOException {
        // tcpdump: pcap_loop: truncated dump file; tried to read 16 header bytes, only got 5
        byte[] bytes = twoGoodRecords().zeros(5).build();
        Reading.Result r = Reading.readAll(FILE, bytes);
        assertTwoGoodFrames(r);
        assertFault(r, FILE, "record", 3, 176, "truncated record header: need 16 bytes, file has 5");
    }

    @Test
    void truncatedRecordData() throws IOException {
        // tcpdump: pcap_loop: truncated dump file; tried to read 60 captured bytes, only got 12
        byte[] bytes = twoGoodRecords().u32(3).u32(0).u32(60).u32(60).bytes(payload(12, 7)).build();
        Reading.Result r = Reading.readAll(FILE, bytes);
        assertTwoGoodFrames(r);
        assertFault(r, FILE, "record", 3, 176, "truncated record data: need 60 bytes, file has 12");
    }

    @Test
    void capturedLengthOfFourGigabytes() throws IOException {
        // tcpdump: pcap_loop: invalid packet capture length 4294967295, bigger than snaplen of 65535
        // (tshark: "appears to have been cut short in the middle of a packet")
        byte[] bytes = twoGoodRecords().u32(3).u32(0).u32(0xFFFF_FFFFL).u32(60).build();
        Reading.Result r = Reading.readAll(FILE, bytes);
        assertTwoGoodFrames(r);
        assertFault(r, FILE, "record", 3, 176, "claimed captured length 4294967295 exceeds the maximum 262144");
    }

    @Test
    void capturedLengthBeyondTheWindowWhenSnaplenIsHuge() throws IOException {
        // wireshark/segmented_fpm.pcap really has snaplen 0xFFFFFFFF; the window still bounds a record.
        byte[] bytes = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_MICROS, 0xFFFF_FFFFL, 101)
                .pcapRecord(1, 0, P1, 60).u32(2).u32(0).u32(5000).u32(5000).zeros(5000).build();
        Reading.Result r = Reading.readAll(CaptureFiles.open(FILE, Reading.channel(bytes), 4096));
        assertEquals(1, r.frames().size());
        assertFault(r, FILE, "record", 2, 100, "claimed captured length 5000 exceeds the reader's window of 4080 bytes");
    }

    @Test
    void sameFramesThroughASmallWindowAndAPipe() throws IOException {
        // 300 records of varying size through a 512-byte window read 1..7 bytes at a time: every refill and
        // compaction path, and the stdin path, must give the same frames as one big read.
        ByteBuilder b = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_NANOS, 65535, 1);
        for (int i = 0; i < 300; i++) {
            byte[] p = payload(i % 200, i);
            b.pcapRecord(i, i * 3L, p, p.length + 4);
        }
        byte[] bytes = b.build();
        Reading.Result whole = Reading.readAll(FILE, bytes);
        assertNull(whole.fault());
        assertEquals(300, whole.frames().size());
        for (int perRead : new int[] {1, 3, 7, 4096}) {
            Reading.Result r = Reading.readAll(CaptureFiles.open(FILE, Reading.trickle(bytes, perRead), 512));
            assertNull(r.fault());
            assertSameFrames(whole, r);
        }
    }

    @Test
    void theFrameIsReusedAndItsBytesAreAViewIntoTheWindow() throws IOException {
        try (FrameSource source = CaptureFiles.open(FILE, Reading.channel(twoGoodRecords().build()))) {
            Frame f = new Frame();
            assertTrue(source.next(f));
            byte[] window = f.data;
            assertEquals(24 + 16, f.offset);
            assertTrue(source.next(f));
            assertSame(window, f.data, "no per-frame array");
            assertEquals(100 + 16, f.offset);
            assertArrayEquals(P2, Arrays.copyOfRange(f.data, f.offset, f.offset + 60));
        }
    }

    static void assertSameFrames(Reading.Result expected, Reading.Result actual) {
        assertEquals(expected.frames().size(), actual.frames().size());
        for (int i = 0; i < expected.frames().size(); i++) {
            Frame e = expected.frames().get(i);
            Frame a = actual.frames().get(i);
            assertEquals(e.number, a.number);
            assertEquals(e.epochSeconds, a.epochSeconds);
            assertEquals(e.nanos, a.nanos);
            assertEquals(e.tsDigits, a.tsDigits);
            assertEquals(e.hasTimestamp, a.hasTimestamp);
            assertEquals(e.originalLength, a.originalLength);
            assertEquals(e.interfaceId, a.interfaceId);
            assertEquals(e.linkType, a.linkType);
            assertEquals(e.fileOffset, a.fileOffset);
            assertEquals(e.comments, a.comments);
            assertArrayEquals(e.data, a.data, "frame " + e.number);
        }
    }

    /** Header faults are raised when the source is opened; wrap them like a read fault. */
    private static Reading.Result readAllOrHeaderFault(byte[] bytes) {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> new PcapReader(FILE, Reading.channel(bytes)));
        CaptureFormatException viaFiles = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open(FILE, Reading.channel(bytes)));
        assertEquals(e.getMessage(), viaFiles.getMessage());
        return new Reading.Result(java.util.List.of(), e);
    }
}
