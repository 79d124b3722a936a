package io.wirebook.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.TestCaptures;
import io.wirebook.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code wirebook read FILE -Y EXPR} keeps exactly the frames {@code tshark -r FILE -Y EXPR} keeps, on
 * real captures (tcpdump's and Wireshark's test captures, the scenario recordings), for expressions that
 * mean the same in both; and the lines it writes are the very lines of the unfiltered output, frame
 * numbers, relative numbers, findings and notes included: the filter never changes what the analysis saw.
 * Each expression keeps some frames and leaves out others, so a filter that kept all or none would fail.
 * Where a Wirebook spelling differs from tshark's, the third column gives tshark's.
 */
class DisplayFilterTsharkTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            third-party/tcpdump/dns_tcp.pcap | tcp.flags.syn == 1 && tcp.flags.ack == 0 |
            third-party/tcpdump/dns_tcp.pcap | tcp.len > 0 and ip.src == 209.87.249.18 |
            third-party/tcpdump/dns_tcp.pcap | frame.number == 010 or frame.number == 0x0a |
            third-party/tcpdump/dns_tcp.pcap | tcp.flags has SYN | tcp.flags.syn == 1
            third-party/wireshark/dns+icmp.pcapng | ip.src == 8.0.0.0/8 || icmp.type == 8 && ip.dst == 4.2.2.2
            third-party/wireshark/dns+icmp.pcapng | udp.srcport == 53 |
            third-party/wireshark/dns+icmp.pcapng | ip.addr != 192.168.43.1 and not icmp.type == 0 |
            scenarios/udp-unreachable.pcapng | udp && icmp.type == 3 && icmp.code == 3 |
            scenarios/loss.pcapng | tcp.analysis.retransmission |
            scenarios/loss.pcapng | tcp.analysis.duplicate_ack and tcp.analysis.duplicate_ack_num >= 2 |
            scenarios/loss.pcapng | tcp.analysis.flags && !tcp.analysis.window_update |
            scenarios/loss.pcapng | tcp.analysis | tcp.analysis.flags
            scenarios/loss.pcapng | tcp.analysis.flags or tcp.analysis.acks_frame or tcp.analysis.bytes_in_flight | tcp.analysis
            scenarios/loss.pcapng | tcp.option_kind == 5 and frame.number > 100 |
            scenarios/loss.pcapng | frame.number > 260 and tcp.len > 0 |
            scenarios/loss.pcapng | tcp.analysis.ack_rtt > 0.0002 |
            scenarios/loss.pcapng | tcp.analysis.initial_rtt and tcp.len == 0 and frame.number < 60 |
            scenarios/ephemeral-ports.pcapng | tcp.stream == 3 |
            scenarios/tw-buckets.pcapng | tcp.stream in {1, 4..5} and tcp.flags.fin == 1 |
            scenarios/keepalive.pcapng | tcp.analysis.keep_alive or tcp.analysis.keep_alive_ack |
            scenarios/zero-window.pcapng | tcp.analysis.zero_window or tcp.window_size < 1000 |
            scenarios/ipv6.pcapng | ipv6.addr == ::1 and tcp.len > 0 |
            scenarios/refused.pcapng | tcp.flags.reset == 1 |
            scenarios/handshake.pcapng | tcp.flags & 0x12 == 0x12 or tcp.dstport == 0 |
            third-party/wireshark/http-ooo.pcap | tcp.analysis.out_of_order || tcp.analysis.lost_segment
            third-party/wireshark/http-ooo.pcap | tcp.port == 80 and tcp.len <= 2 and tcp.seq != 1 |
            third-party/tcpdump/icmpv6.pcap | icmpv6.type in {135, 136} or ipv6.hlim < 255 |
            third-party/tcpdump/afs.pcap | ip.ttl < 64 |
            """)
    void keepsTheFramesTsharkKeeps(String capture, String expression, String tsharkExpression) throws Exception {
        Path file = TestCaptures.get(capture);
        List<Long> expected = Tshark.frames(file, tsharkExpression != null ? tsharkExpression : expression);

        CliRunner all = CliRunner.run("read", file.toString());
        CliRunner kept = CliRunner.run("read", file.toString(), "-Y", expression);
        assertEquals(0, kept.exitCode, kept.stderr);
        assertEquals("", kept.stderr);
        List<String> lines = kept.stdout.lines().toList();
        assertEquals(expected, frameNumbers(lines), "frames kept by -Y " + expression);
        assertTrue(!expected.isEmpty() && expected.size() < all.stdout.lines().count(),
                "the expression must keep some frames and leave out others: " + expected.size());

        Set<Long> wanted = new TreeSet<>(expected);
        List<String> sameLines = new ArrayList<>();
        for (String line : all.stdout.lines().toList()) {
            if (wanted.contains(frameNumber(line))) {
                sameLines.add(line);
            }
        }
        assertEquals(sameLines, lines, "the kept lines are those of the whole capture's output");
    }

    private static List<Long> frameNumbers(List<String> lines) {
        List<Long> out = new ArrayList<>();
        for (String line : lines) {
            out.add(frameNumber(line));
        }
        return out;
    }

    private static long frameNumber(String textLine) {
        return Long.parseLong(textLine.trim().split(" ", 2)[0]);
    }
}
