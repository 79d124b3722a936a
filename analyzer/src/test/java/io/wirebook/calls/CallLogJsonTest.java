package io.wirebook.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallLogJsonTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_764_057_918L, 460_491_979);

    private static SocketCall call(Side side, String name, Instant ts, long durNanos, String result, String errno,
                                   String... kv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put(kv[i], kv[i + 1]);
        }
        return new SocketCall(side, name, args, result, errno, errno == null ? null : "java.net.X: boom",
                side.wireName(), ts, ts.plusNanos(durNanos));
    }

    private static CallLog sample() {
        CallLog log = new CallLog(Clock.fixed(T0, ZoneOffset.UTC));
        log.add(new Note(null, "scenario", "handshake", "main", T0));
        log.add(call(Side.SERVER, "accept", T0.plusNanos(1), 5_000_000, "conn", null,
                "sock", "listener", "fd", "6", "peer_addr", "127.0.0.1", "peer_port", "40000"));
        log.add(call(Side.CLIENT, "connect", T0.plusNanos(2), 1_000, "-1", "ECONNREFUSED",
                "sock", "client", "addr", "::1", "port", "8080"));
        log.add(call(Side.CLIENT, "read", T0.plusNanos(3), 0, "0", null, "sock", "client", "len", "64"));
        log.add(new Note(Side.SERVER, "server.proc_net_tcp", "3: 0100007F:1F90 \"quoted\"\t\\ ünï", "server",
                T0.plusNanos(4)));
        return log;
    }

    @Test
    void roundTripKeepsEveryFieldAndTheArgumentOrder() throws IOException {
        CallLog log = sample();
        String text = log.toJsonLines();
        CallLog back = CallLog.parseJsonLines(text);
        assertEquals(log.entries(), back.entries());
        assertEquals(text, back.toJsonLines());
        SocketCall accept = back.calls().get(0);
        assertEquals(List.of("sock", "fd", "peer_addr", "peer_port"), new ArrayList<>(accept.args().keySet()));
    }

    @Test
    void oneObjectPerLineWithFixedFieldsAndNineDigitTimestamps() throws IOException {
        String[] lines = sample().toJsonLines().split("\n", -1);
        assertEquals(6, lines.length); // 5 entries and the empty string after the last newline
        assertEquals("", lines[5]);
        assertEquals("{\"type\":\"note\",\"ts\":\"1764057918.460491979\",\"side\":null,\"key\":\"scenario\","
                + "\"value\":\"handshake\",\"thread\":\"main\"}", lines[0]);
        assertEquals("{\"type\":\"call\",\"ts\":\"1764057918.460491981\",\"end_ts\":\"1764057918.460492981\","
                + "\"side\":\"client\",\"call\":\"connect\",\"args\":{\"sock\":\"client\",\"addr\":\"::1\","
                + "\"port\":\"8080\"},\"result\":\"-1\",\"errno\":\"ECONNREFUSED\","
                + "\"exception\":\"java.net.X: boom\",\"thread\":\"client\"}", lines[2]);
        assertTrue(lines[3].contains("\"errno\":null,\"exception\":null"), lines[3]);
    }

    @Test
    void entriesComeInTimelineOrderWhateverTheOrderAdded() {
        CallLog log = new CallLog();
        SocketCall late = call(Side.CLIENT, "close", T0.plusSeconds(1), 10, "0", null, "sock", "c");
        SocketCall early = call(Side.SERVER, "accept", T0, 2_000_000_000L, "conn", null, "sock", "l");
        SocketCall tie = call(Side.CLIENT, "write", T0.plusSeconds(1), 10, "1", null, "sock", "c");
        log.add(late);
        log.add(early);
        log.add(tie);
        assertEquals(List.of(early, late, tie), log.calls()); // equal ts: the order added
        assertEquals(List.of(late, tie), log.calls(Side.CLIENT));
        assertEquals(List.of(early), log.callsOn("l"));
    }

    @Test
    void timestampsParseExactly() {
        assertEquals(Instant.ofEpochSecond(1764057918L, 460491979), CallLogJson.parseTimestamp("1764057918.460491979"));
        assertEquals(Instant.ofEpochSecond(1764057918L, 460000000), CallLogJson.parseTimestamp("1764057918.46"));
        assertEquals(Instant.ofEpochSecond(1764057918L), CallLogJson.parseTimestamp("1764057918"));
        assertEquals("1764057918.000000001", CallLogJson.timestamp(Instant.ofEpochSecond(1764057918L, 1)));
        for (String bad : new String[] {"", ".5", "1.", "1.1234567890", "-1.5", "1e9", "1.2.3", "12a"}) {
            assertThrows(IllegalArgumentException.class, () -> CallLogJson.parseTimestamp(bad), bad);
        }
    }

    @Test
    void readerSkipsUnknownTypesAndFieldsAndBlankLines() throws IOException {
        String text = "\n{\"type\":\"packet\",\"ts\":\"1.0\",\"thread\":\"x\"}\n"
                + "{\"type\":\"note\",\"ts\":\"2.5\",\"side\":\"client\",\"key\":\"k\",\"value\":\"v\","
                + "\"thread\":\"t\",\"later\":{\"a\":[1,2]}}\n";
        CallLog log = CallLog.parseJsonLines(text);
        assertEquals(1, log.size());
        Note n = log.notes().get(0);
        assertEquals(Side.CLIENT, n.side());
        assertEquals(Instant.ofEpochSecond(2, 500_000_000), n.ts());
    }

    @Test
    void badLinesNameTheirLineNumber() {
        String good = "{\"type\":\"note\",\"ts\":\"2.5\",\"side\":null,\"key\":\"k\",\"value\":\"v\",\"thread\":\"t\"}\n";
        String[][] cases = {
            {"not json", "line 2"},
            {"{\"type\":\"call\",\"ts\":\"1.0\",\"thread\":\"t\",\"side\":\"client\"}", "missing field \"call\""},
            {"{\"type\":\"call\",\"ts\":\"1.0\",\"end_ts\":\"0.5\",\"thread\":\"t\",\"side\":\"client\",\"call\":\"x\"}",
                "before ts"},
            {"{\"type\":\"note\",\"ts\":\"1.0\",\"side\":\"middle\",\"key\":\"k\",\"value\":\"v\",\"thread\":\"t\"}",
                "side must be"},
            {"[1]", "expected a JSON object"},
            {"{\"type\":\"note\",\"ts\":\"1.0\",\"key\":\"k\",\"value\":\"v\",\"thread\":\"t\"} {}", "more than one"},
            {"{\"type\":\"note\",\"ts\":\"1.0\",\"key\":\"k\",\"key\":\"j\",\"value\":\"v\",\"thread\":\"t\"}",
                "Duplicate field 'key'"},
        };
        for (String[] c : cases) {
            CallLogFormatException e = assertThrows(CallLogFormatException.class,
                    () -> CallLog.parseJsonLines(good + c[0] + "\n"), c[0]);
            assertEquals(2, e.line(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void aCallWithoutResultOrErrnoSurvives() throws IOException {
        CallLog log = new CallLog();
        log.add(new SocketCall(Side.SERVER, "accept", Map.of("sock", "listener"), null, null,
                "java.nio.channels.AsynchronousCloseException", "server", T0, T0));
        SocketCall back = CallLog.parseJsonLines(log.toJsonLines()).calls().get(0);
        assertNull(back.result());
        assertNull(back.errno());
        assertTrue(back.failed());
    }

    @Test
    void manyThreadsCanRecordAtOnce() throws InterruptedException {
        CallLog log = new CallLog();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    log.note(Side.CLIENT, "n", i);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        assertEquals(4000, log.size());
        assertEquals(4000, log.entries().size());
    }

    @Test
    void theSystemClockReallyHasNanoseconds() {
        // JDK 15+ reads CLOCK_REALTIME with clock_gettime on Linux; before that Clock.systemUTC() had microseconds.
        Clock c = Clock.systemUTC();
        Set<Integer> subMicro = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            subMicro.add(c.instant().getNano() % 1000);
        }
        assertTrue(subMicro.size() > 10, "sub-microsecond digits seen: " + subMicro);
        assertTrue(Math.abs(new CallLog().now().toEpochMilli() - System.currentTimeMillis()) < 1000);
    }

    /** Every bundled recording reads and writes back to the same bytes: the writer's format has not moved. */
    @Test
    void bundledCallLogsRoundTripByteForByte() throws IOException {
        List<java.nio.file.Path> logs;
        try (var s = java.nio.file.Files.list(io.wirebook.TestCaptures.get("scenarios"))) {
            logs = s.filter(f -> f.getFileName().toString().endsWith(".calls.jsonl")).sorted().toList();
        }
        assertTrue(logs.size() >= 10, "bundled call logs: " + logs);
        for (java.nio.file.Path f : logs) {
            String text = java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(text, CallLog.parseJsonLines(text).toJsonLines(), f.toString());
        }
    }
}
