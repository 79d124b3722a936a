package io.wirebook.render;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.CWR;
import static io.wirebook.pipeline.Segments.ECE;
import static io.wirebook.pipeline.Segments.FIN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.RST;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static io.wirebook.pipeline.Segments.nop;
import static io.wirebook.pipeline.Segments.sack;
import static io.wirebook.pipeline.Segments.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code wirebook read}'s text lines: frame number, UTC time of day, what {@code tcpdump -nn} prints (with
 * Wireshark's relative numbers and scaled window), Wireshark's tags, then the note after {@code  ·  }.
 * The tcpdump line of each frame, as tcpdump 4.99 prints it from the same bytes, is in the comments.
 */
class TextPacketWriterTest {
    private static final long C = CLIENT_ISN, S = SERVER_ISN;
    private static final String ETH = "000000000002 000000000001 0800";
    private final Segments s = new Segments();
    private final PacketPipeline pipeline = new PacketPipeline();

    private List<String> lines(boolean notes, List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextPacketWriter w = new TextPacketWriter(new Utf8Sink(out, 1 << 12), notes);
        for (Frame f : frames) {
            w.write(pipeline.next(f));
        }
        w.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals('\n', text.charAt(text.length() - 1), "every line ends, the last one too");
        return text.lines().toList();
    }

    private List<String> lines(List<Frame> frames) throws IOException {
        return lines(true, frames);
    }

