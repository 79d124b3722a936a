package io.wirebook.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.TestCaptures;
import io.wirebook.cli.CliRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled capture, decoded by {@code wirebook read --format jsonl}, against tshark 4.0's fields
 * for the same file (made by {@code captures/third-party/regen-tshark-references.sh}). Every TCP, UDP and
 * ICMP frame must agree field by field, or the difference must be listed with its reason in
 * {@code tshark-exceptions.tsv}; an exception that no longer happens fails too, so the list stays true.
 */
class TsharkAgreementTest {
    /** tshark expert messages that say a header is damaged (not just unusual). */
    private static final java.util.regex.Pattern DAMAGE = java.util.regex.Pattern.compile(
            "Bogus|exceeds (packet|framing) length|length exceeds|Bad length");
    private static final Exceptions EXCEPTIONS = Exceptions.load();
    private static long framesCompared;
    private static long fieldsCompared;
    /** TCP frames whose analysis flags were compared, and how many of them agreed. */
    private static long tcpFrames;
    private static long tcpFramesAgreeing;
    /** tshark's analysis flags, as our JSONL names them. */
    static final String[] FLAGS = {"reused_ports", "retransmission", "fast_retransmission", "spurious_retransmission",
            "out_of_order", "lost_segment", "ack_lost_segment", "window_update", "window_full", "keep_alive",
            "keep_alive_ack", "duplicate_ack", "zero_window_probe", "zero_window", "zero_window_probe_ack"};

