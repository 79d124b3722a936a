package io.wirebook.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.FrameSource;
import io.wirebook.capture.LinkType;
import io.wirebook.capture.PcapReader;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator's promises: same seed same bytes, exact packet count, clean decoding, truthful labels. */
class SyntheticCaptureTest {
    /**
     * Slow arrivals and a high anomaly rate, so that a small capture spans seconds and holds every kind of
     * anomaly, including the zero-window probe (200 ms persist timer) and the keep-alive (1 s idle).
     */
    private static final SynthOptions RICH = SynthOptions.of(40_000).withSeed(11).withAnomalyRate(0.3)
            .withFlowsPerSecond(1_000);

    @Test
    void sameSeedGivesTheSameBytesAndLabels() {
        SynthOptions o = SynthOptions.of(20_000).withSeed(42);
        Generated a = Generated.of(o);
        Generated b = Generated.of(o);
        assertArrayEquals(a.bytes, b.bytes);
        assertEquals(a.labelsText, b.labelsText);
        Generated c = Generated.of(o.withSeed(43));
        assertFalse(java.util.Arrays.equals(a.bytes, c.bytes), "another seed, another capture");
    }

    @Test
    void nanosecondTimestampsChangeOnlyTheMagicAndFractions() throws IOException {
        Generated micro = Generated.of(SynthOptions.of(2_000).withSeed(5));
        Generated nano = Generated.of(SynthOptions.of(2_000).withSeed(5).withNanos(true));
        assertEquals(micro.bytes.length, nano.bytes.length);
        try (FrameSource s = nano.open()) {
            assertTrue(((PcapReader) s).isNanosecond());
        }
        List<Long> microTimes = new ArrayList<>();
        micro.forEachFrame(f -> microTimes.add(f.epochNanos()));
        List<Long> nanoTimes = new ArrayList<>();
        nano.forEachFrame(f -> nanoTimes.add(f.epochNanos()));
        for (int i = 0; i < microTimes.size(); i++) {
            assertEquals(nanoTimes.get(i) / 1000 * 1000, (long) microTimes.get(i), "frame " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 17, 999, 25_000})
    void writesExactlyTheRequestedNumberOfPackets(long n) throws IOException {
        Generated g = Generated.of(SynthOptions.of(n).withSeed(n));
        assertEquals(n, g.forEachFrame(f -> { }));
        assertEquals(n, g.summary.packets());
        assertEquals(g.bytes.length, g.summary.bytes());
    }

    @Test
    void fileHeaderIsLittleEndianMicrosecondEthernetWithSnaplen262144() throws IOException {
        Generated g = Generated.of(SynthOptions.of(10));
        assertArrayEquals(new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0, 4, 0},
                java.util.Arrays.copyOf(g.bytes, 8));
        try (FrameSource s = g.open()) {
            PcapReader r = (PcapReader) s;
            assertFalse(r.isBigEndian());
            assertFalse(r.isNanosecond());
            assertEquals(262_144, r.snaplen());
            assertEquals(LinkType.EN10MB, r.linkType());
        }
    }

    /**
     * Every frame decodes without a fault as Ethernet with zero MACs, loopback IPv4 or IPv6, TCP or UDP; every
     * checksum verifies (computed here independently, 16 bits at a time); times never go backwards; and the
     * labels are exactly what tshark's rules, modelled in {@link TcpAnalysisModel}, find in the frames.
     */
    @Test
    void decodesCleanlyWithValidChecksumsAndTruthfulLabels() throws IOException {
        Generated g = Generated.of(RICH);
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        TcpAnalysisModel model = new TcpAnalysisModel();
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        long[] last = {0};
        int[] counts = new int[3];
        g.forEachFrame(f -> {
            decoder.decode(f, p);
            String where = "frame " + f.number;
            assertNull(p.malformed, () -> where + ": " + p.malformed);
            assertFalse(f.isTruncated(), where);
            for (int i = 0; i < 12; i++) {
                assertEquals(0, f.data[f.offset + i], where + ": MAC addresses are zero on lo");
            }
            long t = f.epochNanos();
            assertTrue(t >= last[0], where + ": time goes backwards");
            last[0] = t;
            if (p.network == Packet.NET_IPV4) {
                assertEquals(0x7F00_0001, p.ipv4.source, where);
                assertEquals(0x7F00_0001, p.ipv4.destination, where);
                assertEquals(0, fold(sum(f.data, f.offset + p.ipv4.offset, 20)), where + ": IPv4 header checksum");
            } else {
                assertEquals(Packet.NET_IPV6, p.network, where);
                counts[2]++;
            }
            int l4 = p.isTcp() ? p.tcp.offset : p.udp.offset;
            int l4Length = f.capturedLength - l4;
            assertEquals(0, fold(pseudoHeader(p, l4Length) + sum(f.data, f.offset + l4, l4Length)),
                    where + ": transport checksum");
            if (p.isTcp()) {
                counts[0]++;
                TreeSet<String> expected = model.analyse(p, t);
                List<String> labelled = g.labels.getOrDefault(f.number, List.of());
                if (!expected.equals(new TreeSet<>(labelled))) {
                    wrong.add(where + ": labelled " + labelled + ", the frame is " + expected);
                }
                seen.addAll(labelled);
            } else {
                assertTrue(p.isUdp(), where + ": TCP or UDP");
                assertTrue(p.udp.checksum != 0, where + ": UDP checksum present");
                assertFalse(g.labels.containsKey(f.number), where + ": UDP frames carry no TCP labels");
                counts[1]++;
            }
        });
        assertTrue(wrong.isEmpty(), wrong.size() + " frames:\n" + String.join("\n", wrong.subList(0,
                Math.min(20, wrong.size()))));
        assertTrue(model.problems.isEmpty(), String.join("\n", model.problems));
        Set<String> all = new TreeSet<>();
        for (Anomaly a : EnumSet.allOf(Anomaly.class)) {
            all.add(a.label());
        }
        all.remove(Anomaly.REUSED_PORTS.label()); // needs a client to wrap its port range: see the next test
        assertTrue(seen.containsAll(all), "every anomaly appears; missing: " + difference(all, seen));
        double udpShare = counts[1] / (double) (counts[0] + counts[1]);
        assertTrue(udpShare > 0.10 && udpShare < 0.20, "UDP share " + udpShare);
        double v6Share = counts[2] / (double) (counts[0] + counts[1]);
        assertTrue(v6Share > 0.05 && v6Share < 0.15, "IPv6 share " + v6Share);
    }

