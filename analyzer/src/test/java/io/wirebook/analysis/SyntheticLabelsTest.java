package io.wirebook.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.TestCaptures;
import io.wirebook.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generator's own labels of the anomalies it injected into {@code synthetic/gen60k.pcap} (RTO
 * retransmissions, out-of-order, loss with duplicate ACKs and fast retransmission) are all found.
 */
class SyntheticLabelsTest {
    @Test
    void everyInjectedAnomalyIsFound() throws IOException {
        Path capture = TestCaptures.get("synthetic/gen60k.pcap");
        Map<Long, List<String>> labels = new HashMap<>();
        for (String line : Files.readAllLines(TestCaptures.get("synthetic/gen60k.labels"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                labels.computeIfAbsent(Long.parseLong(f[0]), k -> new ArrayList<>()).add(f[1]);
            }
        }
        assertTrue(labels.size() > 600, "labels: " + labels.size());
        CliRunner r = CliRunner.run("read", "--format", "jsonl", capture.toString());
        assertEquals(0, r.exitCode, r.stderr);
        List<String> missing = new ArrayList<>();
        Map<String, Integer> found = new HashMap<>();
        for (String line : r.stdout.split("\n")) {
            int at = line.indexOf("\"frame\":");
            long frame = Long.parseLong(line.substring(at + 8, line.indexOf(',', at)));
            List<String> want = labels.get(frame);
            if (want == null) {
                continue;
            }
            JsonNode analysis = StrictJson.tree(line).path("tcp").path("analysis");
            for (String label : want) {
                boolean hit = false;
                for (JsonNode n : analysis) {
                    hit |= n.asText().equals(label);
                }
                if (hit) {
                    found.merge(label, 1, Integer::sum);
                } else {
                    missing.add(frame + " " + label + " (ours: " + analysis + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), "labels not found: " + missing);
        assertTrue(found.getOrDefault("retransmission", 0) >= 20, "RTO retransmissions: " + found);
        System.out.println("synthetic labels found: " + found);
    }
}
