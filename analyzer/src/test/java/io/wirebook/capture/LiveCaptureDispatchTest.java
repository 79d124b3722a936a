package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LiveCapture#dispatch}, the read {@code capture -w} writes from: each frame handed over while its
 * bytes are in the kernel's ring. Real capture on {@code lo} as {@code -w} opens it (not immediate), with
 * datagrams whose lengths and bytes say which they are: every frame must carry its own bytes, also after the
 * ring has wrapped, and a sink that fails or says stop must lose nothing that came after its frame. Needs
 * root (CI is root), skipped elsewhere.
 */
class LiveCaptureDispatchTest {
    /** Ethernet (14), IPv4 (20) and UDP (8) headers before a datagram's payload on {@code lo}. */
    private static final int PAYLOAD = 42;

    private ScheduledExecutorService timer;
    private DatagramSocket receiver;
    private int port;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")) || System.getenv("CI") != null,
                "live capture needs root or CAP_NET_RAW");
        timer = Executors.newSingleThreadScheduledExecutor();
        receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        receiver.setReceiveBufferSize(1 << 20);
        port = receiver.getLocalPort();
    }

    @AfterEach
    void tearDown() {
        if (timer != null) {
            timer.shutdownNow();
            receiver.close();
        }
    }

    @Test
    @Timeout(60)
    void everyFrameCarriesItsOwnBytesAcrossTheRingsWraps() throws Exception {
        // 2 MiB of kernel buffer (8 blocks of libpcap's ring) and 5 MB of datagrams: the ring wraps twice.
        int n = 250;
        try (LiveCapture capture = LiveCapture.on("lo").filter("udp dst port " + port).immediate(false)
                .bufferSize(2 << 20).open()) {
            List<Frame> frames = new ArrayList<>();
            timer.execute(() -> {
                send(n, i -> 20_000 + i, 1);
                timer.schedule(capture::stop, 300, TimeUnit.MILLISECONDS);
            });
            capture.dispatch(f -> {
                assertNull(f.data, "in the ring, not copied");
                return frames.add(f.copy());
            });
            assertEquals(0, capture.stats().dropped(), "paced so that the capture keeps up");
            assertEquals(n, frames.size());
            for (int i = 1; i <= n; i++) {
                Frame f = frames.get(i - 1);
                assertEquals(i, f.number);
                assertEquals(PAYLOAD + 20_000 + i, f.capturedLength, "frame " + i);
                assertEquals(f.capturedLength, f.originalLength);
                byte[] payload = Arrays.copyOfRange(f.data, PAYLOAD, f.capturedLength);
                byte[] expected = new byte[20_000 + i];
                Arrays.fill(expected, (byte) i);
                assertTrue(Arrays.equals(expected, payload), "frame " + i + " has another datagram's bytes");
                if (i > 1) {
                    assertTrue(f.epochNanos() >= frames.get(i - 2).epochNanos(), "frame " + i + " goes back in time");
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void aSinkThatFailsEndsTheDispatchAndTheNextGetsEveryFrameAfterIt() throws Exception {
        try (LiveCapture capture = LiveCapture.on("lo").filter("udp dst port " + port).immediate(false).open()) {
            send(10, i -> i, 0);
            IOException failure = new IOException("disk full");
            List<Integer> first = new ArrayList<>();
            IOException thrown = assertThrows(IOException.class, () -> capture.dispatch(f -> {
                if (f.number == 4) {
                    throw failure;
                }
                return first.add(f.capturedLength - PAYLOAD);
            }));
            assertSame(failure, thrown, "the sink's own exception, after libpcap returned");
            assertEquals(List.of(1, 2, 3), first);
            timer.schedule(capture::stop, 300, TimeUnit.MILLISECONDS);
            List<Long> numbers = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            capture.dispatch(f -> numbers.add(f.number) && rest.add(f.capturedLength - PAYLOAD));
            assertEquals(List.of(5, 6, 7, 8, 9, 10), rest, "the datagram after the failed one comes first");
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), numbers);
        }
    }

    @Test
    @Timeout(30)
    void aSinkThatSaysStopEndsAfterItsFrameAndTheNextDispatchGoesOn() throws Exception {
        try (LiveCapture capture = LiveCapture.on("lo").filter("udp dst port " + port).immediate(false).open()) {
            send(10, i -> i, 0);
            List<Integer> first = new ArrayList<>();
            capture.dispatch(f -> first.add(f.capturedLength - PAYLOAD) && first.size() < 3);
            assertEquals(List.of(1, 2, 3), first);
            timer.schedule(capture::stop, 300, TimeUnit.MILLISECONDS);
            List<Integer> rest = new ArrayList<>();
            capture.dispatch(f -> rest.add(f.capturedLength - PAYLOAD));
            assertEquals(List.of(4, 5, 6, 7, 8, 9, 10), rest);
        }
    }

    /** Datagrams 1 to n to {@link #port}, the i-th of {@code size(i)} bytes, each byte (byte) i; a pause every 8. */
    private void send(int n, java.util.function.IntUnaryOperator size, int pauseMillis) {
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 1; i <= n; i++) {
                byte[] b = new byte[size.applyAsInt(i)];
                Arrays.fill(b, (byte) i);
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
                if (pauseMillis > 0 && i % 8 == 0) {
                    Thread.sleep(pauseMillis * 8L);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
