package io.wirebook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirebook.TestCaptures;
import io.wirebook.cli.CliRunner;
import org.junit.jupiter.api.Test;

/**
 * A real D-SACK: frame 39 of Wireshark's http2-data-reassembly.pcap acknowledges up to 77484 with the SACK
 * block 77446-77484, which lies below the ack. tshark -V shows "D-SACK Left Edge = 77446 (relative)" and
 * "D-SACK Right Edge = 77484 (relative)" (tcp.options.sack.dsack); the JSON and the note say it too.
 */
class DsackCaptureTest {
    @Test
    void theJsonMarksTheBlockAsADsackAndTheNoteCallsItADuplicateReport() throws Exception {
        String capture = TestCaptures.get("third-party/wireshark/http2-data-reassembly.pcap").toString();
        String line = CliRunner.run("read", "--format", "jsonl", capture).stdout.split("\n")[38];
        JsonNode p = new ObjectMapper().readTree(line);
        assertEquals(39, p.get("frame").asInt());
        JsonNode sack = null;
        for (JsonNode o : p.get("tcp").get("options")) {
            if (o.get("kind").asText().equals("sack")) {
                sack = o;
            }
        }
        assertEquals("[[77446,77484]]", sack.get("blocks").toString());
        assertTrue(sack.get("dsack").asBoolean(), sack.toString());
        assertEquals("ACK: acknowledges everything before byte 77484; D-SACK: stream bytes 77446-77483 arrived twice"
                + " (a duplicate report, RFC 2883, not data past a hole)", p.get("note").asText());
    }
}
