package io.wirebook.capture;

import static io.wirebook.capture.ByteBuilder.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {
    @Test
    void unknownMagic() {
        // tcpdump: unknown file format
        // tshark: isn't a capture file in a format TShark understands
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open("x.cap", Reading.channel("ABCD and then some".getBytes())));
        assertEquals(0, e.record());
        assertEquals(0, e.byteOffset());
        assertEquals("x.cap: record 0 at byte offset 0: not a pcap or pcapng file (magic 0x41424344)", e.getMessage());
    }

    @Test
    void gzipIsNamed() {
        byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open("x.pcap.gz", Reading.channel(gz)));
        assertEquals("not a pcap or pcapng file (magic 0x1f8b0800); it looks gzip-compressed: decompress it first",
                e.reason());
    }

    @Test
    void emptyFile() {
        // tcpdump: truncated dump file; tried to read 4 file header bytes, only got 0
        // (tshark prints nothing and exits 0)
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open("x.pcap", Reading.channel(new byte[0])));
        assertEquals("x.pcap: record 0 at byte offset 0: empty file", e.getMessage());
    }

    @Test
    void tooShortToTellTheFormat() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureFiles.open("x.pcap", Reading.channel(new byte[] {(byte) 0xd4, (byte) 0xc3})));
        assertEquals("truncated file header: need 4 bytes to tell pcap from pcapng, file has 2", e.reason());
    }

    @Test
    void aFileThatCannotBeOpenedIsNotAFormatError(@TempDir Path dir) {
        IOException missing = assertThrows(IOException.class, () -> CaptureFiles.open(dir.resolve("nope.pcap").toString()));
        assertInstanceOf(NoSuchFileException.class, missing);
        IOException directory = assertThrows(IOException.class, () -> CaptureFiles.open(dir.toString()));
        assertFalse(directory instanceof CaptureFormatException, directory.toString());
    }

    @Test
    void opensFilesByPathAndSniffsTheFormat(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("a.pcap");
        Files.write(pcap, ByteBuilder.bigEndian().pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
                .pcapRecord(1, 2, payload(10, 0), 10).build());
        Path pcapng = dir.resolve("b.pcapng");
        ByteBuilder ng = ByteBuilder.littleEndian().shb().idb(1, 0);
        Files.write(pcapng, ng.epb(0, 5, payload(10, 0), 10).build());
        try (FrameSource a = CaptureFiles.open(pcap.toString()); FrameSource b = CaptureFiles.open(pcapng.toString())) {
            assertEquals("pcap", a.format());
            assertEquals(pcap.toString(), a.name());
            assertEquals("pcapng", b.format());
            assertEquals(1, Reading.readAll(a).frames().size());
            assertEquals(1, Reading.readAll(b).frames().size());
        }
    }

    /** "-" reads standard input; here a stream that, like a pipe, hands over 3 bytes at a time. */
    @Test
    void dashReadsStandardInput() throws IOException {
        ByteBuilder b = ByteBuilder.littleEndian().pcapHeader(PcapReader.MAGIC_NANOS, 65535, 1);
        for (int i = 0; i < 50; i++) {
            b.pcapRecord(i, i, payload(i, i), i);
        }
        InputStream pipe = new ByteArrayInputStream(b.build()) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 3));
            }
        };
        InputStream saved = System.in;
        System.setIn(pipe);
        try {
            FrameSource source = CaptureFiles.open("-");
            assertEquals("<stdin>", source.name());
            Reading.Result r = Reading.readAll(source);
            assertNull(r.fault());
            assertEquals(50, r.frames().size());
            assertEquals(49, r.frames().get(49).capturedLength);
        } finally {
            System.setIn(saved);
        }
    }
}