    @Test
    void handshakeDataAndCloseAsTcpdumpPrintsThemWithRelativeNumbersAndScaledWindows() throws IOException {
        List<Frame> frames = new ArrayList<>(s.handshake());
        // 4 22:13:20.003000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, options [nop,nop,TS val 102 ecr 500], length 100
        frames.add(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502, nop(), nop(), ts(102, 500)));
        // 5 22:13:20.004000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,TS val 501 ecr 102], length 0
        frames.add(s.server(4000, ACK, S + 1, C + 101, 0, 509, nop(), nop(), ts(501, 102)));
        // 6 22:13:20.007000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 101, ack 1, win 502, length 0
        frames.add(s.client(7000, FIN | ACK, C + 101, S + 1, 0, 502));
        assertEquals(List.of(
                "    1 22:13:20.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,"
                        + "sackOK,TS val 100 ecr 0,nop,wscale 7], length 0  \u00B7  SYN: opens a connection; proposes MSS"
                        + " 1460, window scale 7 (x128), SACK, timestamps; client enters SYN_SENT",
                "    2 22:13:20.001000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 0, ack 1, win 65160, options"
                        + " [mss 1460,sackOK,TS val 500 ecr 100,nop,wscale 7], length 0  \u00B7  SYN/ACK: agrees to open"
                        + " the connection and acknowledges the SYN; proposes MSS 1460, window scale 7 (x128), SACK,"
                        + " timestamps; client enters ESTABLISHED, server enters SYN_RECEIVED",
                "    3 22:13:20.002000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 64256, options [nop,nop,"
                        + "TS val 101 ecr 500], length 0  \u00B7  ACK: acknowledges everything before byte 1; server"
                        + " enters ESTABLISHED",
                "    4 22:13:20.003000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 64256, options"
                        + " [nop,nop,TS val 102 ecr 500], length 100  \u00B7  carries 100 bytes (stream bytes 1-100);"
                        + " acknowledges up to 1",
                "    5 22:13:20.004000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 65152, options [nop,nop,"
                        + "TS val 501 ecr 102], length 0  \u00B7  ACK: acknowledges everything before byte 101",
                "    6 22:13:20.007000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 101, ack 1, win 64256, length 0"
                        + "  \u00B7  FIN: this side has no more data to send; acknowledges up to 1; client enters"
                        + " FIN_WAIT_1"),
                lines(frames));
    }

    @Test
    void withoutNotesALineEndsAfterTheTcpdumpPart() throws IOException {
        List<String> l = lines(false, s.handshake());
        assertEquals("    3 22:13:20.002000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 64256, options"
                + " [nop,nop,TS val 101 ecr 500], length 0", l.get(2));
    }

    @Test
    void formatGivesTheLineWithoutItsNote() {
        PacketResult r = pipeline.next(s.handshake().get(0));
        StringBuilder sb = new StringBuilder();
        TextPacketWriter.format(sb, r);
        assertEquals("    1 22:13:20.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options"
                + " [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0", sb.toString());
    }

    @Test
    void wiresharksTagsFollowTheTcpdumpPartAndSackBlocksAreRelative() throws IOException {
        List<Frame> frames = new ArrayList<>(s.handshake());
        frames.add(s.client(10_000, ACK, C + 1, S + 1, 100, 502));
        frames.add(s.client(10_100, ACK, C + 101, S + 1, 100, 502));
        frames.add(s.client(10_200, ACK, C + 201, S + 1, 100, 502));
        frames.add(s.client(10_300, PSH | ACK, C + 301, S + 1, 100, 502));
        frames.add(s.server(11_000, ACK, S + 1, C + 101, 0, 509));
        // 9  22:13:20.011100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:301}], length 0
        frames.add(s.server(11_100, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 301)));
        // 10 22:13:20.011200 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:401}], length 0
        frames.add(s.server(11_200, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 401)));
        // 11 22:13:20.011300 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101:201, ack 1, win 502, length 100
        frames.add(s.client(11_300, ACK, C + 101, S + 1, 100, 502));
        List<String> l = lines(false, frames);
        assertEquals("    9 22:13:20.011100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 65152, options"
                + " [nop,nop,sack 1 {201:301}], length 0 [TCP Dup ACK 8#1]", l.get(8));
        assertEquals("   10 22:13:20.011200 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 65152, options"
                + " [nop,nop,sack 1 {201:401}], length 0 [TCP Dup ACK 8#2]", l.get(9));
        // Wireshark shows a fast retransmission's own tag only, though tshark also reports "retransmission".
        assertEquals("   11 22:13:20.011300 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101:201, ack 1, win 64256,"
                + " length 100 [TCP Fast Retransmission]", l.get(10));
    }

    @Test
    void flagLettersAsTcpdumpPrintsThem() throws IOException {
        List<String> l = lines(false, List.of(
                // 22:13:20.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [SEW], seq 1000, win 64240, length 0
                s.client(0, SYN | ECE | CWR, 1000, 0, 0, 64240),
                s.server(100, SYN | ACK, 5000, 1001, 0, 64240),
                // 22:13:20.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [FP.], seq 1:6, ack 1, win 64240, length 5
                s.client(200, FIN | PSH | ACK, 1001, 5001, 5, 64240),
                // 22:13:20.000300 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R], seq 5001, win 0, length 0
                // (tcpdump leaves this seq raw; relative to the server's ISN 5000, as Wireshark shows it, it is 1)
                s.server(300, RST, 5001, 0, 0, 0)));
        assertEquals("    1 22:13:20.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [SEW], seq 0, win 64240, length 0",
                l.get(0));
        assertEquals("    3 22:13:20.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [FP.], seq 1:6, ack 1, win 64240,"
                + " length 5", l.get(2));
        assertEquals("    4 22:13:20.000300 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R], seq 1, win 0, length 0", l.get(3));
    }

    @Test
    void ackDotComesBeforeUrgEceAndCwrAsInTcpdump() throws IOException {
        List<String> l = lines(false, List.of(
                s.client(0, SYN | ECE | CWR, 1000, 0, 0, 64240),
                // 22:13:20.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.E], seq 5000, ack 1001, win 64240, length 0
                s.server(100, SYN | ACK | ECE, 5000, 1001, 0, 64240),
                // 22:13:20.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.W], seq 1:6, ack 1, win 64240, length 5
                s.client(200, PSH | ACK | CWR, 1001, 5001, 5, 64240)));
        assertEquals("    2 22:13:20.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.E], seq 0, ack 1, win 64240, length 0",
                l.get(1));
        assertEquals("    3 22:13:20.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.W], seq 1:6, ack 1, win 64240,"
                + " length 5", l.get(2));
    }

    @Test
    void udpAndIcmpLines() throws IOException {
        String toPort9 = "4500 0020 0002 4000 4011 26c9 0a00 0001 0a00 0002" + "c738 0009 000c 45c1 70696e67";
        List<String> l = lines(List.of(
                // 22:13:20.000000 IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4
                s.hex(0, ETH + toPort9),
                // 22:13:20.000100 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9 unreachable, length 40
                s.hex(100, ETH + "4500 003c 0003 0000 4001 66bc 0a00 0002 0a00 0001" + "0303 111d 0000 0000" + toPort9)));
        assertEquals("    1 22:13:20.000000 IP 10.0.0.1.51000 > 10.0.0.2.9: UDP, length 4  \u00B7  a UDP datagram of 4"
                + " bytes: no connection, no acknowledgement, its boundaries kept", l.get(0));
        // Wirebook's own wording for ICMP: type and code by name, and the quoted packet.
        assertEquals("    2 22:13:20.000100 IP 10.0.0.2 > 10.0.0.1: ICMP destination unreachable, port unreachable"
                + " (quoting 10.0.0.1.51000 > 10.0.0.2.9 udp), length 40  \u00B7  ICMP destination unreachable (port"
                + " unreachable): reports a problem with an earlier UDP packet from port 51000 to port 9; nobody listens"
                + " there (a connected UDP socket hears of it as ECONNREFUSED)", l.get(1));
    }

    @Test
    void aDamagedPacketIsStillALine() throws IOException {
        // 22:13:20.000000 IP 10.0.0.1.40000 > 10.0.0.2.80:  tcp 8 [bad hdr length 16 - too short, < 20]
        Frame bad = s.hex(0, ETH + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002"
                + "9c40 0050 000f 4241 b2d0 5e01 4018 01f6 aa1d 0000 0000 0000");
        // 22:13:20.000100 IP 10.0.0.1.40000 > 10.0.0.2.80:  [|tcp]      (6 of 24 bytes of TCP captured)
        Frame cut = s.hex(100, ETH + "4500 002c 0000 4000 4006 26ca 0a00 0001 0a00 0002" + "9c40 0050 000f");
        cut.originalLength = 58;
        List<String> l = lines(List.of(bad, cut));
        assertEquals("    1 22:13:20.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: tcp [malformed tcp: TCP data offset gives a"
                + " header of 16 bytes, below the minimum 20 (RFC 9293 3.1)]  \u00B7  malformed: TCP data offset gives"
                + " a header of 16 bytes, below the minimum 20 (RFC 9293 3.1)", l.get(0));
        assertEquals("    2 22:13:20.000100 IP 10.0.0.1.40000 > 10.0.0.2.80: tcp [|tcp]  \u00B7  cut short by the"
                + " capture's snaplen: TCP header needs 20 bytes", l.get(1));
    }

    @Test
    void ipv6WithNanosecondTimestamps() throws IOException {
        // 22:13:20.000000123 IP6 2001:db8::1.40000 > 2001:db8::2.443: Flags [S], seq 12345, win 65535, options [mss 1440], length 0
        Frame f = s.hex(0, "000000000002 000000000001 86dd"
                + "6000 0000 0018 0640 20010db8000000000000000000000001 20010db8000000000000000000000002"
                + "9c40 01bb 0000 3039 0000 0000 6002 ffff 6e91 0000 0204 05a0");
        f.nanos = 123;
        f.tsDigits = 9;
        assertEquals(List.of("    1 22:13:20.000000123 IP6 2001:db8::1.40000 > 2001:db8::2.443: Flags [S], seq 0, win"
                + " 65535, options [mss 1440], length 0"), lines(false, List.of(f)));
    }
}
