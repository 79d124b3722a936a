package io.wirebook.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.TestCaptures;
import io.wirebook.cli.CliRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux's zero-window probes (seq = snd_una - 1, no data, sent while the peer's window is 0): tshark 4.0
 * calls them keep-alives, and so does {@code analysis}; Wirebook adds {@code probe: zero_window} and says
 * in the note that they are probes (see analyzer/docs/expert-analysis.md). A real keep-alive, on an idle
 * connection with an open window, stays a keep-alive.
 */
class ZeroWindowProbeTest {
    private static List<JsonNode> read(String capture) throws Exception {
        CliRunner r = CliRunner.run("read", "--format", "jsonl", TestCaptures.get(capture).toString());
        return StrictJson.lines(r.stdout);
    }

    @Test
    void linuxZeroWindowProbesAreMarkedAsProbes() throws Exception {
        List<JsonNode> frames = read("kernel/zero_window.pcap");
        List<Long> probes = new ArrayList<>();
        for (JsonNode f : frames) {
            if ("zero_window".equals(f.path("tcp").path("probe").asText(null))) {
                probes.add(f.get("frame").asLong());
                assertTrue(f.get("tcp").get("analysis").toString().contains("keep_alive"), "tshark's name is kept");
                assertTrue(f.get("note").asText().contains("zero-window probe"), f.get("note").asText());
            }
        }
        assertEquals(List.of(8L, 10L, 11L), probes.subList(0, 3), "the three probes of the first stall");
    }

    @Test
    void realKeepAlivesStayKeepAlives() throws Exception {
        for (JsonNode f : read("kernel/keepalive.pcapng")) {
            JsonNode tcp = f.path("tcp");
            if (tcp.path("analysis").toString().contains("\"keep_alive\"")) {
                assertTrue(tcp.path("probe").isMissingNode(), "frame " + f.get("frame"));
                assertTrue(f.get("note").asText().contains("keep-alive: repeats"), f.get("note").asText());
            }
        }
    }
}
