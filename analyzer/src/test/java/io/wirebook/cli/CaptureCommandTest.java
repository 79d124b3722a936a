package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import io.wirebook.decode.TcpHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirebook capture -w}, run as a user runs it (a separate process), stopped with Ctrl-C (SIGINT):
 * the file must be complete and readable, and hold the connection made meanwhile. Needs capture
 * privileges: in CI (root) it must run; elsewhere without root it is skipped.
 */
class CaptureCommandTest {
    @TempDir
    Path tmp;

    private static boolean canCapture() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    @Test
    @Timeout(60)
    void ctrlCLeavesAValidPcapngWithTheTraffic() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path out = tmp.resolve("live.pcapng");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AnalyzerOnlyMain.class.getName(),
                "capture", "-i", "lo", "-f", "tcp port " + port, "-w", out.toString())
                .redirectErrorStream(true).start();
        InputStream log = p.getInputStream();
        // Wait until the capture says it is running (the filter is installed by then).
        StringBuilder seen = new StringBuilder();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!seen.toString().contains("Ctrl-C stops") && System.nanoTime() < until) {
            int c = log.read();
            if (c < 0) {
                break;
            }
            seen.append((char) c);
        }
        assertTrue(seen.toString().contains("capturing on lo"), seen.toString());
        try (ServerSocket server = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            try (Socket accepted = server.accept()) {
                OutputStream os = client.getOutputStream();
                os.write("hello".getBytes(StandardCharsets.US_ASCII));
                os.flush();
                assertEquals(5, accepted.getInputStream().readNBytes(5).length);
            }
        }
        Thread.sleep(500);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "capture did not stop on SIGINT");
        String rest = new String(log.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "stopped by the user, as tcpdump: " + rest);
        List<String> last = rest.strip().lines().toList(); // after the end of the "capturing on" line
        assertEquals(3, last.size(), "tcpdump's three lines: " + rest);
        assertTrue(last.get(1).matches("\\d+ packets received by filter"), rest);
        assertEquals("0 packets dropped by kernel", last.get(2));

        List<Integer> flags = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(out.toString())) {
            Frame f = new Frame();
            Packet pk = new Packet();
            PacketDecoder d = new PacketDecoder();
            while (src.next(f)) {
                d.decode(f, pk);
                assertTrue(pk.isTcp(), "only the filtered port was captured");
                assertTrue(pk.tcp.sourcePort == port || pk.tcp.destinationPort == port);
                flags.add(pk.tcp.flags);
                assertEquals(9, f.tsDigits, "nanosecond timestamps");
            }
        }
        assertEquals(TcpHeader.SYN, (int) flags.get(0), "the first packet is the client's SYN");
        assertEquals(TcpHeader.SYN | TcpHeader.ACK, (int) flags.get(1));
        assertTrue(flags.size() >= 7, "handshake, data, ACK and both FINs: " + flags);
        assertEquals(flags.size() + " packets captured", last.get(0), "the count says what the file holds");
        assertTrue(Files.size(out) > 0);
    }

    /** {@code -c N} stops after N packets of a steady stream: the file holds N, the last lines say N. */
    @Test
    @Timeout(60)
    void countStopsAfterNPacketsAndSaysSo() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port = CaptureSignalsTest.freeUdpPort();
        Path out = tmp.resolve("three.pcap");
        Thread sender = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    CaptureSignalsTest.send(port, 1);
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                // the capture ended
            }
        }, "udp-sender");
        sender.setDaemon(true);
        sender.start();
        CliRunner r;
        try {
            r = CliRunner.run("capture", "-i", "lo", "-f", "udp port " + port, "-c", "3", "-w", out.toString());
        } finally {
            sender.interrupt();
        }
        assertEquals(ExitCodes.OK, r.exitCode, r.stderr);
        List<String> err = r.stderr.lines().toList();
        assertEquals(4, err.size(), r.stderr);
        assertEquals("capturing on lo (udp port " + port + ") to " + out + "; Ctrl-C stops", err.get(0));
        assertEquals("3 packets captured", err.get(1));
        int received = Integer.parseInt(err.get(2).replaceFirst(" packets received by filter$", ""));
        assertTrue(received >= 3, err.get(2)); // and more may have come before libpcap was asked
        assertEquals("0 packets dropped by kernel", err.get(3));
        assertEquals(List.of(out + "\tnsecpcap\t3"), CaptureSignalsTest.run("capinfos", "-T", "-r", "-c", "-t",
                out.toString()));
    }

    @Test
    void aBadFilterIsAUsageError() throws IOException {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        CliRunner r = CliRunner.run("capture", "-i", "lo", "-f", "tcp port banana", "-c", "1");
        assertEquals(ExitCodes.USAGE, r.exitCode);
    }

    /** -B in KiB, as tcpdump's, refused as tcpdump refuses it (its words), before the interface opens. */
    @Test
    void aBufferSizeThatIsNoSizeIsAUsageError() {
        for (String kib : List.of("0", "-5", "2097152")) {
            CliRunner r = CliRunner.run("capture", "-i", "lo", "-B", kib, "-c", "1");
            assertEquals(ExitCodes.USAGE, r.exitCode, "-B " + kib);
            assertEquals("-B: invalid packet buffer size " + kib + " (KiB, 1 to 2097151)\n", r.stderr);
        }
    }
}