    /** With more connections than client ports, tuples come back; the SYN that reuses one is labelled. */
    @Test
    void reusedPortsAreLabelledOnTheSyn() throws IOException {
        // 200 client ports per server port: busy servers wrap the range several times.
        Generated g = Generated.of(SynthOptions.of(100_000).withConnections(10_000).withSeed(3), 40_000, 40_200);
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        TcpAnalysisModel model = new TcpAnalysisModel();
        List<String> wrong = new ArrayList<>();
        g.forEachFrame(f -> {
            decoder.decode(f, p);
            if (p.isTcp()) {
                TreeSet<String> expected = model.analyse(p, f.epochNanos());
                List<String> labelled = g.labels.getOrDefault(f.number, List.of());
                if (!expected.equals(new TreeSet<>(labelled))) {
                    wrong.add("frame " + f.number + ": labelled " + labelled + ", the frame is " + expected);
                }
            }
        });
        assertTrue(wrong.isEmpty(), wrong.size() + " frames:\n" + String.join("\n", wrong.subList(0,
                Math.min(20, wrong.size()))));
        assertTrue(g.summary.count(Anomaly.REUSED_PORTS) > 1000, g.summary.oneLine());
    }

    @Test
    void connectionTargetIsMetWhileThePacketCountIsExact() {
        SynthSummary s = Generated.of(SynthOptions.of(300_000).withConnections(30_000).withSeed(9)).summary;
        assertEquals(300_000, s.packets());
        assertEquals(30_000, s.tcpConnections(), 30_000 * 0.005, s.oneLine());
        // Few connections with many exchanges each: they outlive the arrivals, and still the count holds.
        SynthSummary few = Generated.of(SynthOptions.of(300_000).withConnections(200).withSeed(9)).summary;
        assertEquals(200, few.tcpConnections(), 1, few.oneLine());
        assertTrue(few.udpExchanges() > 0, few.oneLine());
    }

    @Test
    void labelsCountWhatTheSummarySays() {
        Generated g = Generated.of(RICH);
        long lines = g.labelsText.lines().count();
        assertEquals(g.summary.labels(), lines);
        for (Anomaly a : Anomaly.values()) {
            long n = g.labelsText.lines().filter(l -> l.endsWith(" " + a.label())).count();
            assertEquals(g.summary.count(a), n, a.label());
        }
    }

    @Test
    void impossibleOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SynthOptions.of(1_000).withConnections(1_000));
        assertThrows(IllegalArgumentException.class, () -> SynthOptions.of(1_000).withAnomalyRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> SynthOptions.of(-1));
        assertThrows(IllegalArgumentException.class, () -> SynthOptions.of(10).withFlowsPerSecond(0));
        assertEquals(1_000 * 0.85 / 6.5, SyntheticCapture.maxConnections(1_000), 2);
    }

    @Test
    void memoryIsBoundedByOpenConnectionsNotByTheirNumber() {
        SynthSummary s = Generated.of(SynthOptions.of(200_000).withConnections(20_000).withSeed(2)).summary;
        assertTrue(s.peakOpenConnections() < 500, s.oneLine());
    }

    // ---- an independent Internet checksum (RFC 1071), 16 bits at a time --------------------------------------

    private static long sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            s += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xFF) << 8;
        }
        return s;
    }

    /** The one's-complement sum folded to 16 bits and complemented: 0 when a checksummed range verifies. */
    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    private static long pseudoHeader(Packet p, int length) {
        byte[] b = p.bytes();
        int src = p.base() + p.sourceAddressOffset();
        int dst = p.base() + p.destinationAddressOffset();
        int n = p.addressLength();
        return sum(b, src, n) + sum(b, dst, n) + p.ipProtocol + length;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

}
