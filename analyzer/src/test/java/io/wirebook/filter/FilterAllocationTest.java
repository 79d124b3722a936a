package io.wirebook.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Testing a packet allocates nothing: every bundled frame, analysed once and kept, tested again and again
 * by filters that reach every kind of field (numbers, several values, addresses with prefixes, sets, names,
 * flags, words, the quoted header of ICMP errors, expert findings, times).
 */
class FilterAllocationTest {
    private static final String[] FILTERS = {
        "tcp.port in {80, 443, 1000..2000} or udp.port == 53 or ip.addr == 10.0.0.0/8 or ipv6.addr == fe80::/10",
        "tcp.flags has SYN and not tcp.flags.ack == 1 or tcp.flags & 0x12 == 0x12 or tcp.analysis has duplicate_ack",
        "tcp.analysis.flags && !tcp.analysis.window_update || tcp.analysis.ack_rtt > 0.001 || tcp.states has TIME_WAIT",
        "proto == udp or tcp.side == client or malformed.layer == tcp or fragment or truncated or ip.ttl < 64",
        "ip.src != 127.0.0.1 and frame.len > 100 and tcp.option_kind == 5 or tcp.options has TS or icmp.type == 3",
    };

    @Test
    void testingPacketsAllocatesNothing() throws Exception {
        List<PacketResult> packets = new ArrayList<>();
        for (Path capture : BundledCaptures.all()) {
            List<Frame> frames = new ArrayList<>();
            try (FrameSource src = CaptureFiles.open(capture.toString())) {
                Frame f = new Frame();
                while (src.next(f)) {
                    frames.add(f.copy());
                }
            } catch (CaptureFormatException damagedPartWay) {
                // keep the frames before the damage
            }
            packets.addAll(new PacketPipeline().keepAll(frames));
        }
        assertTrue(packets.size() > 3000, "packets: " + packets.size());
        List<DisplayFilter> filters = new ArrayList<>();
        for (String e : FILTERS) {
            filters.add(DisplayFilter.compile(e));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long kept = 0;
        for (int round = 0; round < 3; round++) {
            kept += testAll(filters, packets);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            kept += testAll(filters, packets);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(kept > 0);
        // 20 rounds of 5 filters over every packet: one object per test would be megabytes.
        assertTrue(allocated < 4096, allocated + " bytes allocated testing " + 100 * packets.size() + " packets");
    }

    private static long testAll(List<DisplayFilter> filters, List<PacketResult> packets) {
        long kept = 0;
        for (DisplayFilter f : filters) {
            for (int i = 0; i < packets.size(); i++) {
                if (f.test(packets.get(i))) {
                    kept++;
                }
            }
        }
        return kept;
    }
}
