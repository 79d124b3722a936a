package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureWriterTest {
    @TempDir
    Path tmp;

    private static List<Frame> readAll(Path p) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(p.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                out.add(f.copy());
            }
        }
        return out;
    }

    /**
     * A frame whose bytes are in a direct buffer (a live capture in place, {@link Frame#direct}) is written
     * with a gathering write: the file is byte for byte the one its copy in an array gives, in both formats,
     * with comments after odd-length packets (the padding and the options' alignment), and the buffer's
     * position is where it was.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"out.pcapng", "out.pcap"})
    void aFrameInADirectBufferIsWrittenAsItsCopyInAnArray(String name) throws IOException {
        List<Frame> in = readAll(TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"));
        Path heap = tmp.resolve("heap-" + name), direct = tmp.resolve("direct-" + name);
        try (CaptureWriter h = CaptureWriter.create(heap, LinkType.EN10MB, 262144, "lo", true);
                CaptureWriter d = CaptureWriter.create(direct, LinkType.EN10MB, 262144, "lo", true)) {
            for (int i = 0; i < in.size(); i++) {
                Frame f = in.get(i);
                List<String> comments = i % 2 == 0 ? List.of("call " + i, "odd") : null;
                h.write(f, comments);
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(f.capturedLength + 3);
                bytes.position(3);
                bytes.put(f.data, f.offset, f.capturedLength).position(3);
                Frame g = f.copy();
                g.data = null;
                g.direct = bytes;
                d.write(g, comments);
                assertEquals(3, bytes.position());
                assertEquals(f.capturedLength + 3, bytes.limit());
            }
        }
        assertTrue(in.stream().anyMatch(f -> f.capturedLength % 4 != 0), "packets of lengths that need padding");
        assertArrayEquals(Files.readAllBytes(heap), Files.readAllBytes(direct));
    }

    @Test
    void pcapngRoundTripKeepsBytesNanosecondsAndComments() throws IOException {
        List<Frame> in = readAll(TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"));
        Path out = tmp.resolve("out.pcapng");
        try (CaptureWriter w = CaptureWriter.create(out, LinkType.EN10MB, 262144, "lo", true)) {
            for (int i = 0; i < in.size(); i++) {
                Frame f = in.get(i);
                f.nanos += 123; // beyond microseconds
                w.write(f, i == 0 ? List.of("client: connect(127.0.0.1:53)", "naïve <b>&</b>") : null);
            }
        }
        List<Frame> back = readAll(out);
        assertEquals(in.size(), back.size());
        for (int i = 0; i < in.size(); i++) {
            Frame a = in.get(i), b = back.get(i);
            assertEquals(a.epochSeconds, b.epochSeconds);
            assertEquals(a.nanos, b.nanos);
            assertEquals(9, b.tsDigits);
            assertEquals(a.originalLength, b.originalLength);
            assertArrayEquals(Arrays.copyOfRange(a.data, a.offset, a.offset + a.capturedLength),
                    Arrays.copyOfRange(b.data, b.offset, b.offset + b.capturedLength));
        }
        assertEquals(List.of("client: connect(127.0.0.1:53)", "naïve <b>&</b>"), back.get(0).comments);
        assertNull(back.get(1).comments);
    }

    @Test
    void tsharkSeesTheCommentsAsFrameComment() throws Exception {
        List<Frame> in = readAll(TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"));
        Path out = tmp.resolve("c.pcapng");
        try (CaptureWriter w = CaptureWriter.create(out, LinkType.EN10MB, 262144, "lo", false)) {
            w.write(in.get(0), List.of("connect() -> SYN"));
            w.write(in.get(1), null);
        }
        Process p = new ProcessBuilder("tshark", "-n", "-r", out.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "frame.comment", "-e", "tcp.flags.str").redirectErrorStream(false).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        List<String> lines = stdout.lines().toList();
        assertEquals("1\tconnect() -> SYN\t··········S·", lines.get(0));
        assertEquals("2\t\t·······A··S·", lines.get(1));
    }

    @Test
    void pcapWriterWritesNanosecondPcap() throws IOException {
        List<Frame> in = readAll(TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"));
        Path out = tmp.resolve("out.pcap");
        try (CaptureWriter w = CaptureWriter.create(out, LinkType.EN10MB, 65535, null, false)) {
            for (Frame f : in) {
                w.write(f);
            }
        }
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), 4);
        assertArrayEquals(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1}, head);
        List<Frame> back = readAll(out);
        assertEquals(in.size(), back.size());
        assertEquals(in.get(5).nanos, back.get(5).nanos);
        assertFalse(back.get(0).isTruncated());
    }

    @Test
    void aFileCutAfterAnyWholeRecordStillReads() throws IOException {
        List<Frame> in = readAll(TestCaptures.get("third-party/tcpdump/dns_tcp.pcap"));
        Path out = tmp.resolve("live.pcapng");
        long[] sizes = new long[in.size()];
        try (CaptureWriter w = CaptureWriter.create(out, LinkType.EN10MB, 262144, "lo", true)) {
            for (int i = 0; i < in.size(); i++) {
                w.write(in.get(i), List.of("frame " + (i + 1)));
                sizes[i] = Files.size(out); // flushed: what a Ctrl-C right now would leave
            }
        }
        byte[] all = Files.readAllBytes(out);
        for (int i = 0; i < sizes.length; i++) {
            Path cut = tmp.resolve("cut" + i + ".pcapng");
            Files.write(cut, Arrays.copyOf(all, (int) sizes[i]));
            assertEquals(i + 1, readAll(cut).size());
        }
    }
}