    static Stream<Path> captures() {
        return TestCaptures.withTsharkReference().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void agreesWithTshark(Path capture) throws IOException {
        String name = TestCaptures.name(capture);
        TsharkFields ref = TsharkFields.read(TestCaptures.reference(capture, "tshark-fields.tsv"));
        CliRunner r = CliRunner.run("read", "--format", "jsonl", capture.toString());
        List<JsonNode> ours = StrictJson.lines(r.stdout);
        List<String> diffs = new ArrayList<>();
        if (ours.size() != ref.rows.size()) {
            diffs.add(name + "\t*\tframe_count\tours=" + ours.size() + " tshark=" + ref.rows.size());
        }
        for (int i = 0; i < Math.min(ours.size(), ref.rows.size()); i++) {
            compareFrame(name, ours.get(i), ref.rows.get(i), ref.columns, diffs);
        }
        List<String> unexplained = new ArrayList<>();
        for (String d : diffs) {
            if (!EXCEPTIONS.explains(d)) {
                unexplained.add(d);
            }
        }
        List<String> stale = EXCEPTIONS.staleFor(name, diffs);
        if (!unexplained.isEmpty() || !stale.isEmpty()) {
            fail("differences from tshark in " + name + " (capture, frame, field, values):\n  "
                    + String.join("\n  ", unexplained)
                    + (stale.isEmpty() ? "" : "\nexceptions that no longer happen:\n  " + String.join("\n  ", stale))
                    + "\nstderr: " + r.stderr);
        }
        assertTrue(r.exitCode == 0 || r.exitCode == 2, "exit code " + r.exitCode + ": " + r.stderr);
    }

    @AfterAll
    static void summary() {
        System.out.println("tshark agreement: " + framesCompared + " frames, " + fieldsCompared + " fields compared");
        System.out.printf("tshark analysis-flag agreement: %d of %d TCP frames (%.3f%%)%n", tcpFramesAgreeing, tcpFrames,
                tcpFrames == 0 ? 100.0 : 100.0 * tcpFramesAgreeing / tcpFrames);
    }

    /** Our analysis names for a frame, sorted and joined with '|' (null when there are none). */
    static String ourFlags(JsonNode tcp) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : tcp.path("analysis")) {
            names.add(n.asText());
        }
        java.util.Collections.sort(names);
        return names.isEmpty() ? null : String.join("|", names);
    }

    /** tshark's tcp.analysis flags for a frame, sorted and joined with '|' (null when there are none). */
    static String tsharkFlags(Map<String, String> t) {
        List<String> names = new ArrayList<>();
        for (String f : FLAGS) {
            if (t.containsKey("tcp.analysis." + f)) {
                names.add(f);
            }
        }
        java.util.Collections.sort(names);
        return names.isEmpty() ? null : String.join("|", names);
    }

    private static void compareFrame(String cap, JsonNode o, Map<String, String> t, java.util.Set<String> columns,
            List<String> diffs) {
        framesCompared++;
        String frame = t.get("frame.number");
        Cmp c = new Cmp(cap, frame, diffs);
        c.eq("frame", text(o, "frame"), frame);
        c.eq("ts", text(o, "ts"), t.get("frame.time_epoch"));
        c.eq("len", text(o, "len"), t.get("frame.len"));
        c.eq("caplen", text(o, "caplen"), t.get("frame.cap_len"));
        c.eq("interface", text(o, "interface"), t.get("frame.interface_id"));

        String tSrc = firstOf(t, "ip.src", "ipv6.src");
        String tDst = firstOf(t, "ip.dst", "ipv6.dst");
        // Only compare addresses when tshark's first IP layer is the outermost one we decode.
        if (tSrc != null || !o.path("src").isNull()) {
            c.eq("src", text(o, "src"), tSrc);
            c.eq("dst", text(o, "dst"), tDst);
        }
        String proto = text(o, "proto");
        String tProto = tsharkTransport(t);
        boolean damaged = headerDamage(t.get("_ws.malformed")) || !t.get("frame.cap_len").equals(t.get("frame.len"))
                || DAMAGE.matcher(t.getOrDefault("_ws.expert.message", "")).find();
        boolean oursDamaged = !o.path("malformed").isNull() || o.path("truncated").asBoolean(false);
        c.eq("damaged", String.valueOf(oursDamaged), String.valueOf(damaged));
        if (tProto != null || "tcp".equals(proto) || "udp".equals(proto) || "icmp".equals(proto) || "icmpv6".equals(proto)) {
            c.eq("proto", proto, tProto);
        }
        if ("icmp".equals(tProto) || "icmpv6".equals(tProto)) {
            String v = "icmp".equals(tProto) ? "icmp" : "icmpv6";
            c.eq("icmp.type", text(o.path("icmp"), "type"), TsharkFields.first(t, v + ".type"));
            c.eq("icmp.code", text(o.path("icmp"), "code"), TsharkFields.first(t, v + ".code"));
            // tshark dissects the quoted header: its ports are the quoted datagram's.
            JsonNode inner = o.path("icmp").path("inner");
            String tPort = firstOf(t, "tcp.srcport", "udp.srcport");
            if (tPort != null || inner.has("sport")) {
                c.eq("icmp.inner.sport", text(inner, "sport"), tPort);
                c.eq("icmp.inner.dport", text(inner, "dport"), firstOf(t, "tcp.dstport", "udp.dstport"));
            }
            String tInnerSrc = TsharkFields.last(t, t.containsKey("ip.src") ? "ip.src" : "ipv6.src");
            if (inner.has("src") && tInnerSrc != null && t.getOrDefault("ip.src", t.getOrDefault("ipv6.src", "")).contains("|")) {
                c.eq("icmp.inner.src", text(inner, "src"), tInnerSrc);
            }
            return;
        }
        if ("tcp".equals(tProto) || "udp".equals(tProto)) {
            c.eq("sport", text(o, "sport"), firstOf(t, "tcp.srcport", "udp.srcport"));
            c.eq("dport", text(o, "dport"), firstOf(t, "tcp.dstport", "udp.dstport"));
        }
        if ("udp".equals(tProto)) {
            c.eq("udp.len", text(o.path("udp"), "len"), TsharkFields.first(t, "udp.length"));
        }
        if ("tcp".equals(tProto) && t.containsKey("tcp.flags")) {
            JsonNode tcp = o.path("tcp");
            c.eq("tcp.stream", text(tcp, "stream"), TsharkFields.first(t, "tcp.stream"));
            c.eq("tcp.flags", text(tcp, "flags_hex"), TsharkFields.first(t, "tcp.flags"));
            c.eq("tcp.flag_names", flagsHex(tcp.path("flags")), names(TsharkFields.first(t, "tcp.flags")));
            c.eq("tcp.seq_raw", text(tcp, "seq_raw"), TsharkFields.first(t, "tcp.seq_raw"));
            c.eq("tcp.ack_raw", text(tcp, "ack_raw"), TsharkFields.first(t, "tcp.ack_raw"));
            c.eq("tcp.seq", text(tcp, "seq"), TsharkFields.first(t, "tcp.seq"));
            if (t.containsKey("tcp.ack")) {
                c.eq("tcp.ack", text(tcp, "ack"), TsharkFields.first(t, "tcp.ack"));
            }
            c.eq("tcp.nxtseq", text(tcp, "nxtseq"), TsharkFields.first(t, "tcp.nxtseq"));
            c.eq("tcp.len", text(tcp, "len"), TsharkFields.first(t, "tcp.len"));
            c.eq("tcp.hdr_len", text(tcp, "hdr_len"), TsharkFields.first(t, "tcp.hdr_len"));
            c.eq("tcp.win_raw", text(tcp, "win_raw"), TsharkFields.first(t, "tcp.window_size_value"));
            c.eq("tcp.win", text(tcp, "win"), TsharkFields.first(t, "tcp.window_size"));
            c.eq("tcp.mss", option(tcp, "mss", "value"), TsharkFields.first(t, "tcp.options.mss_val"));
            c.eq("tcp.wscale", option(tcp, "wscale", "shift"), TsharkFields.first(t, "tcp.options.wscale.shift"));
            c.eq("tcp.sack_perm", option(tcp, "sackOK", null), t.containsKey("tcp.options.sack_perm") ? "1" : null);
            c.eq("tcp.ts_val", option(tcp, "TS", "val"), TsharkFields.first(t, "tcp.options.timestamp.tsval"));
            c.eq("tcp.ts_ecr", option(tcp, "TS", "ecr"), TsharkFields.first(t, "tcp.options.timestamp.tsecr"));
            c.eq("tcp.sack_le", sack(tcp, 0), t.get("tcp.options.sack_le"));
            c.eq("tcp.sack_re", sack(tcp, 1), t.get("tcp.options.sack_re"));
            String ourFlags = ourFlags(tcp), theirFlags = tsharkFlags(t);
            tcpFrames++;
            if (ourFlags == null ? theirFlags == null : ourFlags.equals(theirFlags)) {
                tcpFramesAgreeing++;
            }
            c.eq("tcp.analysis", ourFlags, theirFlags);
            c.eq("tcp.analysis.duplicate_ack_num", text(tcp, "dup_ack_num"),
                    TsharkFields.first(t, "tcp.analysis.duplicate_ack_num"));
            if (columns.contains("tcp.analysis.ack_rtt")) {
                c.eq("tcp.analysis.ack_rtt", text(tcp, "ack_rtt"), TsharkFields.first(t, "tcp.analysis.ack_rtt"));
                c.eq("tcp.analysis.bytes_in_flight", text(tcp, "bytes_in_flight"),
                        TsharkFields.first(t, "tcp.analysis.bytes_in_flight"));
            }
        }
    }

    /**
     * Whether tshark found a header we decode damaged. Application dissectors (AFS, SIP...) and TCP
     * reassembly report their own "malformed" items; Wirebook decodes up to the transport layer and does
     * not reassemble streams, so those are not compared.
     */
    private static boolean headerDamage(String malformed) {
        if (malformed == null) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(Malformed Packet|Reassembly error, protocol)[: ]+([^\\]]*)\\]").matcher(malformed);
        boolean anyBracket = false;
        while (m.find()) {
            anyBracket = true;
            if (m.group(1).startsWith("Malformed") && OUR_LAYERS.matcher(m.group(2)).matches()) {
                return true;
            }
        }
        return !anyBracket;
    }

    private static final java.util.regex.Pattern OUR_LAYERS = java.util.regex.Pattern.compile(
            "(IPv4|IPv6|IPv6 .*|TCP|MPTCP|UDP|ICMP|ICMPv6|Ethernet|Linux cooked.*|802\\.1Q.*|Null/Loopback)");

    /** tshark's outermost transport: ICMP first (its quote adds inner TCP/UDP fields), then TCP, UDP. */
    private static String tsharkTransport(Map<String, String> t) {
        if (t.containsKey("icmp.type")) return "icmp";
        if (t.containsKey("icmpv6.type")) return "icmpv6";
        if (t.containsKey("tcp.srcport")) return "tcp";
        if (t.containsKey("udp.srcport")) return "udp";
        return null;
    }

    private static String firstOf(Map<String, String> t, String a, String b) {
        String v = TsharkFields.first(t, a);
        return v != null ? v : TsharkFields.first(t, b);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String flagsHex(JsonNode flags) {
        if (!flags.isArray()) {
            return null;
        }
        int v = 0;
        for (JsonNode f : flags) {
            switch (f.asText()) {
                case "RES": v |= 0xE00; break;
                case "AE": v |= 0x100; break;
                case "CWR": v |= 0x80; break;
                case "ECE": v |= 0x40; break;
                case "URG": v |= 0x20; break;
                case "ACK": v |= 0x10; break;
                case "PSH": v |= 0x08; break;
                case "RST": v |= 0x04; break;
                case "SYN": v |= 0x02; break;
                case "FIN": v |= 0x01; break;
                default: throw new IllegalArgumentException(f.asText());
            }
        }
        return String.format("0x%04x", v);
    }

    /** tshark's flag value with every reserved bit widened to all three, as our "RES" name covers them. */
    private static String names(String hex) {
        if (hex == null) {
            return null;
        }
        int v = Integer.decode(hex);
        if ((v & 0xE00) != 0) {
            v |= 0xE00;
        }
        return String.format("0x%04x", v);
    }

    private static String option(JsonNode tcp, String kind, String field) {
        for (JsonNode opt : tcp.path("options")) {
            if (kind.equals(opt.path("kind").asText())) {
                return field == null ? "1" : text(opt, field);
            }
        }
        return null;
    }

    private static String sack(JsonNode tcp, int edge) {
        List<String> out = new ArrayList<>();
        for (JsonNode opt : tcp.path("options")) {
            if ("sack".equals(opt.path("kind").asText())) {
                for (JsonNode block : opt.path("blocks")) {
                    out.add(block.get(edge).asText());
                }
            }
        }
        return out.isEmpty() ? null : String.join("|", out);
    }

    /** Collects differences as "capture TAB frame TAB field TAB ours=.. tshark=..". */
    private static final class Cmp {
        final String cap, frame;
        final List<String> diffs;

        Cmp(String cap, String frame, List<String> diffs) {
            this.cap = cap;
            this.frame = frame;
            this.diffs = diffs;
        }

        void eq(String field, String ours, String theirs) {
            fieldsCompared++;
            if (ours == null ? theirs != null : !ours.equals(theirs)) {
                diffs.add(cap + "\t" + frame + "\t" + field + "\tours=" + ours + " tshark=" + theirs);
            }
        }
    }

    /**
     * {@code tshark-exceptions.tsv}: capture, frame (or *), field, reason. Each line explains one known,
     * deliberate difference.
     */
    static final class Exceptions {
        final List<String[]> rows = new ArrayList<>();

        static Exceptions load() {
            Exceptions e = new Exceptions();
            try (var in = TsharkAgreementTest.class.getResourceAsStream("/tshark-exceptions.tsv")) {
                if (in == null) {
                    return e;
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cells = line.split("\t");
                    assertEquals(4, cells.length, "tshark-exceptions.tsv needs capture, frame, field, reason: " + line);
                    e.rows.add(cells);
                }
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            return e;
        }

        boolean explains(String diff) {
            String[] d = diff.split("\t");
            for (String[] r : rows) {
                if (matches(r, d)) {
                    return true;
                }
            }
            return false;
        }

        List<String> staleFor(String capture, List<String> diffs) {
            List<String> stale = new ArrayList<>();
            for (String[] r : rows) {
                if (!r[0].equals(capture)) {
                    continue;
                }
                boolean used = diffs.stream().anyMatch(d -> matches(r, d.split("\t")));
                if (!used) {
                    stale.add(String.join("\t", r));
                }
            }
            return stale;
        }

        private static boolean matches(String[] r, String[] d) {
            return r[0].equals(d[0]) && (r[1].equals("*") || r[1].equals(d[1])) && r[2].equals(d[2]);
        }
    }

}
