package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code wirebook capture} stopped by the signals a user or a script sends, started as scripts start it: a
 * background job of {@code bash -c}, which ignores SIGINT. Each run checks what a user would: the exit
 * code the shell sees, the last lines against tcpdump's on the same traffic, and the file with tshark and
 * capinfos. Live capture on lo: needs root (CI is root), skipped elsewhere.
 */
class CaptureSignalsTest {
    @TempDir
    Path tmp;

    private static boolean canCapture() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    /** The premise: a background job of a non-interactive bash starts with SIGINT (signal 2) ignored. */
    @Test
    void bashStartsABackgroundJobWithSigintIgnored() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "grep '^SigIgn:' /proc/self/status & wait").start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        long ignored = Long.parseLong(line.replaceFirst("^SigIgn:\\s*", ""), 16);
        assertTrue((ignored & (1L << (2 - 1))) != 0, line);
    }

    @ParameterizedTest(name = "SIG{0} -w {1}")
    @CsvSource({"INT, live.pcapng, 3, pcapng", "TERM, live.pcap, 4, nsecpcap", "HUP, live.pcapng, 5, pcapng"})
    @Timeout(30)
    void aSignalStopsABackgroundCaptureWithAWholeFileAndTcpdumpsLastLines(String signal, String name, int datagrams,
            String capinfosType) throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port = freeUdpPort();
        String filter = "udp port " + port;
        Path file = tmp.resolve(name);
        try (Tcpdump oracle = Tcpdump.start(tmp, filter);
                BackgroundJob job = BackgroundJob.start(tmp, "", "capture", "-i", "lo", "-f", filter, "-w",
                        file.toString())) {
            job.awaitStderr("Ctrl-C stops");
            send(port, datagrams);
            oracle.awaitPackets(datagrams);
            List<String> tcpdumpSays = oracle.stop();
            job.signal(signal);
            assertEquals(0, job.exitCode(10), "the exit code after SIG" + signal + ": " + job.stderr());

            // No live count (standard error is a file), then tcpdump's lines.
            assertLastLines("capturing on lo (" + filter + ") to " + file + "; Ctrl-C stops", datagrams, tcpdumpSays,
                    job.stderr());
        }
        assertEquals(List.of(file + "\t" + capinfosType + "\t" + datagrams), run("capinfos", "-T", "-r", "-c", "-t",
                file.toString()));
        List<String> udp = new ArrayList<>();
        for (int i = 1; i <= datagrams; i++) {
            udp.add(port + "\t" + (8 + i));
        }
        assertEquals(udp, run("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "udp.dstport", "-e",
                "udp.length"));
    }

    /**
     * A SIGINT right after a burst: every datagram the kernel captured before it is in the file, also those
     * the capture had not read yet. The burst and the signal come from one shell (kill is a builtin), so
     * nothing waits between them.
     */
    @Test
    @Timeout(30)
    void theFileHoldsEveryPacketCapturedBeforeTheSignal() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port = freeUdpPort();
        Path file = tmp.resolve("burst.pcapng");
        int datagrams = 100;
        try (BackgroundJob job = BackgroundJob.start(tmp, "", "capture", "-i", "lo", "-f", "udp port " + port, "-w",
                file.toString())) {
            job.awaitStderr("Ctrl-C stops");
            Process burst = new ProcessBuilder("bash", "-c", "for i in $(seq " + datagrams + "); do printf x"
                    + " >/dev/udp/127.0.0.1/" + port + "; done; kill -INT " + job.pid).inheritIO().start();
            assertTrue(burst.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, job.exitCode(10), job.stderr());
            assertTrue(job.stderr().contains("\n" + datagrams + " packets captured\n"), job.stderr());
        }
        assertEquals(List.of(file + "\tpcapng\t" + datagrams), run("capinfos", "-T", "-r", "-c", "-t",
                file.toString()));
    }

    /** Without -w: the decoded packets on standard output, the same last lines, exit 0. */
    @Test
    @Timeout(30)
    void sigintStopsABackgroundCaptureThatDecodes() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port = freeUdpPort();
        String filter = "udp port " + port;
        try (Tcpdump oracle = Tcpdump.start(tmp, filter);
                BackgroundJob job = BackgroundJob.start(tmp, "", "capture", "-i", "lo", "-f", filter)) {
            job.awaitStderr("Ctrl-C stops");
            send(port, 3);
            oracle.awaitPackets(3);
            List<String> tcpdumpSays = oracle.stop();
            job.signal("INT");
            assertEquals(0, job.exitCode(10), job.stderr());
            assertLastLines("capturing on lo (" + filter + "); Ctrl-C stops", 3, tcpdumpSays, job.stderr());
            List<String> decoded = Files.readAllLines(job.stdout);
            assertEquals(3, decoded.size(), String.join("\n", decoded));
            for (int i = 0; i < 3; i++) {
                assertTrue(decoded.get(i).matches(" +" + (i + 1) + " .* > 127\\.0\\.0\\.1\\." + port + ": UDP, length "
                        + (i + 1) + " .*"), decoded.get(i));
            }
        }
    }

    /** Under nohup SIGHUP stays ignored, as tcpdump leaves it; SIGINT still stops the capture. */
    @Test
    @Timeout(30)
    void underNohupSighupIsIgnoredAndSigintStillStops() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port = freeUdpPort();
        Path file = tmp.resolve("nohup.pcapng");
        try (BackgroundJob job = BackgroundJob.start(tmp, "nohup", "capture", "-i", "lo", "-f", "udp port " + port,
                "-w", file.toString())) {
            job.awaitStderr("Ctrl-C stops");
            send(port, 2);
            job.signal("HUP");
            Thread.sleep(700);
            assertTrue(job.alive(), "SIGHUP stopped a capture started with nohup: " + job.stderr());
            job.signal("INT");
            assertEquals(0, job.exitCode(10), job.stderr());
            assertTrue(job.stderr().contains("\n2 packets captured\n"), job.stderr());
        }
        assertEquals(List.of(file + "\tpcapng\t2"), run("capinfos", "-T", "-r", "-c", "-t", file.toString()));
    }

    /**
     * A capture that cannot finish stopping (its standard output is a pipe nobody reads, so it waits in a
     * write) ignores no signal for good: a second SIGINT ends it at once, with 130.
     */
    @Test
    @Timeout(30)
    void aSecondSigintEndsACaptureThatCannotStop() throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW");
        int port = freeUdpPort();
        Path err = tmp.resolve("err");
        Process p = new ProcessBuilder(CliProcess.command(List.of(), "capture", "-i", "lo", "-f", "udp port " + port))
                .redirectError(err.toFile()).start(); // its standard output: a pipe this test never reads
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(err).contains("Ctrl-C stops") && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            // Datagrams until the 64 KiB pipe is full (the bytes waiting in it, FIONREAD, say so): a fixed
            // number is not enough on a busy machine, where the kernel drops most of them before the capture.
            // Full means no more bytes arrive while more datagrams are captured: a pipe that holds 60,000
            // bytes can still take the next lines, and a capture that is not blocked stops at the first SIGINT.
            // Two rounds without a byte more, so a capture only slowed down by a busy machine is not taken for one
            // that is blocked.
            int waiting = -1;
            int still = 0;
            while (still < 2 && p.isAlive() && System.nanoTime() < until) {
                send(port, 500);
                Thread.sleep(150);
                int now = p.getInputStream().available();
                still = now >= 60_000 && now == waiting ? still + 1 : 0;
                waiting = now;
            }
            assertEquals(2, still, "the pipe never filled (" + waiting + " bytes): " + Files.readString(err));
            Thread.sleep(200); // the capture is now blocked in a write to the full pipe
            BackgroundJob.Signals.send("INT", p.pid());
            assertFalse(p.waitFor(700, TimeUnit.MILLISECONDS), "it stopped: " + Files.readString(err));
            long second = System.nanoTime();
            BackgroundJob.Signals.send("INT", p.pid());
            assertTrue(p.waitFor(5, TimeUnit.SECONDS), "a second SIGINT did not end it");
            assertEquals(130, p.exitValue());
            assertTrue(System.nanoTime() - second < TimeUnit.SECONDS.toNanos(2), "not at once");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * {@code stderr} is {@code first}, then tcpdump's three lines for the same {@code datagrams}: the same
     * "captured" and "dropped by kernel" lines as tcpdump's, and a "received by filter" line whose count, as
     * tcpdump's, is at least twice the datagrams (lo shows the filter each packet going out and coming in).
     * Not always the same number as tcpdump's: libpcap also counts packets of any kind that come in the moment
     * between opening the socket and installing the filter, which other tests' traffic on lo can hit (measured
     * in a full build: 8 instead of 6, either way round).
     */
    static void assertLastLines(String first, int datagrams, List<String> tcpdump, String stderr) {
        List<String> lines = stderr.lines().toList();
        assertEquals(4, lines.size(), stderr);
        assertEquals(first, lines.get(0));
        assertEquals(datagrams + " packets captured", tcpdump.get(0), "tcpdump");
        assertEquals(tcpdump.get(0), lines.get(1));
        for (String received : List.of(tcpdump.get(1), lines.get(2))) {
            assertTrue(received.matches("\\d+ packets received by filter"), received);
            assertTrue(Long.parseLong(received.split(" ")[0]) >= 2L * datagrams, received);
        }
        assertEquals(tcpdump.get(2), lines.get(3));
        assertEquals("0 packets dropped by kernel", lines.get(3));
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** {@code n} datagrams to 127.0.0.1:{@code port}, the i-th with i bytes, so each is known by its length. */
    static void send(int port, int n) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 1; i <= n; i++) {
                s.send(new DatagramPacket(new byte[i], i, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    /** A command's standard output lines (its standard error is checked empty but for tshark's root warning). */
    static List<String> run(String... command) throws Exception {
        Path err = Files.createTempFile("oracle-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            List<String> complaints = Files.readAllLines(err).stream()
                    .filter(l -> !l.startsWith("Running as user \"root\"")).toList();
            assertEquals(List.of(), complaints, String.join(" ", command));
            assertEquals(0, p.exitValue(), String.join(" ", command));
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /**
     * tcpdump on the same traffic, the oracle of the last lines: immediate mode and a packet-buffered
     * (-U) pcap, so the test can tell when it has every packet, then stopped by SIGINT.
     */
    static final class Tcpdump implements AutoCloseable {
        private final Process process;
        private final Path file;
        private final Path err;

        private Tcpdump(Process process, Path file, Path err) {
            this.process = process;
            this.file = file;
            this.err = err;
        }

        static Tcpdump start(Path dir, String filter) throws Exception {
            Path file = Files.createTempFile(dir, "tcpdump-", ".pcap");
            Path err = Files.createTempFile(dir, "tcpdump-", ".err");
            Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "--immediate-mode", "-U", "-w", file.toString(),
                    filter).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Tcpdump t = new Tcpdump(p, file, err);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(err).contains("listening on") && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "tcpdump: " + Files.readString(err));
            return t;
        }

        /**
         * Waits until tcpdump's file holds the datagrams {@link #send} sent: a 24-byte pcap header, then per
         * datagram a 16-byte record header and the Ethernet, IPv4 and UDP headers (42 bytes) and its i bytes.
         */
        void awaitPackets(int n) throws Exception {
            long size = 24;
            for (int i = 1; i <= n; i++) {
                size += 16 + 42 + i;
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) < size && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(size, Files.size(file), "tcpdump's file");
        }

        /** Stops it with SIGINT; its lines after "listening on". */
        List<String> stop() throws Exception {
            BackgroundJob.Signals.send("INT", process.pid());
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
            List<String> lines = Files.readAllLines(err);
            return lines.subList(1, lines.size());
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
