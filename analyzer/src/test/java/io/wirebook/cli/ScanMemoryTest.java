package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans, as a hostile network makes them, in a small heap ({@code WIREBOOK_JAVA_OPTS=-Xmx...}, here a JVM
 * of its own): what a half-open connection or a UDP flow costs is what bounds them. Before, 150,000 SYNs
 * ran out of a 128 MiB heap after 51,153 frames (2,200 bytes a connection; now 539), and 1,000,000 ICMP
 * errors quoting distinct UDP flows made {@code read} run out of a 64 MiB heap after 127,093 frames (the
 * flows they created were never let go).
 */
class ScanMemoryTest {
    @TempDir
    Path tmp;

    /** {@code conversations} of 150,000 probes of {@code kind} in a 128 MiB heap: one row each; the last row. */
    private String lastRowIn128MiB(ScanCaptures.Kind kind) throws Exception {
        Path capture = ScanCaptures.write(tmp.resolve(kind + ".pcap"), kind, 150_000);
        Path out = tmp.resolve(kind + ".txt");
        CliProcess r = CliProcess.toFile(out, List.of("-Xmx128m"), "conversations", capture.toString());
        assertEquals("", r.stderr);
        assertEquals(ExitCodes.OK, r.exitCode);
        OutputTail la = OutputTail.of(out);
        assertEquals(150_002L, la.lines(), "a heading of two lines and one row per SYN");
        return la.last();
    }

    @Test
    void aSynScanOf150000HalfOpenConnectionsIsSummarisedIn128MiB() throws Exception {
        String last = lastRowIn128MiB(ScanCaptures.Kind.SYN);
        assertTrue(last.matches("149999  10\\.0\\.0\\.1:40000 +10\\.16\\.0\\.2:30000 .* no answer +S0 +S .*"),
                "the last SYN's row, unanswered: " + last);
    }

    /**
     * A SYN scan through a firewall that answers every probe with an ICMP error quoting it: the quote used to
     * make the connection's full analysis state (the time of its most recent SYN lives there), 1.5 KB more
     * per connection, and ran out of this heap after 156,997 of the 300,000 frames.
     */
    @Test
    void aSynScanAnsweredByIcmpErrorsIsSummarisedIn128MiB() throws Exception {
        String last = lastRowIn128MiB(ScanCaptures.Kind.SYN_PROHIBITED);
        assertTrue(last.matches("149999  10\\.0\\.0\\.1:40000 +10\\.16\\.0\\.2:30000 .* 1 +40 +0 +0 +no +no answer +S0 +S .*"),
                "the last SYN's row: one packet from the client, none back (an ICMP error is not the server's): " + last);
    }

    @Test
    void aMillionIcmpErrorsQuotingDistinctUdpFlowsAreReadIn64MiB() throws Exception {
        Path capture = ScanCaptures.write(tmp.resolve("udp-scan-answers.pcap"), ScanCaptures.Kind.ICMP_PORT_UNREACHABLE,
                1_000_000);
        Path out = tmp.resolve("udp-scan-answers.txt");
        CliProcess r = CliProcess.toFile(out, List.of("-Xmx64m"), "read", "--no-notes", capture.toString());
        assertEquals("", r.stderr);
        assertEquals(ExitCodes.OK, r.exitCode);
        OutputTail la = OutputTail.of(out);
        assertEquals(1_000_000L, la.lines(), "one line per frame");
        assertEquals("1000000 22:13:29.999990 IP 10.16.0.16 > 10.0.0.1: ICMP destination unreachable, port unreachable "
                + "(quoting 10.0.0.1.40000 > 10.16.0.16.40000 udp), length 40",
                la.last());
    }

    /**
     * UDP flows are held at most 200,000 at once, as TCP connections are: past that, the next sweep (every
     * 12,500 new flows once 50,000 are held) summarises the longest idle down to 50,000. Of 212,500
     * one-datagram flows, the sweep at flow 212,500 lets 162,500 go; every flow still has its row, in order,
     * and the table's last line says how many were summarised early. Before, nothing bounded them: 3,000,000
     * ran out of a 512 MiB heap with no output.
     */
    @Test
    void udpFlowsPastTheCapAreSummarisedEarlyAndTheTableSaysHowMany() throws Exception {
        Path capture = ScanCaptures.write(tmp.resolve("udp-flood.pcap"), ScanCaptures.Kind.UDP, 212_500);
        CliRunner r = CliRunner.run("conversations", "-q", capture.toString());
        assertEquals("", r.stderr);
        assertEquals(ExitCodes.OK, r.exitCode);
        String[] lines = r.stdout.split("\n");
        assertEquals(3 + 212_500 + 2, lines.length, "the heading (a blank line first), one row per flow, a blank line and the footer");
        for (int i = 0; i < 212_500; i += 1000) {
            assertTrue(lines[3 + i].startsWith(String.format("%6d  10.0.0.1:40000 ", i)), lines[3 + i]);
        }
        assertEquals("Memory bound: at most 200,000 TCP connections and 200,000 UDP flows are held at once; 162,500 UDP "
                + "flows were summarised before the end of the capture (idle for 300 s, or the longest idle past that "
                + "limit). A later packet of one is summarised again, in a row of its own with the same stream number.",
                lines[lines.length - 1]);
        CliRunner jsonl = CliRunner.run("conversations", "-q", "--format", "jsonl", capture.toString());
        assertEquals(212_500, jsonl.stdout.split("\n").length, "JSON Lines: one object per flow, no footer");
    }
}
