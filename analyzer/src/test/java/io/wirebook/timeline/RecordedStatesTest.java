package io.wirebook.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirebook.calls.Recording;
import io.wirebook.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The states that every output path shows for two frozen recordings of real loopback traffic (kernel
 * 6.18): {@code simultaneous-close}, whose FINs crossed (frame 9, the server's FIN, acks 7: it was sent
 * before the client's FIN of frame 8 arrived), and {@code refused}, a SYN to a port with no socket.
 */
class RecordedStatesTest {
    private static final Path SCENARIOS = Path.of("../captures/scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> stateChanges(String scenario) throws Exception {
        Recording r = Recording.load(SCENARIOS, scenario);
        List<String> out = new ArrayList<>();
        for (TimelineEvent e : TimelineBuilder.build(r.frames(), r.log()).events()) {
            if (e instanceof TimelineEvent.StateChange s) {
                out.add(s.side().wireName() + " " + s.from() + "->" + s.to() + "@" + s.frame());
            }
        }
        return out;
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Test
    void aSimultaneousCloseTakesEachSideThroughFinWait1AndClosingNeverCloseWait() throws Exception {
        List<String> changes = stateChanges("simultaneous-close");
        assertEquals(List.of("client ESTABLISHED->FIN_WAIT_1@8", "client FIN_WAIT_1->CLOSING@9",
                "server ESTABLISHED->FIN_WAIT_1@9", "server FIN_WAIT_1->CLOSING@9",
                "server CLOSING->TIME_WAIT@10", "client CLOSING->TIME_WAIT@11"), changes.subList(4, changes.size()));
        for (String c : changes) {
            assertFalse(c.contains("CLOSE_WAIT"), c);
        }
    }

    @Test
    void readShowsTheCrossedFinsInTheNoteAndTheJson() throws Exception {
        String capture = SCENARIOS.resolve("simultaneous-close.pcapng").toString();
        String[] lines = CliRunner.run("read", capture).stdout.split("\n");
        assertTrue(lines[7].endsWith("FIN: this side has no more data to send; acknowledges up to 7; client enters FIN_WAIT_1"),
                lines[7]);
        assertTrue(lines[8].endsWith("FIN: this side has no more data to send; acknowledges up to 7; the FINs crossed"
                + " (a simultaneous close): sent before the other side's FIN arrived, which its ack does not cover;"
                + " client enters CLOSING, server enters FIN_WAIT_1 then CLOSING"), lines[8]);
        List<JsonNode> j = jsonLines(CliRunner.run("read", "--format", "jsonl", capture).stdout);
        JsonNode fin1 = j.get(7).get("tcp"), fin2 = j.get(8).get("tcp");
        assertEquals("{\"client\":\"FIN_WAIT_1\"}", fin1.get("states").toString());
        assertNull(fin1.get("state_path"));
        assertEquals("{\"client\":\"CLOSING\",\"server\":\"CLOSING\"}", fin2.get("states").toString());
        assertEquals("{\"server\":[\"FIN_WAIT_1\",\"CLOSING\"]}", fin2.get("state_path").toString());
    }

    @Test
    void aRefusedSynsPortGetsNoStateAnywhere() throws Exception {
        assertEquals(List.of("client CLOSED->SYN_SENT@1", "client SYN_SENT->CLOSED@2"), stateChanges("refused"));
        String capture = SCENARIOS.resolve("refused.pcapng").toString();
        String rst = CliRunner.run("read", capture).stdout.split("\n")[1];
        assertTrue(rst.endsWith("RST: refuses or aborts the connection at once; no more data either way; client enters CLOSED"),
                rst);
        JsonNode rstJson = jsonLines(CliRunner.run("read", "--format", "jsonl", capture).stdout).get(1).get("tcp");
        assertEquals("{\"client\":\"CLOSED\"}", rstJson.get("states").toString());
        String[] ladder = CliRunner.run("timeline", "--width", "0", capture).stdout.split("\n");
        assertEquals("    2   0.000014        CLOSED |<-- [R.] seq 1 ack 1 win 0 len 0 -------------------|", ladder[4],
                "nothing in the server's margin");
        JsonNode conv = jsonLines(CliRunner.run("conversations", "--format", "jsonl", capture).stdout).get(0);
        assertEquals("{\"client\":\"CLOSED\",\"server\":\"NO_SOCKET\"}", conv.get("states").toString());
        assertEquals("REJ", conv.get("conn_state").asText());
    }

    @Test
    void aServerWhoseHandshakeAckNeverArrivedIsNeverShownEstablished() throws Exception {
        // synack-retries: the lab dropped every pure ACK to the server; its kernel kept a SYN_RECV request
        // socket (the /proc line in the log) and resent the SYN/ACK 5 times.
        List<String> server = stateChanges("synack-retries").stream().filter(c -> c.startsWith("server")).toList();
        assertEquals(List.of("server LISTEN->SYN_RECEIVED@2", "server SYN_RECEIVED->CLOSED@15"), server);
        String capture = SCENARIOS.resolve("synack-retries.pcapng").toString();
        JsonNode resent = jsonLines(CliRunner.run("read", "--format", "jsonl", capture).stdout).get(3).get("tcp");
        assertEquals("{\"side\":\"server\",\"why\":\"syn_again\",\"was\":\"SYN_RECEIVED\","
                + "\"withdrawn\":[{\"frame\":3,\"state\":\"ESTABLISHED\"}]}", resent.get("state_revised").toString());
        String frame4 = CliRunner.run("timeline", "--width", "0", capture).stdout.lines().filter(l -> l.startsWith("    4 ")).findFirst().orElseThrow();
        assertTrue(frame4.endsWith("| SYN_RECEIVED"), "the text ladder names the state frame 4 shows: " + frame4);
    }

    @Test
    void aClientDestroyedForWantOfATimeWaitBucketNeverEntersTimeWait() throws Exception {
        // tw-buckets: /proc shows clients 3 to 5 gone before the server's FIN; their kernel answers it with
        // a RST without ACK (frames 21, 28, 35).
        List<String> client = stateChanges("tw-buckets").stream().filter(c -> c.startsWith("client")).toList();
        assertEquals(2, client.stream().filter(c -> c.contains("->TIME_WAIT@")).count(), client.toString());
        for (int rst : new int[] {21, 28, 35}) {
            assertTrue(client.contains("client FIN_WAIT_2->CLOSED@" + rst), client.toString());
            assertFalse(client.contains("client FIN_WAIT_2->TIME_WAIT@" + (rst - 1)), client.toString());
        }
        JsonNode j = jsonLines(CliRunner.run("read", "--format", "jsonl",
                SCENARIOS.resolve("tw-buckets.pcapng").toString()).stdout).get(20).get("tcp");
        assertEquals(20, j.get("rst_answers_frame").asInt());
        assertEquals("no_connection", j.get("state_revised").get("why").asText());
        assertEquals("FIN_WAIT_2", j.get("state_revised").get("was").asText());
    }

    @Test
    void closingAListenerTheKernelBoundResetsItsQueuedConnection() throws Exception {
        // listen-autobind: listen() without bind() (the kernel picks the port, on every address); nobody
        // accepts; close(listener) resets the queued connection.
        Recording r = Recording.load(SCENARIOS, "listen-autobind");
        List<TimelineEvent.PacketSeen> ps = TimelineBuilder.build(r.frames(), r.log()).packets();
        TimelineEvent.PacketSeen rst = ps.get(ps.size() - 1);
        assertEquals("listener", rst.cause().call().sock());
        assertEquals("close", rst.cause().call().call());
    }
}
