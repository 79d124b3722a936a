package io.wirebook.tutorial.demo.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.CallLog;
import io.wirebook.calls.SocketCall;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SocketLabTest {
    @Test
    void theWatchdogEndsABlockedAcceptAtTheDeadline() throws Exception {
        CallLog log = new CallLog();
        long start = System.nanoTime();
        try (SocketLab lab = new SocketLab(log, Duration.ofMillis(300))) {
            TcpListener l = lab.server().listener("listener");
            l.listen(Loopback.anyPort(StandardProtocolFamily.INET), 1);
            lab.startClock();
            lab.spawn("server", () -> l.accept("never"));
            assertThrows(TimeoutException.class, lab::awaitAll);
            assertTrue(lab.expired());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1500, "took " + ms + " ms");
        SocketCall accept = log.callsOn("listener").stream().filter(c -> c.call().equals("accept")).findFirst()
                .orElseThrow();
        assertNull(accept.errno()); // closed under it: no system call failed with an errno
        assertTrue(accept.exception().contains("AsynchronousCloseException"), accept.exception());
        SocketCall close = log.callsOn("listener").stream().filter(c -> c.call().equals("close")).findFirst()
                .orElseThrow();
        assertEquals("watchdog", close.arg("by"));
        assertEquals("watchdog", close.thread());
    }

    @Test
    void aFailingSideUnblocksTheOtherAndItsFailureIsRethrown() throws Exception {
        CallLog log = new CallLog();
        try (SocketLab lab = new SocketLab(log, Duration.ofSeconds(5))) {
            TcpListener l = lab.server().listener("listener");
            l.listen(Loopback.anyPort(StandardProtocolFamily.INET), 1);
            lab.startClock();
            lab.spawn("server", () -> {
                l.accept("conn");
                throw new IllegalStateException("server gave up");
            });
            lab.spawn("client", () -> {
                TcpSocket c = lab.client().tcp("client");
                c.connect(l.localAddress());
                c.read(10); // would wait forever; the server's failure closes it
            });
            long start = System.nanoTime();
            IllegalStateException e = assertThrows(IllegalStateException.class, lab::awaitAll);
            assertEquals("server gave up", e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
            assertFalse(lab.expired());
            assertTrue(lab.abortReason().startsWith("server failed"), lab.abortReason());
        }
        List<String> closedBy = log.calls().stream().filter(c -> c.call().equals("close")).map(c -> c.arg("by"))
                .toList();
        assertTrue(closedBy.contains("abort"), closedBy.toString());
    }

    @Test
    void closingTwiceRecordsOneClose() throws Exception {
        CallLog log = new CallLog();
        try (SocketLab lab = new SocketLab(log, Duration.ofSeconds(1))) {
            TcpSocket s = lab.client().tcp("s");
            s.close();
            s.close();
        }
        assertEquals(List.of("socket", "close"), log.calls().stream().map(SocketCall::call).toList());
    }

    @Test
    void scenariosTalkToLoopbackOnly() throws Exception {
        try (SocketLab lab = new SocketLab(new CallLog(), Duration.ofSeconds(1))) {
            TcpSocket s = lab.client().tcp("s");
            assertThrows(IllegalArgumentException.class,
                    () -> s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getByAddress(
                            new byte[] {(byte) 192, 0, 2, 1}), 80)));
        }
    }
}
