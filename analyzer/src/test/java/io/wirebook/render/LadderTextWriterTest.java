package io.wirebook.render;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.FIN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static io.wirebook.pipeline.Segments.SYN;
import static io.wirebook.pipeline.Segments.nop;
import static io.wirebook.pipeline.Segments.sack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code wirebook timeline}: one TCP stream as a ladder, client left, server right, one arrow per segment
 * with tcpdump's flag letters, Wireshark's relative seq/ack and scaled window, the RFC 9293 state each side
 * enters beside the arrow, and the tags and note under it.
 */
class LadderTextWriterTest {
    private static final long C = CLIENT_ISN, S = SERVER_ISN;
    /** Where a note starts under its arrow: the column after the client state's "|". */
    private static final String UNDER = " ".repeat(32);
    private final Segments s = new Segments();

    /** The ladder of stream {@code stream}, as the timeline command draws it from these frames. */
    private List<String> ladder(int stream, List<Frame> frames) throws IOException {
        return ladder(stream, frames, new ByteArrayOutputStream(), null);
    }

    /** The same with a writer of this frame bound and width. */
    private List<String> ladder(List<Frame> frames, long maxFrame, int width) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return ladder(0, frames, out, new LadderTextWriter(new Utf8Sink(out, 1 << 12), maxFrame, width));
    }

    private List<String> ladder(int stream, List<Frame> frames, ByteArrayOutputStream out, LadderTextWriter writer)
            throws IOException {
        LadderTextWriter w = writer != null ? writer : new LadderTextWriter(new Utf8Sink(out, 1 << 12));
        PacketPipeline pipeline = new PacketPipeline(); // a capture of its own each time
        for (Frame f : frames) {
            PacketResult r = pipeline.next(f);
            if (r.isTcp() && r.connection().stream == stream) {
                w.write(r);
            }
        }
        w.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals('\n', text.charAt(text.length() - 1));
        return text.lines().toList();
    }

    @Test
    void handshakeDataAndThreeWayClose() throws IOException {
        List<Frame> f = new ArrayList<>(s.handshake());
        f.add(s.client(3000, PSH | ACK, C + 1, S + 1, 100, 502));   // 4 [P.] seq 1:101, ack 1
        f.add(s.server(4000, ACK, S + 1, C + 101, 0, 509));         // 5 [.] ack 101
        f.add(s.client(7000, FIN | ACK, C + 101, S + 1, 0, 502));   // 6 [F.] seq 101, ack 1
        f.add(s.server(8000, FIN | ACK, S + 1, C + 102, 0, 509));   // 7 [F.] seq 1, ack 102
        f.add(s.client(9000, ACK, C + 102, S + 2, 0, 502));         // 8 [.] ack 2
        assertEquals(List.of(
                "TCP stream 0: client 10.0.0.1:40000, server 10.0.0.2:80",
                "    #       time        client |                                                    | server",
                "    1   0.000000      SYN_SENT |-- [S] seq 0 win 64240 len 0 ---------------------->|",
                UNDER + "SYN: opens a connection; proposes MSS 1460, window scale 7 (x128), SACK, timestamps; client"
                        + " enters SYN_SENT",
                "    2   0.001000   ESTABLISHED |<-- [S.] seq 0 ack 1 win 65160 len 0 ---------------| SYN_RECEIVED",
                UNDER + "SYN/ACK: agrees to open the connection and acknowledges the SYN; proposes MSS 1460, window"
                        + " scale 7 (x128), SACK, timestamps; client enters ESTABLISHED, server enters SYN_RECEIVED",
                "    3   0.002000               |-- [.] seq 1 ack 1 win 64256 len 0 ---------------->| ESTABLISHED",
                UNDER + "ACK: acknowledges everything before byte 1; server enters ESTABLISHED",
                "    4   0.003000               |-- [P.] seq 1 ack 1 win 64256 len 100 ------------->|",
                UNDER + "carries 100 bytes (stream bytes 1-100); acknowledges up to 1",
                "    5   0.004000               |<-- [.] seq 1 ack 101 win 65152 len 0 --------------|",
                UNDER + "ACK: acknowledges everything before byte 101",
                // The server shows that the FIN arrived only on its next segment, whose ack covers it.
                "    6   0.007000    FIN_WAIT_1 |-- [F.] seq 101 ack 1 win 64256 len 0 ------------->|",
                UNDER + "FIN: this side has no more data to send; acknowledges up to 1; client enters FIN_WAIT_1",
                // The client's FIN is acknowledged by the server's FIN: the ACK first (FIN-WAIT-2), then the FIN
                // (TIME-WAIT), RFC 9293 3.10.7.4; the server got the FIN (CLOSE-WAIT) and closes (LAST-ACK).
                "    7   0.008000     TIME_WAIT |<-- [F.] seq 1 ack 102 win 65152 len 0 -------------| LAST_ACK",
                UNDER + "FIN: this side has no more data to send; acknowledges up to 102; client enters FIN_WAIT_2"
                        + " then TIME_WAIT, server enters CLOSE_WAIT then LAST_ACK (its ack shows the FIN of frame 6"
                        + " has arrived)",
                "    8   0.009000               |-- [.] seq 102 ack 2 win 64256 len 0 -------------->| CLOSED",
                UNDER + "ACK: acknowledges everything before byte 2; server enters CLOSED"),
                ladder(0, f));
    }

    @Test
    void everyArrowSpansTheSameWidthBetweenTheLanes() throws IOException {
        List<Frame> f = new ArrayList<>(s.handshake());
        f.add(s.client(3000, PSH | ACK, C + 1, S + 1, 1448, 502));          // a long label: len 1448
        f.add(s.server(4000, ACK, S + 1, C + 1449, 0, 65535));              // win 8388480 after scaling
        List<String> l = ladder(0, f);
        int left = l.get(1).indexOf('|'), right = l.get(1).lastIndexOf('|');
        assertEquals(List.of(31, 84), List.of(left, right), "the heading's lanes");
        for (int i = 2; i < l.size(); i += 2) {
            assertEquals(left, l.get(i).indexOf('|'), l.get(i));
            assertEquals(right, l.get(i).indexOf('|', left + 1), l.get(i));
        }
        assertEquals("    5   0.004000               |<-- [.] seq 1 ack 1449 win 8388480 len 0 -----------|", l.get(10));
    }

    @Test
    void onlyTheChosenStreamIsDrawnWithTimesFromItsFirstSegment() throws IOException {
        Segments other = s.port(40001);
        List<Frame> f = new ArrayList<>();
        f.add(s.client(0, SYN, C, 0, 0, 1000));                       // stream 0
        f.add(other.client(500_000, SYN, 7000, 0, 0, 1000));          // stream 1: [S] seq 0
        f.add(s.server(600_000, SYN | ACK, S, C + 1, 0, 1000));       // stream 0
        f.add(other.server(1_700_000, SYN | ACK, 9000, 7001, 0, 1000)); // stream 1: [S.] seq 0, ack 1, 1.2 s later
        List<String> l = ladder(1, f);
        assertEquals("TCP stream 1: client 10.0.0.1:40001, server 10.0.0.2:80", l.get(0));
        assertEquals("    2   0.000000      SYN_SENT |-- [S] seq 0 win 1000 len 0 ----------------------->|", l.get(2));
        assertEquals("    4   1.200000   ESTABLISHED |<-- [S.] seq 0 ack 1 win 1000 len 0 ----------------| SYN_RECEIVED",
                l.get(4));
        assertEquals(6, l.size());
    }

    @Test
    void aStreamFirstSeenFromTheServerStillHasTheClientOnTheLeft() throws IOException {
        List<String> l = ladder(0, List.of(
                s.server(0, SYN | ACK, 800, 601, 0, 1000),    // [S.] seq 0, ack 1: the client's SYN was not captured
                s.client(100, ACK, 601, 801, 0, 1000)));      // [.] seq 1, ack 1
        assertEquals("TCP stream 0: client 10.0.0.1:40000, server 10.0.0.2:80", l.get(0));
        assertEquals("    1   0.000000               |<-- [S.] seq 0 ack 1 win 1000 len 0 ----------------| SYN_RECEIVED",
                l.get(2));
        assertEquals("    2   0.000100   ESTABLISHED |-- [.] seq 1 ack 1 win 1000 len 0 ----------------->| ESTABLISHED",
                l.get(4));
    }

    @Test
    void tagsAndNoteGoUnderTheArrow() throws IOException {
        List<Frame> f = dupAck();
        List<String> l = ladder(0, f);
        assertEquals("    8   0.011100               |<-- [.] seq 1 ack 101 win 65152 len 0 --------------|", l.get(16));
        assertEquals("[TCP Dup ACK 7#1] ACK: acknowledges everything before byte 101; SACK: also holds stream bytes"
                + " 201-300, past a hole; duplicate ACK #1 (same ack as frame 7): the receiver got data past a hole and"
                + " still waits for byte 101", l.get(17).strip());
    }

    @Test
    void tagsStartInTheNoteColumn() throws IOException {
        List<String> l = ladder(0, dupAck());
        assertEquals(UNDER + "[TCP Dup ACK 7#1] ACK: acknowledges everything before byte 101; SACK: also holds stream"
                + " bytes 201-300, past a hole; duplicate ACK #1 (same ack as frame 7): the receiver got data past a hole"
                + " and still waits for byte 101", l.get(17));
    }

    /** The handshake, three data segments, an ACK and a duplicate ACK of it with a SACK block (frame 8). */
    private List<Frame> dupAck() {
        List<Frame> f = new ArrayList<>(s.handshake());
        f.add(s.client(10_000, ACK, C + 1, S + 1, 100, 502));      // 4 [.] seq 1:101
        f.add(s.client(10_100, ACK, C + 101, S + 1, 100, 502));    // 5 [.] seq 101:201
        f.add(s.client(10_200, ACK, C + 201, S + 1, 100, 502));    // 6 [.] seq 201:301
        f.add(s.server(11_000, ACK, S + 1, C + 101, 0, 509));      // 7 [.] ack 101
        // 8 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:301}], length 0
        f.add(s.server(11_100, ACK, S + 1, C + 101, 0, 509, nop(), nop(), sack(C + 201, C + 301)));
        return f;
    }

    @Test
    void ipv6EndpointsAreBracketed() throws IOException {
        // IP6 2001:db8::1.40000 > 2001:db8::2.443: Flags [S], seq 12345, win 65535, options [mss 1440], length 0
        Frame syn = s.hex(0, "000000000002 000000000001 86dd"
                + "6000 0000 0018 0640 20010db8000000000000000000000001 20010db8000000000000000000000002"
                + "9c40 01bb 0000 3039 0000 0000 6002 ffff 6e91 0000 0204 05a0");
        List<String> l = ladder(0, List.of(syn));
        assertEquals("TCP stream 0: client [2001:db8::1]:40000, server [2001:db8::2]:443", l.get(0));
        assertEquals(UNDER + "SYN: opens a connection; proposes MSS 1440; client enters SYN_SENT", l.get(3));
    }

    @Test
    void notesWrapAtSpacesToTheWidthEachLineInTheNoteColumn() throws IOException {
        List<Frame> f = dupAck();
        List<String> one = ladder(0, f);
        String note = one.get(17).strip();
        List<String> l = ladder(f, 99_999, 80);
        int arrow = l.indexOf(one.get(16));
        assertTrue(arrow > 16, "the arrow is never wrapped, and the notes before it were: " + l);
        List<String> lines = new ArrayList<>();
        for (int i = arrow + 1; i < l.size() && l.get(i).startsWith(UNDER); i++) {
            lines.add(l.get(i));
        }
        assertEquals(List.of(
                UNDER + "[TCP Dup ACK 7#1] ACK: acknowledges everything",
                UNDER + "before byte 101; SACK: also holds stream bytes",
                UNDER + "201-300, past a hole; duplicate ACK #1 (same ack",
                UNDER + "as frame 7): the receiver got data past a hole",
                UNDER + "and still waits for byte 101"), lines);
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).length() <= 80, lines.get(i));
            if (i + 1 < lines.size()) {
                String next = lines.get(i + 1).strip().split(" ")[0];
                assertTrue(lines.get(i).length() + 1 + next.length() > 80, "the next word did not fit: " + lines.get(i));
            }
        }
        assertEquals(note, String.join(" ", lines.stream().map(String::strip).toList()), "every word, in order");
        // Narrower than the note column leaves MIN_NOTE columns of words; 0 does not wrap.
        for (String line : ladder(f, 99_999, 20)) {
            assertTrue(line.contains("|") || line.length() <= UNDER.length() + LadderTextWriter.MIN_NOTE, line);
        }
        assertEquals(one, ladder(f, 99_999, 0));
    }

    @Test
    void framesOfSixDigitsAndMoreKeepTheLanesAligned() throws IOException {
        List<Frame> f = new ArrayList<>(dupAck());
        long[] numbers = {99_998, 99_999, 100_000, 123_456, 999_999, 1_000_000, 1_000_001, 9_999_999};
        for (int i = 0; i < f.size(); i++) {
            f.get(i).number = numbers[i];
        }
        List<String> l = ladder(f, 9_999_999, 0);
        assertEquals("      #       time        client |                                                    | server",
                l.get(1));
        int left = l.get(1).indexOf('|'), right = l.get(1).lastIndexOf('|');
        for (int i = 2; i < l.size(); i += 2) {
            assertEquals(left, l.get(i).indexOf('|'), l.get(i));
            assertEquals(right, l.get(i).indexOf('|', left + 1), l.get(i));
            assertTrue(l.get(i + 1).startsWith(" ".repeat(left + 1) + l.get(i + 1).strip()), "the note column follows");
        }
        assertTrue(l.get(16).startsWith("9999999   0.011100 "), l.get(16));
        // Nothing bounds them (standard input): 7 digits, then the column widens from the frame that needs more.
        f.get(7).number = 12_345_678;
        List<String> open = ladder(f, 0, 0);
        assertEquals("      #       time        client |                                                    | server",
                open.get(1));
        assertEquals(left + 1, open.get(16).indexOf('|'), open.get(16));
    }
}
