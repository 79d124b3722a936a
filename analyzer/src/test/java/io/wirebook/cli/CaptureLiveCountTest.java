package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live count of {@code capture -w} when standard error is a terminal: a pseudo-terminal made by
 * {@code script(1)} (util-linux), as a user at a terminal sees it. The count is redrawn over itself with
 * {@code \r} on a timer, so it moves while no packet arrives and shows the last packets of a burst without
 * waiting for another one. Needs root for the capture (CI is root), skipped elsewhere.
 */
class CaptureLiveCountTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(30)
    void onATerminalTheCountIsRedrawnEvery500MillisecondsAlsoWithoutPackets() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || System.getenv("CI") != null,
                "live capture needs root or CAP_NET_RAW");
        int port = CaptureSignalsTest.freeUdpPort();
        Path file = tmp.resolve("tty.pcapng");
        Path pidFile = tmp.resolve("pid");
        String wirebook = CliProcess.command(List.of(), "capture", "-i", "lo", "-f", "udp port " + port, "-w",
                file.toString()).stream().map(BackgroundJob::quote).collect(Collectors.joining(" "));
        // script runs the command on a new pseudo-terminal and copies what it prints to its standard output.
        String inner = "echo $$ >" + BackgroundJob.quote(pidFile.toString()) + "; exec " + wirebook;
        Process script = new ProcessBuilder("script", "-q", "-f", "-e", "-c", "sh -c " + BackgroundJob.quote(inner),
                "/dev/null").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        StringBuffer tty = new StringBuffer();
        Thread reader = new Thread(() -> copy(script.getInputStream(), tty), "tty");
        reader.setDaemon(true);
        reader.start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!tty.toString().contains("Ctrl-C stops") && script.isAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(tty.toString().contains("Ctrl-C stops"), tty.toString());
            Thread.sleep(1300); // no packet: the timer draws "0 packets captured" at 0, 500 and 1000 ms
            CaptureSignalsTest.send(port, 3);
            Thread.sleep(1300); // no packet after the three: the count must still come to 3
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            BackgroundJob.Signals.send("INT", pid);
            assertTrue(script.waitFor(10, TimeUnit.SECONDS), "the capture did not stop: " + tty);
            assertEquals(0, script.exitValue(), tty.toString());
            reader.join(5000);
        } finally {
            script.destroyForcibly();
        }
        // The terminal turns each \n into \r\n.
        List<String> lines = Arrays.asList(tty.toString().split("\r\n", -1));
        assertEquals(5, lines.size(), tty.toString());
        assertEquals("capturing on lo (udp port " + port + ") to " + file + "; Ctrl-C stops", lines.get(0));
        List<String> drawn = Arrays.asList(lines.get(1).split("\r", -1));
        assertEquals("", drawn.get(0), "each count starts with \\r: " + drawn);
        List<String> counts = drawn.subList(1, drawn.size() - 1);
        assertEquals("3 packets captured", drawn.get(drawn.size() - 1), "the last line drawn over the count");
        assertTrue(counts.stream().allMatch(c -> c.equals("0 packets captured") || c.equals("3 packets captured")),
                counts.toString());
        long zeros = counts.stream().filter("0 packets captured"::equals).count();
        long threes = counts.stream().filter("3 packets captured"::equals).count();
        assertTrue(zeros >= 2, "redrawn while no packet came: " + counts);
        assertTrue(threes >= 2, "the count reached 3 without a 4th packet, and was redrawn: " + counts);
        assertEquals("0 packets captured", counts.get(0), counts.toString());
        assertTrue(lines.get(2).matches("\\d+ packets received by filter"), lines.get(2)); // tcpdump's: CaptureSignalsTest
        assertEquals(List.of("0 packets dropped by kernel", ""), lines.subList(3, 5));
    }

    private static void copy(InputStream in, StringBuffer to) {
        try (in) {
            byte[] b = new byte[4096];
            int n;
            while ((n = in.read(b)) >= 0) {
                to.append(new String(b, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            to.append("(read: ").append(e).append(')');
        }
    }
}
