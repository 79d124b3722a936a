package io.wirebook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture -w} under a full-speed loopback bulk transfer (one TCP connection, {@link LabTraffic}), in a
 * network namespace of its own, and then tcpdump under the same transfer in the same run. Checked for
 * each: every packet on the wire (the namespace's {@code lo} counters in /proc/net/dev, received packets)
 * reached the capture's filter (libpcap's "received by filter" is twice that on {@code lo}: the filter sees
 * each packet going out and coming in), and every one that is not in the output is counted in "dropped by
 * kernel": nothing is lost silently. Wirebook's peak memory stays within its heap's bound ({@code -Xmx64m}).
 *
 * <p>In CI the transfer is {@value #CI_BYTES} bytes; the figures of a longer run (drops, throughput, memory,
 * beside tcpdump's) are printed: {@code mvn -B -o -pl analyzer test -Dtest=CaptureLoadTest
 * -Dwirebook.load.bytes=4000000000}.
 */
class CaptureLoadTest {
    private static final long CI_BYTES = 200_000_000L;

    @TempDir
    Path out;

    @Test
    @Timeout(300)
    void everyPacketOnTheWireIsWrittenOrCountedAsDroppedAndMemoryStaysBounded() throws Exception {
        long bytes = Long.getLong("wirebook.load.bytes", CI_BYTES);
        Netns.check(out, """
                rx() { awk '$1=="lo:"{print $3}' /proc/net/dev; }
                run() { # TOOL: the capture is running as $p; transfer, then stop it with SIGINT
                  r0=$(rx)
                  $TRAFFIC bulk %1$d >"$OUT/$1.transfer"
                  r1=$(rx)
                  grep VmHWM /proc/$p/status | awk '{print $2}' >"$OUT/$1.rss"
                  echo $((r1 - r0)) >"$OUT/$1.wire"
                  sleep 1.2 # tcpdump hands over its last block after a second, and reads no more after SIGINT
                  kill -INT $p; wait $p
                }
                WIREBOOK_JAVA_OPTS=-Xmx64m $WIREBOOK capture -i lo -w /dev/null 2>"$OUT/wirebook.err" & p=$!
                await_line "$OUT/wirebook.err" "Ctrl-C stops"
                run wirebook
                tcpdump -i lo -n -B 32768 -w /dev/null -Z root 2>"$OUT/tcpdump.err" & p=$!
                await_line "$OUT/tcpdump.err" "listening on lo"
                run tcpdump
                """.formatted(bytes), 280);
        StringBuilder report = new StringBuilder("capture under a loopback bulk transfer of " + bytes + " bytes:\n");
        for (String tool : List.of("wirebook", "tcpdump")) {
            Map<String, Long> counts = new HashMap<>();
            for (String line : Netns.lines(out.resolve(tool + ".err"))) {
                if (line.matches("\\d+ packets? (captured|received by filter|dropped by kernel)")) {
                    counts.put(line.replaceFirst("^\\d+ packets? ", ""), Long.parseLong(line.split(" ")[0]));
                }
            }
            long wire = Long.parseLong(Netns.lines(out.resolve(tool + ".wire")).get(0));
            long captured = counts.get("captured");
            long received = counts.get("received by filter");
            long dropped = counts.get("dropped by kernel");
            String[] transfer = Netns.lines(out.resolve(tool + ".transfer")).get(0).split(" ");
            assertEquals(bytes, Long.parseLong(transfer[0]), tool + ": the transfer");
            long rssKb = Long.parseLong(Netns.lines(out.resolve(tool + ".rss")).get(0));
            String figures = String.format("%-8s %,d packets on the wire, %,d written (%.1f%% dropped, %,d counted"
                    + " as dropped), %.0f MB/s, peak RSS %,d KiB", tool, wire, captured,
                    100.0 * (wire - captured) / wire, dropped, bytes / Double.parseDouble(transfer[1]) / 1e6, rssKb);
            report.append(figures).append('\n');
            assertEquals(2 * wire, received, tool + ": every packet on the wire reached the filter: " + figures);
            assertTrue(captured <= wire && wire - captured <= dropped, tool + ": a packet lost silently: " + figures);
            if (tool.equals("wirebook")) {
                assertTrue(rssKb < 400 * 1024, "wirebook's memory with -Xmx64m: " + figures);
            }
        }
        System.out.print(report);
    }
}
