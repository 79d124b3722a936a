package io.wirebook.timeline;

import static io.wirebook.TcpCaptureBuilder.ACK;
import static io.wirebook.TcpCaptureBuilder.FIN;
import static io.wirebook.TcpCaptureBuilder.PSH;
import static io.wirebook.TcpCaptureBuilder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.TcpCaptureBuilder;
import io.wirebook.calls.LogEntry;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causality rules on a hand-made connection (client 10.0.0.1:40000, server 10.0.0.2:80) and a
 * hand-made call log: coalesced writes, a retransmission, shutdown, reads that return on the right
 * segment, and the states each side passes through.
 */
class TimelineBuilderTest {
    @TempDir
    Path tmp;

    private static Instant at(long micros) {
        return Instant.ofEpochSecond(1_700_000_000L, micros * 1000);
    }

    private static SocketCall call(Side side, String name, long from, long to, String result, String... args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        return new SocketCall(side, name, a, result, null, null, side.wireName(), at(from), at(to));
    }

    @Test
    void eachPacketNamesItsCauseAndEachCallThePacketThatLetItReturn() throws Exception {
        Path pcap = new TcpCaptureBuilder()
                .seg(1010, true, SYN, 100, 0, 0)                   // 1 connect()
                .seg(1020, false, SYN | ACK, 500, 101, 0)          // 2 kernel
                .seg(1030, true, ACK, 101, 501, 0)                 // 3 kernel, completes the handshake
                .seg(2011, true, PSH | ACK, 101, 501, 7)           // 4 two writes (3 + 4 bytes) in one segment
                .seg(2020, false, ACK, 501, 108, 0)                // 5 kernel
                .seg(3005, true, PSH | ACK, 108, 501, 5)           // 6 third write
                .seg(3500, true, PSH | ACK, 108, 501, 5)           // 7 the same bytes again: kernel
                .seg(3510, false, ACK, 501, 113, 0)                // 8
                .seg(4001, true, FIN | ACK, 113, 501, 0)           // 9 shutdown(SHUT_WR)
                .seg(4010, false, ACK, 501, 114, 0)                // 10
                .seg(5001, false, FIN | ACK, 501, 114, 0)          // 11 server close()
                .seg(5002, true, ACK, 114, 502, 0)                 // 12 kernel
                .write(tmp.resolve("c.pcap"));
        List<LogEntry> log = List.of(
                call(Side.SERVER, "bind", 10, 20, "0", "sock", "listener", "addr", "10.0.0.2", "port", "80"),
                call(Side.SERVER, "listen", 20, 30, "0", "sock", "listener", "backlog", "8"),
                call(Side.SERVER, "accept", 50, 1100, "conn", "sock", "listener", "peer_addr", "10.0.0.1", "peer_port", "40000"),
                call(Side.CLIENT, "connect", 1000, 1040, "0", "sock", "client", "addr", "10.0.0.2", "port", "80",
                        "local_addr", "10.0.0.1", "local_port", "40000"),
                call(Side.SERVER, "read", 1500, 2015, "7", "sock", "conn", "len", "64"),
                call(Side.CLIENT, "write", 2000, 2010, "3", "sock", "client", "len", "3"),
                call(Side.CLIENT, "write", 2009, 2012, "4", "sock", "client", "len", "4"),
                call(Side.SERVER, "read", 2100, 3006, "5", "sock", "conn", "len", "64"),
                call(Side.CLIENT, "write", 3000, 3006, "5", "sock", "client", "len", "5"),
                call(Side.SERVER, "read", 3100, 4011, "0", "sock", "conn", "len", "64"),
                call(Side.CLIENT, "shutdown", 4000, 4002, "0", "sock", "client", "how", "SHUT_WR"),
                call(Side.SERVER, "close", 5000, 5002, "0", "sock", "conn"));
        List<Frame> frames = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(pcap.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                frames.add(f.copy());
            }
        }
        Timeline t = TimelineBuilder.build(frames, log);

        List<String> causes = t.packets().stream().map(p -> p.cause().label()).toList();
        assertEquals(List.of("client connect()", "kernel", "kernel", "client write()", "kernel", "client write()",
                "kernel", "kernel", "client shutdown()", "kernel", "server close()", "kernel"), causes);
        // Frame 4 carries the first write's 3 bytes and the second's 4: the first write is named.
        assertEquals(at(2000), t.packets().get(3).cause().call().ts());
        assertEquals(at(3000), t.packets().get(5).cause().call().ts());
        List<Side> sides = t.packets().stream().map(TimelineEvent.PacketSeen::side).toList();
        assertEquals(List.of(Side.CLIENT, Side.SERVER, Side.CLIENT, Side.CLIENT, Side.SERVER, Side.CLIENT,
                Side.CLIENT, Side.SERVER, Side.CLIENT, Side.SERVER, Side.SERVER, Side.CLIENT), sides);

