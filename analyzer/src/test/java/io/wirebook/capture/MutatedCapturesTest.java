package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of bundled captures (flipped bytes, overwritten length fields, cuts at random offsets),
 * read through windows of several sizes: a damaged file may only ever end in a clean end or a
 * {@link CaptureFormatException} with a sane offset, never another exception, and every frame's bytes must lie
 * inside its array.
 */
class MutatedCapturesTest {
    static Stream<Path> seeds() throws IOException {
        Path dir = ReferenceCapturesTest.capturesDir();
        return Stream.of("third-party/tcpdump/tcp-handshake-nano.pcap", "third-party/tcpdump/mptcp-dss-oobr.pcap",
                "third-party/wireshark/dhcp-nanosecond.pcapng", "third-party/wireshark/many_interfaces-1.pcapng",
                "third-party/tcpdump/bgp-role.pcapng", "kernel/keepalive.pcapng").map(dir::resolve);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void mutationsFailOnlyWithFormatErrors(Path seed) throws IOException {
        byte[] original = Files.readAllBytes(seed);
        SplittableRandom random = new SplittableRandom(seed.getFileName().toString().hashCode());
        for (int i = 0; i < 400; i++) {
            byte[] bytes = original.clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0: bytes[at] ^= (byte) (1 << random.nextInt(8)); break;
                    case 1: bytes[at] = (byte) random.nextInt(256); break;
                    default: // a plausible-looking length: 0, -1, or a small multiple of 4
                        int v = List.of(0, -1, 4 * random.nextInt(64), 0x7FFF_FFFC).get(random.nextInt(4));
                        for (int k = 0; k < 4 && at + k < bytes.length; k++) {
                            bytes[at + k] = (byte) (v >>> (8 * k));
                        }
                }
            }
            if (random.nextInt(4) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            int window = List.of(256, 4096, CaptureInput.DEFAULT_CAPACITY).get(random.nextInt(3));
            readChecked(seed.getFileName() + " mutation " + i, bytes, window);
        }
    }

    private static void readChecked(String what, byte[] bytes, int window) throws IOException {
        try (FrameSource source = CaptureFiles.open(what, Reading.trickle(bytes, 1 + bytes.length / 3), window)) {
            Frame f = new Frame();
            long frames = 0;
            while (source.next(f)) {
                frames++;
                assertTrue(f.offset >= 0 && f.capturedLength >= 0 && f.offset + f.capturedLength <= f.data.length,
                        what + ": frame bytes inside the window");
                assertTrue(f.nanos >= 0 && f.nanos < 1_000_000_000, what + ": nanos in range");
                assertTrue(f.fileOffset < bytes.length, what + ": frame offset inside the file");
                assertTrue(frames <= bytes.length / 12 + 1, what + ": no more frames than the bytes allow");
            }
        } catch (CaptureFormatException e) {
            assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= bytes.length, what + ": " + e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), what);
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
        }
    }
}
