package io.wirebook.lab;

import static io.wirebook.lab.LabCaptures.consecutive;
import static io.wirebook.lab.LabCaptures.sequenceNumbers;
import static io.wirebook.lab.LabCaptures.tsharkReadsCleanly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wirebook capture -w} under the faults a long capture meets, each made for real in a network and mount
 * namespace of the test's own ({@link Netns}): the process killed with SIGKILL while traffic runs, the file
 * system filling up, the interface deleted. Each time the file is checked with tshark and against the
 * datagrams that were sent (their sequence numbers, {@link LabTraffic}). Needs root (CI), skipped elsewhere.
 */
class CaptureFaultsTest {
    private static final int PORT = 40404;

    @TempDir
    Path out;

    /**
     * The flush policy under kill -9: every packet the capture read from libpcap is already in the file (one
     * write(2) per record, no buffer in the process), so what a SIGKILL loses is only what was still in the
     * kernel's capture buffer. The invariant, as tested: the file ends on a whole record (tshark reads it
     * without a word), and its datagrams are a run without gaps of what tcpdump, capturing the same traffic
     * alongside, saw: every datagram tcpdump saw from the file's first to its last is in the file, and
     * tcpdump saw more after it (the traffic went on past the kill).
     */
    @Test
    @Timeout(60)
    void sigkillUnderLoadLeavesAFileWithEveryPacketUpToTheLastOneWritten() throws Exception {
        Netns.check(out, """
                tcpdump -i lo -n -U -w "$OUT/tcpdump.pcap" -Z root udp port %1$d 2>"$OUT/tcpdump.err" & td=$!
                $WIREBOOK capture -i lo -f 'udp port %1$d' -w "$OUT/killed.pcapng" 2>"$OUT/wb.err" & wb=$!
                await_line "$OUT/tcpdump.err" "listening on lo"
                await_line "$OUT/wb.err" "Ctrl-C stops"
                $TRAFFIC udp 127.0.0.1 %1$d 0 200 4000 & tr=$!
                await_size "$OUT/killed.pcapng" 400000
                kill -KILL $wb; wait $wb; echo "wirebook: $?" >"$OUT/wb.exit"
                sleep 0.3
                kill $tr; wait $tr
                sleep 0.2
                kill -INT $td; wait $td
                """.formatted(PORT), 50);
        assertEquals(List.of("wirebook: 137"), Netns.lines(out.resolve("wb.exit")), "killed by SIGKILL");
        Path killed = out.resolve("killed.pcapng");
        long records = tsharkReadsCleanly(killed);
        List<Long> kept = sequenceNumbers(killed, PORT);
        assertEquals(records, kept.size(), "every packet of the file is one of the test's datagrams");
        assertTrue(kept.size() > 1000, kept.size() + " datagrams, after 400 kB of them");
        assertTrue(consecutive(kept), "a datagram is missing between the file's first and last");

        List<Long> seen = sequenceNumbers(out.resolve("tcpdump.pcap"), PORT);
        long first = kept.get(0);
        long last = kept.get(kept.size() - 1);
        assertEquals(kept, seen.stream().filter(s -> s >= first && s <= last).toList(),
                "tcpdump's datagrams between the file's first and last");
        assertTrue(seen.get(seen.size() - 1) > last, "the traffic went on after the kill: tcpdump's last is "
                + seen.get(seen.size() - 1) + ", the file's " + last);
    }

