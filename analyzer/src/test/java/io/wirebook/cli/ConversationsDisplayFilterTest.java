package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.TestCaptures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code conversations -Y EXPR}: the rows of the connections and flows that have at least one packet
 * {@code read -Y EXPR} keeps, each the very row of the unfiltered output. The packets come from
 * {@code read}; the TCP rows are matched by stream number, the UDP rows by their two endpoints.
 */
class ConversationsDisplayFilterTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            scenarios/tw-buckets.pcapng => tcp.stream in {1, 3}
            scenarios/tw-buckets.pcapng => tcp.flags.reset == 1
            scenarios/ephemeral-ports.pcapng => tcp.stream >= 2 and tcp.flags.fin == 1
            third-party/wireshark/dns+icmp.pcapng => udp.srcport == 53 and frame.number > 12
            third-party/wireshark/many_interfaces-1.pcapng => udp.port == 443 or tcp.stream == 1 or frame.number in {5, 11}
            """)
    void listsTheConnectionsWithAPacketTheFilterKeeps(String capture, String expression) {
        String file = TestCaptures.get(capture).toString();
        List<JsonNode> all = StrictJson.lines(CliRunner.run("conversations", "-F", "jsonl", file).stdout);
        Set<Integer> streams = new HashSet<>();
        Set<String> udp = new HashSet<>();
        for (JsonNode p : StrictJson.lines(CliRunner.run("read", "-F", "jsonl", "-Y", expression, file).stdout)) {
            if (p.has("tcp")) {
                streams.add(p.path("tcp").path("stream").asInt());
            } else if (p.path("proto").asText().equals("udp")) {
                udp.add(pair(p.path("src").asText() + ":" + p.path("sport").asInt(), p.path("dst").asText() + ":" + p.path("dport").asInt()));
            }
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode row : all) {
            boolean tcp = row.path("proto").asText().equals("tcp");
            String ends = pair(endpoint(row.path("a")), endpoint(row.path("b")));
            if (tcp ? streams.contains(row.path("stream").asInt()) : udp.contains(ends)) {
                expected.add(row.toString());
            }
        }
        CliRunner r = CliRunner.run("conversations", "-F", "jsonl", "-Y", expression, file);
        assertEquals(0, r.exitCode, r.stderr);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : StrictJson.lines(r.stdout)) {
            rows.add(row.toString());
        }
        assertEquals(expected, rows);
        assertTrue(!rows.isEmpty() && rows.size() < all.size(), "rows: " + rows.size() + " of " + all.size());
    }

    private static String endpoint(JsonNode e) {
        return e.path("addr").asText() + ":" + e.path("port").asInt();
    }

    private static String pair(String x, String y) {
        return x.compareTo(y) < 0 ? x + " " + y : y + " " + x;
    }
}
