package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirebook.SmallTmpfs;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirebook capture} whose output cannot be written: a capture file on a full file system or
 * {@code /dev/full}, decoded packets on a full standard output, and a reader that stops early. Live
 * capture on lo: needs root (or CAP_NET_RAW + CAP_NET_ADMIN), so it runs in CI and is skipped elsewhere.
 */
class CaptureWriteErrorsTest {
    @TempDir
    Path tmp;

    private static boolean canCapture() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    @Test
    void aCaptureFileOnDevFullIsOneLineAndExitFive() {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        CliRunner r = CliRunner.run("capture", "-i", "lo", "-c", "1", "-w", "/dev/full");
        assertEquals("wirebook: /dev/full: write error: No space left on device\n", r.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
    }

    @Test
    void aCaptureFileInAMissingDirectoryCannotBeCreated() {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        Path f = tmp.resolve("no/such/dir/x.pcapng");
        CliRunner r = CliRunner.run("capture", "-i", "lo", "-c", "1", "-w", f.toString());
        assertEquals("wirebook: " + f + ": cannot create: No such file or directory\n", r.stderr);
        assertEquals(ExitCodes.CANNOT_WRITE, r.exitCode);
    }

    @Test
    @Timeout(120)
    void aCaptureFileOnAFullFileSystemStopsWithOneLineAndKeepsWholeRecords() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp.resolve("small"), "1m")) {
            Path f = fs.dir.resolve("live.pcap");
            Live live = Live.start(tmp.resolve("stdout"), "-w", f.toString());
            live.sendUntilItEnds(1400);
            String line = "wirebook: " + f + ": write error: No space left on device";
            assertTrue(live.stderr().matches("(?s).*\n\\d+ packets captured\n\\d+ packets received by filter\n"
                    + "\\d+ packets? dropped by kernel\n" + java.util.regex.Pattern.quote(line) + "\n"), live.stderr());
            assertEquals(ExitCodes.CANNOT_WRITE, live.exitCode());
            // The file holds the packets before the one that did not fit, each a whole record: the part of
            // that one the kernel wrote before ENOSPC was cut back, so the file reads to its end.
            long frames = 0;
            try (FrameSource src = CaptureFiles.open(f.toString())) {
                Frame frame = new Frame();
                while (src.next(frame)) {
                    frames++;
                }
            }
            assertTrue(frames > 500, frames + " packets of 1400 bytes in 1 MiB");
        }
    }

    @Test
    @Timeout(120)
    void decodedPacketsOnAFullStandardOutputStopTheCapture() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        Live live = Live.start(Path.of("/dev/full"), "-c", "100");
        live.sendUntilItEnds(10);
        List<String> err = live.stderr().lines().toList();
        assertEquals(5, err.size(), live.stderr());
        assertEquals(List.of("capturing on lo (udp port " + live.port + "); Ctrl-C stops", "1 packet captured"),
                err.subList(0, 2));
        assertTrue(err.get(2).matches("\\d+ packets? received by filter"), err.get(2));
        assertTrue(err.get(3).matches("\\d+ packets? dropped by kernel"), err.get(3));
        assertEquals("wirebook: standard output: write error: No space left on device", err.get(4));
        assertEquals(ExitCodes.CANNOT_WRITE, live.exitCode());
    }

    /** {@code wirebook capture -i lo | head -1}: the capture ends quietly with 0 when the reader stops. */
    @Test
    @Timeout(120)
    void aReaderThatStopsEndsTheCaptureQuietly() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        Live live = Live.start(null, "-c", "100000");
        live.sender.start();
        try (InputStream out = live.process.getInputStream()) {
            int c;
            while ((c = out.read()) != '\n' && c >= 0) {
                // the first line
            }
        }
        live.sendUntilItEnds(10);
        List<String> err = live.stderr().lines().toList();
        assertEquals("capturing on lo (udp port " + live.port + "); Ctrl-C stops", err.get(0));
        assertTrue(err.size() == 4 && err.get(1).matches("\\d+ packets? captured")
                && err.get(2).matches("\\d+ packets? received by filter")
                && err.get(3).matches("\\d+ packets? dropped by kernel"), live.stderr());
        assertEquals(ExitCodes.OK, live.exitCode());
    }

    /** A wirebook capture of UDP to a free port on lo, in its own process, and a sender of datagrams to it. */
    private static final class Live {
        final Process process;
        final int port;
        final StringBuffer err = new StringBuffer();
        final Thread sender;
        private volatile int size = 10;
        private Thread reader;

        private Live(Process process, int port) {
            this.process = process;
            this.port = port;
            this.sender = new Thread(this::send, "udp-sender");
            sender.setDaemon(true);
        }

        /** Starts the capture (standard output to {@code stdout}, or a pipe when null) and waits until it runs. */
        static Live start(Path stdout, String... options) throws Exception {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            List<String> args = new java.util.ArrayList<>(List.of("capture", "-i", "lo", "-f", "udp port " + port));
            args.addAll(List.of(options));
            ProcessBuilder pb = new ProcessBuilder(CliProcess.command(List.of(), args.toArray(String[]::new)));
            if (stdout != null) {
                pb.redirectOutput(stdout.toFile());
            }
            Live live = new Live(pb.start(), port);
            Thread reader = new Thread(() -> {
                try (InputStream in = live.process.getErrorStream()) {
                    int c;
                    while ((c = in.read()) >= 0) {
                        live.err.append((char) c);
                    }
                } catch (IOException e) {
                    live.err.append("(stderr: ").append(e).append(')');
                }
            }, "capture-stderr");
            reader.setDaemon(true);
            reader.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!live.err.toString().contains("Ctrl-C stops") && live.process.isAlive()
                    && System.nanoTime() < until) {
                Thread.sleep(20); // the filter is installed when it says so
            }
            assertTrue(live.process.isAlive(), "capture ended early: " + live.err);
            live.reader = reader;
            return live;
        }

        private void send() {
            try (DatagramSocket s = new DatagramSocket()) {
                while (process.isAlive()) {
                    byte[] b = new byte[size];
                    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
                    Thread.sleep(1);
                }
            } catch (IOException | InterruptedException e) {
                // the capture ended
            }
        }

        /** Sends datagrams of {@code bytes} until the capture exits (at most a minute). */
        void sendUntilItEnds(int bytes) throws Exception {
            size = bytes;
            if (!sender.isAlive()) {
                sender.start();
            }
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertTrue(ended, "the capture did not stop: " + err);
            reader.join(5000);
        }

        String stderr() {
            return err.toString();
        }

        int exitCode() {
            return process.exitValue();
        }
    }
}