    /**
     * A file system that fills up (a 1 MiB tmpfs): the capture stops with tcpdump's last lines and one line
     * naming the file and the system's reason, exit 5, and the file holds whole records only (the write that
     * did not fit was cut back), as many as the last lines say, the datagrams in order with none missing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"full.pcapng", "full.pcap"})
    @Timeout(60)
    void aFullFileSystemStopsTheCaptureWithOneLineExitFiveAndWholeRecords(String name) throws Exception {
        Netns n = Netns.run(out, """
                mkdir "$OUT/small" && mount -t tmpfs -o size=1m tmpfs "$OUT/small"
                $WIREBOOK capture -i lo -f 'udp port %1$d' -w "$OUT/small/%2$s" 2>"$OUT/wb.err" & wb=$!
                await_line "$OUT/wb.err" "Ctrl-C stops"
                $TRAFFIC udp 127.0.0.1 %1$d 1500 1400 3000
                wait $wb; echo $? >"$OUT/wb.exit"
                df -B1 --output=size,avail "$OUT/small" | tail -1 >"$OUT/df"
                cp "$OUT/small/%2$s" "$OUT/%2$s"
                """.formatted(PORT, name), 50);
        assertEquals(0, n.exitCode, n.output);
        assertEquals(List.of(Integer.toString(ExitCodes.CANNOT_WRITE)), Netns.lines(out.resolve("wb.exit")));
        List<String> err = Netns.lines(out.resolve("wb.err"));
        assertEquals("wirebook: " + out.resolve("small").resolve(name) + ": write error: No space left on device",
                err.get(err.size() - 1), String.join("\n", err));
        String captured = err.get(err.size() - 4);
        assertTrue(captured.matches("\\d+ packets captured"), String.join("\n", err));

        Path file = out.resolve(name);
        long records = tsharkReadsCleanly(file);
        assertEquals(captured, records + " packets captured", "the last lines count what the file holds");
        List<Long> kept = sequenceNumbers(file, PORT);
        assertEquals(records, kept.size());
        assertTrue(consecutive(kept) && kept.get(0) == 0, "the datagrams from the first, none missing");
        long size = Files.size(file);
        assertTrue(size > (1 << 20) - 2 * 1500, size + " bytes: the 1 MiB file system was full");
    }

    /**
     * The interface deleted while capturing on it (one end of a veth pair): the capture ends with the last
     * lines and one line that says so, exit 10, and the file holds every datagram sent through it before.
     */
    @Test
    @Timeout(60)
    void theInterfaceDisappearingEndsTheCaptureWithOneLineExitTenAndAWholeFile() throws Exception {
        int datagrams = 200;
        long pcapSize = 24 + datagrams * (16L + 14 + 20 + 8 + 1000);
        Netns n = Netns.run(out, """
                ip link add wbtest0 type veth peer name wbtest1
                ip link set wbtest0 up && ip link set wbtest1 up
                ip addr add 10.77.0.1/24 dev wbtest0
                ip neigh add 10.77.0.9 lladdr 02:00:00:00:00:09 dev wbtest0
                $WIREBOOK capture -i wbtest0 -f 'udp port %1$d' -w "$OUT/gone.pcap" 2>"$OUT/wb.err" & wb=$!
                await_line "$OUT/wb.err" "Ctrl-C stops"
                $TRAFFIC udp 10.77.0.9 %1$d %2$d 1000 2000
                await_size "$OUT/gone.pcap" %3$d
                ip link del wbtest0
                wait $wb; echo $? >"$OUT/wb.exit"
                """.formatted(PORT, datagrams, pcapSize), 50);
        assertEquals(0, n.exitCode, n.output);
        List<String> err = Netns.lines(out.resolve("wb.err"));
        assertEquals(List.of(Integer.toString(ExitCodes.CAPTURE_LOST)), Netns.lines(out.resolve("wb.exit")),
                String.join("\n", err));
        Path file = out.resolve("gone.pcap");
        assertEquals("wirebook: wbtest0: the interface disappeared; the capture ended there, and " + file
                + " keeps every packet captured before", err.get(err.size() - 1), String.join("\n", err));
        assertTrue(err.contains(datagrams + " packets captured"), String.join("\n", err));
        assertEquals(datagrams, tsharkReadsCleanly(file));
        List<Long> kept = sequenceNumbers(file, PORT);
        assertEquals(datagrams, kept.size());
        assertTrue(consecutive(kept) && kept.get(0) == 0);
        assertEquals(pcapSize, Files.size(file));
    }
}
