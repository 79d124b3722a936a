package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PacketDecoder#decode} allocates nothing for a packet that decodes cleanly, whatever it carries
 * (TCP options of every kind, MPTCP, ICMP errors and their quotes, IPv6 extension headers): every bundled
 * frame that reaches IP without a fault, decoded over and over into one reused {@link Packet}. (A damaged
 * packet may allocate: its reason is a sentence.)
 */
class DecodeAllocationTest {
    @Test
    void decodingCleanPacketsAllocatesNothing() throws Exception {
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        List<Frame> clean = new ArrayList<>();
        for (Path capture : TestCaptures.withTsharkReference()) {
            try (FrameSource src = CaptureFiles.open(capture.toString())) {
                Frame f = new Frame();
                while (src.next(f)) {
                    decoder.decode(f, p);
                    if (p.malformed == null && p.network != Packet.NET_NONE) {
                        clean.add(f.copy());
                    }
                }
            }
        }
        assertTrue(clean.size() > 1000, "clean frames: " + clean.size());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int round = 0; round < 3; round++) {
            sum += decodeAll(decoder, p, clean); // warm: first lookups of unknown numbers are cached here
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            sum += decodeAll(decoder, p, clean);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum != 0);
        // 20 rounds over every frame: one object per packet would be hundreds of kilobytes.
        assertTrue(allocated < 4096, allocated + " bytes allocated decoding " + 20 * clean.size() + " packets");
    }

    private static long decodeAll(PacketDecoder decoder, Packet p, List<Frame> frames) {
        long sum = 0;
        for (int i = 0; i < frames.size(); i++) {
            decoder.decode(frames.get(i), p);
            sum += p.transport + p.ipProtocol + p.tcp.optionCount + p.icmp.type;
        }
        return sum;
    }
}