        Map<String, Long> unblocked = new LinkedHashMap<>();
        for (TimelineEvent.Call c : t.calls()) {
            unblocked.put(c.call().side().wireName() + " " + c.call().call() + "@" + c.tsNanos() / 1000 % 1_000_000, c.unblockedBy());
        }
        assertEquals(2L, unblocked.get("client connect@1000"), "connect() returns on the SYN/ACK");
        assertEquals(3L, unblocked.get("server accept@50"), "accept() returns on the ACK that completes the handshake");
        assertEquals(4L, unblocked.get("server read@1500"));
        assertEquals(6L, unblocked.get("server read@2100"), "the second read's first byte (stream offset 7) came in frame 6");
        assertEquals(9L, unblocked.get("server read@3100"), "read() returns 0 on the FIN");
        assertEquals(0L, unblocked.get("client write@2000"));

        List<String> states = t.events().stream().filter(e -> e instanceof TimelineEvent.StateChange)
                .map(e -> (TimelineEvent.StateChange) e)
                .map(s -> s.side().wireName() + " " + s.from() + ">" + s.to() + "@" + s.frame()).toList();
        assertEquals(List.of("client CLOSED>SYN_SENT@1", "client SYN_SENT>ESTABLISHED@2", "server LISTEN>SYN_RECEIVED@2",
                "server SYN_RECEIVED>ESTABLISHED@3", "client ESTABLISHED>FIN_WAIT_1@9",
                "client FIN_WAIT_1>FIN_WAIT_2@10", "server ESTABLISHED>CLOSE_WAIT@10", "client FIN_WAIT_2>TIME_WAIT@11", "server CLOSE_WAIT>LAST_ACK@11",
                "server LAST_ACK>CLOSED@12"), states);
    }

    /**
     * A segment the capture saw but the receiver never got (a lab's input rule dropped it after the capture
     * point): the read waiting for its bytes returns on the copy that got through, the retransmission; a
     * read that starts after both copies names the first, as on a lossless link.
     */
    @Test
    void aReadThatWaitedThroughALostSegmentReturnsOnTheCopyThatArrived() throws Exception {
        Path pcap = new TcpCaptureBuilder()
                .seg(1010, true, SYN, 100, 0, 0)                   // 1
                .seg(1020, false, SYN | ACK, 500, 101, 0)          // 2
                .seg(1030, true, ACK, 101, 501, 0)                 // 3
                .seg(2010, true, PSH | ACK, 101, 501, 5)           // 4 write(); dropped after the capture
                .seg(2220, true, PSH | ACK, 101, 501, 5)           // 5 the tail loss probe; dropped too
                .seg(2430, true, PSH | ACK, 101, 501, 5)           // 6 the timeout's retransmission: arrives
                .seg(2440, false, ACK, 501, 106, 0)                // 7
                .seg(3010, true, PSH | ACK, 106, 501, 5)           // 8 second write
                .seg(3400, true, PSH | ACK, 106, 501, 5)           // 9 a spurious copy of it
                .write(tmp.resolve("lost.pcap"));
        List<LogEntry> log = List.of(
                call(Side.SERVER, "bind", 10, 20, "0", "sock", "listener", "addr", "10.0.0.2", "port", "80"),
                call(Side.SERVER, "accept", 50, 1100, "conn", "sock", "listener", "peer_addr", "10.0.0.1", "peer_port", "40000"),
                call(Side.CLIENT, "connect", 1000, 1040, "0", "sock", "client", "addr", "10.0.0.2", "port", "80",
                        "local_addr", "10.0.0.1", "local_port", "40000"),
                call(Side.SERVER, "read", 1500, 2432, "5", "sock", "conn", "len", "64"),
                call(Side.CLIENT, "write", 2000, 2011, "5", "sock", "client", "len", "5"),
                call(Side.CLIENT, "write", 3000, 3011, "5", "sock", "client", "len", "5"),
                call(Side.SERVER, "read", 3500, 3501, "5", "sock", "conn", "len", "64"));
        List<Frame> frames = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(pcap.toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                frames.add(f.copy());
            }
        }
        Timeline t = TimelineBuilder.build(frames, log);
        List<Long> reads = t.calls().stream().filter(c -> c.call().call().equals("read")).map(TimelineEvent.Call::unblockedBy).toList();
        assertEquals(List.of(6L, 8L), reads, "the copy that got through; then the first copy of bytes already waiting");
    }
}
