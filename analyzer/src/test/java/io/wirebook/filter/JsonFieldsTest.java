package io.wirebook.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.JsonlPacketWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The fields spelled as {@code read --format jsonl} spells them (and those only Wirebook has) keep exactly
 * the packets whose JSON object says so, on every frame of every bundled capture: the JSON writer is the
 * oracle here, a second reading of the same packet by other code. Each expression keeps some frames and
 * leaves out others somewhere in the bundle.
 */
class JsonFieldsTest {
    private static final Map<String, Predicate<JsonNode>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("tcp.flags has SYN", o -> has(o.path("tcp").path("flags"), "SYN"));
        CASES.put("tcp.flags has RES or tcp.flags has ae", o -> has(o.path("tcp").path("flags"), "RES") || has(o.path("tcp").path("flags"), "AE"));
        CASES.put("tcp.analysis", o -> o.path("tcp").path("analysis").size() > 0);
        CASES.put("tcp.analysis has duplicate_ack", o -> has(o.path("tcp").path("analysis"), "duplicate_ack"));
        CASES.put("tcp.analysis has retransmission", o -> has(o.path("tcp").path("analysis"), "retransmission"));
        CASES.put("tcp.states", o -> o.path("tcp").has("states"));
        CASES.put("tcp.states has TIME_WAIT", o -> states(o).contains("TIME_WAIT"));
        CASES.put("tcp.states has FIN_WAIT_2", o -> states(o).contains("FIN_WAIT_2"));
        CASES.put("tcp.side == server", o -> o.path("tcp").path("side").asText().equals("server"));
        CASES.put("tcp.options has sack", o -> options(o).contains("sack"));
        CASES.put("tcp.options has TS and not tcp.options has nop", o -> options(o).contains("TS") && !options(o).contains("nop"));
        CASES.put("tcp.options has tfo", o -> options(o).contains("tfo"));
        CASES.put("tcp.options has mptcp", o -> options(o).contains("mptcp"));
        CASES.put("tcp.options has exp", o -> options(o).contains("exp"));
        CASES.put("proto == udp", o -> o.path("proto").asText().equals("udp"));
        CASES.put("proto in {icmp, icmpv6}", o -> o.path("proto").asText().startsWith("icmp"));
        CASES.put("proto != tcp and proto != udp", o -> !o.path("proto").asText().equals("tcp") && !o.path("proto").asText().equals("udp"));
        CASES.put("malformed", o -> !o.path("malformed").isNull());
        CASES.put("malformed.layer == tcp", o -> o.path("malformed").path("layer").asText().equals("tcp"));
        CASES.put("truncated", o -> o.path("truncated").asBoolean(false));
        CASES.put("fragment == first", o -> o.path("fragment").asText().equals("first"));
        CASES.put("fragment", o -> o.has("fragment"));
        CASES.put("src == 127.0.0.1", o -> o.path("src").asText().equals("127.0.0.1"));
        CASES.put("dst == ::1", o -> o.path("dst").asText().equals("::1"));
        CASES.put("src == 192.168.0.0/16", o -> o.path("src").asText().startsWith("192.168."));
        CASES.put("sport == 53 or dport == 53", o -> o.path("sport").asInt(-1) == 53 || o.path("dport").asInt(-1) == 53);
        CASES.put("sport", o -> !o.path("sport").isNull());
        CASES.put("ttl < 64 and ip_len > 1000", o -> o.has("ttl") && o.path("ttl").asInt() < 64 && o.path("ip_len").asInt() > 1000);
        CASES.put("ip_version == 6", o -> o.path("ip_version").asInt() == 6);
        CASES.put("link == LINUX_SLL2", o -> o.path("link").asText().equals("LINUX_SLL2"));
        CASES.put("frame > 10 and len < 100 and caplen < 80", o -> o.path("frame").asLong() > 10 && o.path("len").asLong() < 100
                && o.path("caplen").asLong() < 80);
        CASES.put("interface > 0", o -> o.path("interface").asInt(-1) > 0);
        CASES.put("tcp.stream == 2", o -> o.path("tcp").path("stream").asInt(-1) == 2);
        CASES.put("tcp.win > 65535", o -> o.path("tcp").path("win").asLong(-1) > 65535);
        CASES.put("tcp.win_raw < 100", o -> o.path("tcp").has("win_raw") && o.path("tcp").path("win_raw").asLong() < 100);
        CASES.put("tcp.nxtseq > 1000", o -> o.path("tcp").path("nxtseq").asLong(-1) > 1000);
        CASES.put("tcp.seq_raw < 100000", o -> o.path("tcp").has("seq_raw") && o.path("tcp").path("seq_raw").asLong() < 100000);
        CASES.put("udp.len > 100 and not (icmp or icmpv6)", o -> o.path("udp").path("len").asInt(-1) > 100);
        CASES.put("tcp.dup_ack_num >= 2", o -> o.path("tcp").path("dup_ack_num").asLong(-1) >= 2);
        CASES.put("tcp.dup_ack_of", o -> o.path("tcp").has("dup_ack_of"));
        CASES.put("tcp.acks_frame > 100", o -> o.path("tcp").path("acks_frame").asLong(-1) > 100);
        CASES.put("tcp.ack_rtt > 0.001", o -> seconds(o, "ack_rtt", "0.001"));
        CASES.put("tcp.initial_rtt >= 0.0001", o -> o.path("tcp").has("initial_rtt")
                && new BigDecimal(o.path("tcp").path("initial_rtt").asText()).compareTo(new BigDecimal("0.0001")) >= 0);
        CASES.put("tcp.bytes_in_flight > 10000", o -> o.path("tcp").path("bytes_in_flight").asLong(-1) > 10000);
        CASES.put("tcp.push_bytes_sent > 1000", o -> o.path("tcp").path("push_bytes_sent").asLong(-1) > 1000);
        CASES.put("tcp.repeats_frame", o -> o.path("tcp").has("repeats_frame"));
        CASES.put("tcp.repeats_after > 0.2", o -> seconds(o, "repeats_after", "0.2"));
        CASES.put("tcp.first_sent_frame", o -> o.path("tcp").has("first_sent_frame"));
    }

    @Test
    void jsonNamedFieldsKeepThePacketsWhoseJsonSaysSo() throws Exception {
        Map<String, DisplayFilter> filters = new LinkedHashMap<>();
        for (String e : CASES.keySet()) {
            filters.put(e, DisplayFilter.compile(e));
        }
        Map<String, long[]> keptAndLeft = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        long frames = 0;
        for (Path capture : BundledCaptures.all()) {
            PacketPipeline pipeline = new PacketPipeline();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            JsonlPacketWriter json = new JsonlPacketWriter(line);
            Frame f = new Frame();
            try (FrameSource src = CaptureFiles.open(capture.toString())) {
                while (src.next(f)) {
                    PacketResult r = pipeline.next(f);
                    line.reset();
                    json.write(r);
                    json.flush();
                    JsonNode o = StrictJson.tree(line.toString(StandardCharsets.UTF_8));
                    frames++;
                    for (Map.Entry<String, DisplayFilter> e : filters.entrySet()) {
                        boolean ours = e.getValue().test(r);
                        boolean expected = CASES.get(e.getKey()).test(o);
                        keptAndLeft.computeIfAbsent(e.getKey(), k -> new long[2])[expected ? 0 : 1]++;
                        if (ours != expected && wrong.size() < 20) {
                            wrong.add(capture.getFileName() + " frame " + f.number + ": " + e.getKey() + " gave " + ours);
                        }
                    }
                }
            } catch (CaptureFormatException damagedPartWay) {
                // the frames before the damage were compared
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(frames > 3000, "frames compared: " + frames);
        for (Map.Entry<String, long[]> e : keptAndLeft.entrySet()) {
            assertTrue(e.getValue()[0] > 0 && e.getValue()[1] > 0,
                    e.getKey() + " must keep some frames and leave out others: kept " + e.getValue()[0]);
        }
    }

    private static boolean has(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> states(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.path("tcp").path("states").forEach(s -> out.add(s.asText()));
        o.path("tcp").path("state_path").forEach(path -> path.forEach(s -> out.add(s.asText())));
        return out;
    }

    private static List<String> options(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.path("tcp").path("options").forEach(opt -> out.add(opt.path("kind").asText()));
        return out;
    }

    private static boolean seconds(JsonNode o, String field, String than) {
        JsonNode v = o.path("tcp").path(field);
        return !v.isMissingNode() && new BigDecimal(v.asText()).compareTo(new BigDecimal(than)) > 0;
    }
}
