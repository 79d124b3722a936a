package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.Note;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small timelines made by hand: calls, notes and state changes at known nanoseconds. */
final class TestTimelines {
    private TestTimelines() {}

    /** 2026-11-25, about when the recordings were made. */
    static final long T0 = 1_795_596_652_000_000_000L;

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    /** A call from T0+ts to T0+end (nanoseconds); args alternate key, value. */
    static TimelineEvent.Call call(Side side, String name, long ts, long end, long unblockedBy, String result,
            String errno, String... args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        SocketCall c = new SocketCall(side, name, a, result, errno, errno == null ? null : "java.io.IOException: " + errno,
                side.wireName(), instant(T0 + ts), instant(T0 + end));
        return new TimelineEvent.Call(c, T0 + ts, T0 + end, unblockedBy);
    }

    static TimelineEvent.Observation note(Side side, String key, String value, long ts) {
        return new TimelineEvent.Observation(new Note(side, key, value, "main", instant(T0 + ts)), T0 + ts);
    }

    static TimelineEvent.StateChange state(long ts, long frame, Side side, String from, String to) {
        return new TimelineEvent.StateChange(T0 + ts, frame, side, side == Side.CLIENT ? "127.0.0.1:40000" : "127.0.0.1:8080",
                from, to);
    }

    static Evidence evidence(Map<String, String> kernel, TimelineEvent... events) {
        return new Evidence(new Timeline(List.of(events)), kernel);
    }

    /**
     * A server that listens (backlog 4) and accepts, a client that connects (unblocked by frame 2), writes
     * 6 bytes and reads 0; a refused connect of a second client; notes with a TIME_WAIT summary and a
     * number; the server's states; kernel value tcp_fin_timeout = 60.
     */
    static Evidence small() {
        return evidence(Map.of("net.ipv4.tcp_fin_timeout", "60", "kernel.osrelease", "6.1.0"),
                note(null, "kernel", "6.1.0", 0),
                call(Side.SERVER, "listen", 1_000, 2_000, 0, "0", null, "sock", "listener", "backlog", "4"),
                call(Side.SERVER, "accept", 3_000, 900_000, 3, "conn", null, "sock", "listener"),
                call(Side.CLIENT, "connect", 100_000, 400_000, 2, "0", null, "sock", "client", "addr", "127.0.0.1"),
                state(200_000, 2, Side.SERVER, "LISTEN", "SYN_RECEIVED"),
                state(300_000, 3, Side.SERVER, "SYN_RECEIVED", "ESTABLISHED"),
                call(Side.CLIENT, "write", 500_000, 520_000, 0, "6", null, "sock", "client", "len", "6"),
                call(Side.CLIENT, "read", 600_000, 1_600_000, 7, "0", null, "sock", "client", "len", "64"),
                call(Side.CLIENT, "connect", 2_000_000, 2_000_500, 9, "-1", "ECONNREFUSED", "sock", "client-2"),
                call(Side.CLIENT, "close", 2_000_500, 2_000_600, 0, "0", null, "sock", "client-2", "by", "jdk"),
                note(Side.CLIENT, "client.proc_net_tcp.summary",
                        "127.0.0.1:40000 -> 127.0.0.1:8080 TIME_WAIT rx=0 tx=0 timer=time_wait 59990ms retr=0", 3_000_000),
                note(Side.CLIENT, "client.timer_ms", "59990", 3_000_100),
                note(null, "outcome", "done", 4_000_000));
    }
}
