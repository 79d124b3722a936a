package io.wirebook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.capture.LinkType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the lab tests check in a capture file: tshark reads it cleanly, and which datagrams it holds. */
final class LabCaptures {
    private LabCaptures() {}

    /**
     * The packets tshark counts in {@code file}, after checking that it read the file without a word on
     * standard error (a cut record would be "appears to have been cut short in the middle of a packet") and
     * ended with 0. tshark's own warning about running as root is not about the file and is left out.
     */
    static long tsharkReadsCleanly(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.number").start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish on " + file);
        String complaints = err.lines().filter(l -> !l.startsWith("Running as user \"root\"")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("", complaints, "tshark on " + file);
        assertEquals(0, p.exitValue(), "tshark's exit code on " + file);
        return new String(out, StandardCharsets.US_ASCII).lines().count();
    }

    /**
     * The sequence numbers ({@link LabTraffic}'s first 8 payload bytes) of the IPv4 UDP datagrams to
     * {@code port} in {@code file}, in file order; other packets are left out.
     */
    static List<Long> sequenceNumbers(Path file, int port) throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(file.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                int ip = f.offset + (f.linkType == LinkType.EN10MB ? 14 : 0);
                byte[] b = f.data;
                if (f.capturedLength < 14 + 28 + 8 || (b[ip] & 0xF0) != 0x40 || b[ip + 9] != 17) {
                    continue;
                }
                int udp = ip + (b[ip] & 0x0F) * 4;
                if (((b[udp + 2] & 0xFF) << 8 | (b[udp + 3] & 0xFF)) != port) {
                    continue;
                }
                long seq = 0;
                for (int i = 0; i < 8; i++) {
                    seq = seq << 8 | (b[udp + 8 + i] & 0xFF);
                }
                seqs.add(seq);
            }
        }
        return seqs;
    }

    /** True when {@code seqs} is {@code first, first+1, ..., first+n-1}: no datagram missing between its ends. */
    static boolean consecutive(List<Long> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) != seqs.get(i - 1) + 1) {
                return false;
            }
        }
        return true;
    }
}
