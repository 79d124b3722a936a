package io.wirebook.render;

import io.wirebook.decode.Addresses;
import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import io.wirebook.decode.IcmpHeader;
import io.wirebook.decode.IpProtocol;
import io.wirebook.decode.MptcpSubtype;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.decode.TcpOptionKind;
import io.wirebook.flow.TcpView;
import io.wirebook.jsonl.JsonBytes;
import io.wirebook.jsonl.JsonName;
import io.wirebook.jsonl.JsonOut;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.ResultRenderer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes one JSON object per packet (JSON Lines); the schema is documented in the README. */
public final class JsonlPacketWriter implements Closeable {
    private final JsonOut g;
    /** The same output when it is a JsonBytes (lines rendered elsewhere are copied into it), else null. */
    private final JsonBytes bytes;
    /** Null: each result's notes word its note; else this writer's own (a renderer on another thread). */
    private io.wirebook.annotate.PacketNotes ownNotes;
    /** Values made of numbers (times, addresses), built as bytes for JsonOut's ASCII path. */
    private final io.wirebook.text.Utf8Line sb = new io.wirebook.text.Utf8Line(64);
    /** The note, appended here rather than made a String (the hot path of read --format jsonl). */
    private final io.wirebook.text.Utf8Line note = new io.wirebook.text.Utf8Line(256);
    private final List<String> names = new ArrayList<>(10);

    /** Writes JSON Lines to {@code out} through its own buffer ({@link JsonBytes}). */
    public JsonlPacketWriter(OutputStream out) {
        bytes = new JsonBytes(out, 1 << 16);
        g = bytes;
    }

    /**
     * Writes through {@code out}, for callers that add fields of their own between {@link #begin} and
     * {@link #end}, or call {@link #fields} inside an object they opened.
     */
    public JsonlPacketWriter(JsonOut out) {
        g = out;
        bytes = out instanceof JsonBytes b ? b : null;
    }

    /** One packet as one line. */
    public void write(PacketResult r) throws IOException {
        begin(r);
        end();
    }

    /** The JSON output, for callers that add fields of their own between {@link #begin} and {@link #end}. */
    public JsonOut json() {
        return g;
    }

    /** Writes every packet field but leaves the object open. */
    public void begin(PacketResult r) throws IOException {
        g.startObject();
        fields(r);
    }

    /** Writes every packet field into an object the caller opened. */
    public void fields(PacketResult r) throws IOException {
        note.setLength(0);
        if (ownNotes != null) {
            r.appendNote(note, ownNotes);
        } else {
            r.appendNote(note);
        }
        fields(r.packet(), r.tcp(), r.analysis(), note);
    }

    private void fields(Packet p, TcpView v, TcpAnalysis a, io.wirebook.text.Utf8Line note) throws IOException {
        Frame f = p.frame;
        g.field(Key.FRAME, f.number);
        sb.setLength(0);
        io.wirebook.capture.Timestamps.append(sb, f.epochSeconds, f.nanos, 9);
        g.field(Key.TS, sb);
        g.field(Key.CAPLEN, f.capturedLength);
        g.field(Key.LEN, f.originalLength);
        g.field(Key.LINK, LinkType.name(f.linkType));
        if (f.interfaceId >= 0) {
            g.field(Key.INTERFACE, f.interfaceId);
        }
        byte[] b = p.bytes();
        int base = p.base();
        if (p.network != Packet.NET_NONE) {
            sb.setLength(0);
            Addresses.append(sb, p.network, b, base + p.sourceAddressOffset());
            g.field(Key.SRC, sb);
            sb.setLength(0);
            Addresses.append(sb, p.network, b, base + p.destinationAddressOffset());
            g.field(Key.DST, sb);
            g.field(Key.IP_VERSION, p.network);
            if (p.network == Packet.NET_IPV4) {
                g.field(Key.TTL, p.ipv4.ttl);
                g.field(Key.IP_LEN, p.ipv4.totalLength);
            } else {
                g.field(Key.TTL, p.ipv6.hopLimit);
                g.field(Key.IP_LEN, p.ipv6.payloadLength + 40);
            }
        } else {
            g.nullField(Key.SRC);
            g.nullField(Key.DST);
        }
        g.field(Key.PROTO, p.protocolName());
        if (p.sourcePort >= 0) {
            g.field(Key.SPORT, p.sourcePort);
            g.field(Key.DPORT, p.destinationPort);
        } else {
            g.nullField(Key.SPORT);
            g.nullField(Key.DPORT);
        }
        if (p.isTcp()) {
            tcp(p, v, a);
        }
        if (p.isUdp()) {
            g.startObject(Key.UDP);
            g.field(Key.LEN, p.udp.length);
            g.endObject();
        }
        if (p.isIcmp()) {
            icmp(p);
        }
        if (p.laterFragment || p.firstFragment) {
            g.field(Key.FRAGMENT, p.laterFragment ? "later" : "first");
        }
        if (f.isTruncated()) {
            g.field(Key.TRUNCATED, true);
        }
        if (p.malformed == null) {
            g.nullField(Key.MALFORMED);
        } else {
            g.startObject(Key.MALFORMED);
            g.field(Key.LAYER, p.malformed.layer.label());
            g.field(Key.OFFSET, p.malformed.offset);
            writeNumberOrNull(Key.NEED, p.malformed.need);
            writeNumberOrNull(Key.HAVE, p.malformed.have);
            g.field(Key.REASON, p.malformed.reason);
            g.field(Key.SNAPLEN, p.malformed.truncatedBySnaplen);
            g.endObject();
        }
        if (f.comments != null) {
            g.startArray(Key.COMMENTS);
            for (String c : f.comments) {
                g.value(c);
            }
            g.endArray();
        }
        g.field(Key.NOTE, note);
    }

    /** Closes the object begun by {@link #begin}. */
    public void end() throws IOException {
        g.endObject();
        g.endLine();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder hex4 = new StringBuilder("0x0000");

    /** {@code "0x0012"}, without String.format's parsing (or a String) on every packet. */
    private CharSequence flagsHex(int flags) {
        hex4.setCharAt(2, HEX[(flags >> 12) & 0xF]);
        hex4.setCharAt(3, HEX[(flags >> 8) & 0xF]);
        hex4.setCharAt(4, HEX[(flags >> 4) & 0xF]);
        hex4.setCharAt(5, HEX[flags & 0xF]);
        return hex4;
    }

    private void writeNumberOrNull(io.wirebook.jsonl.JsonName name, int v) throws IOException {
        if (v < 0) {
            g.nullField(name);
        } else {
            g.field(name, v);
        }
    }

    private void tcp(Packet p, TcpView v, TcpAnalysis a) throws IOException {
        TcpHeader t = p.tcp;
        g.startObject(Key.TCP);
        if (v != null) {
            g.field(Key.STREAM, v.stream);
        }
        g.startArray(Key.FLAGS);
        names.clear();
        TcpHeader.flagNames(t.flags, names);
        for (int i = 0; i < names.size(); i++) { // not for-each: C1 makes an iterator per packet (29 MB of 1M)
            g.value(names.get(i));
        }
        g.endArray();
        g.field(Key.FLAGS_HEX, flagsHex(t.flags));
        g.field(Key.SEQ, v != null ? v.relSeq : t.seq);
        g.field(Key.ACK, v != null ? v.relAck : t.ack);
        g.field(Key.SEQ_RAW, t.seq);
        g.field(Key.ACK_RAW, t.ack);
        if (v != null) {
            g.field(Key.NXTSEQ, v.nextSeq);
        }
        g.field(Key.LEN, t.payloadLength);
        g.field(Key.HDR_LEN, t.headerLength);
        g.field(Key.WIN, v != null ? v.scaledWindow : t.window);
        g.field(Key.WIN_RAW, t.window);
        if (v != null && v.windowScale >= 0 && !t.has(TcpHeader.SYN)) {
            g.field(Key.WIN_SCALE, v.windowScale);
        }
        g.startArray(Key.OPTIONS);
        for (int i = 0; i < t.optionCount; i++) {
            option(p, t, v, i);
        }
        g.endArray();
        if (v != null) {
            g.field(Key.SIDE, v.fromClient ? "client" : "server");
            if (v.clientState != null || v.serverState != null) {
                g.startObject(Key.STATES);
                if (v.clientState != null) {
                    g.field(Key.CLIENT, v.clientState.name());
                }
                if (v.serverState != null) {
                    g.field(Key.SERVER, v.serverState.name());
                }
                g.endObject();
                if (v.clientSteps > 1 || v.serverSteps > 1) {
                    // One segment, two transitions for a side: every state it passed through, in order.
                    g.startObject(Key.STATE_PATH);
                    if (v.clientSteps > 1) {
                        path(g, Key.CLIENT, v.clientPath, v.clientSteps);
                    }
                    if (v.serverSteps > 1) {
                        path(g, Key.SERVER, v.serverPath, v.serverSteps);
                    }
                    g.endObject();
                }
            }
            if (v.answersFrame != 0) {
                g.field(Key.RST_ANSWERS_FRAME, v.answersFrame);
            }
            if (v.revision != io.wirebook.flow.TcpView.Revision.NONE) {
                // States that earlier packets' "states" gave a side, which this packet disproves.
                g.startObject(Key.STATE_REVISED);
                g.field(Key.SIDE, v.revisedClient ? "client" : "server");
                g.field(Key.WHY, v.revision == io.wirebook.flow.TcpView.Revision.SYN_AGAIN ? "syn_again" : "no_connection");
                g.field(Key.WAS, v.revisedTo.name());
                g.startArray(Key.WITHDRAWN);
                for (int i = 0; i < v.withdrawnCount; i++) {
                    g.startObject();
                    g.field(Key.FRAME, v.withdrawnFrames[i]);
                    g.field(Key.STATE, v.withdrawnStates[i].name());
                    g.endObject();
                }
                g.endArray();
                g.endObject();
            }
        }
        if (a != null) {
            analysis(a);
        }
        g.endObject();
    }

    private static void path(JsonOut g, io.wirebook.jsonl.JsonName side, io.wirebook.flow.TcpState[] states, int n) throws IOException {
        g.startArray(side);
        for (int i = 0; i < n; i++) {
            g.value(states[i].name());
        }
        g.endArray();
    }

    /** tshark's tcp.analysis fields (none when tshark would not show them, see {@link TcpAnalysis#hidden}). */
    private void analysis(TcpAnalysis a) throws IOException {
        g.startArray(Key.ANALYSIS);
        names.clear();
        AnalysisFlags.names(a.shownFlags(), names);
        for (int i = 0; i < names.size(); i++) { // not for-each: C1 makes an iterator per packet (29 MB of 1M)
            g.value(names.get(i));
        }
        g.endArray();
        if (a.hidden) {
            return;
        }
        if (a.linuxZeroWindowProbe) {
            g.field(Key.PROBE, "zero_window");
        }
        if ((a.flags & AnalysisFlags.DUPLICATE_ACK) != 0) {
            g.field(Key.DUP_ACK_NUM, a.dupAckNum);
            g.field(Key.DUP_ACK_OF, a.dupAckFrame);
        }
        if (a.repeatsFrame != 0) {
            g.field(Key.REPEATS_FRAME, a.repeatsFrame);
            g.field(Key.REPEATS_AFTER, seconds(a.sinceRepeatedNanos));
            if (a.firstSentFrame != a.repeatsFrame) {
                g.field(Key.FIRST_SENT_FRAME, a.firstSentFrame);
            }
        }
        if (a.acksFrame != 0) {
            g.field(Key.ACKS_FRAME, a.acksFrame);
            if (a.ackRttNanos != 0) {
                g.field(Key.ACK_RTT, seconds(a.ackRttNanos));
            }
        }
        if (a.initialRttNanos != 0) {
            g.field(Key.INITIAL_RTT, seconds(a.initialRttNanos));
        }
        if (a.bytesInFlight > 0) {
            g.field(Key.BYTES_IN_FLIGHT, a.bytesInFlight);
            g.field(Key.PUSH_BYTES_SENT, a.pushBytesSent);
        }
    }

    /** Nanoseconds as decimal seconds with nine digits, as tshark prints time deltas ("0.000017000"). */
    private io.wirebook.text.Utf8Line seconds(long nanos) {
        sb.setLength(0);
        Durations.appendSeconds(sb, nanos, 9);
        return sb;
    }

    private void option(Packet p, TcpHeader t, TcpView v, int i) throws IOException {
        int kind = t.optionKinds[i];
        g.startObject();
        if (i == t.tfoOption) {
            // Fast Open, as kind 34 or in its older experimental form (kind 253 or 254, ExID 0xF989).
            g.field(Key.KIND, TcpOptionKind.FAST_OPEN.name());
            if (kind != TcpHeader.OPT_TFO) {
                g.field(Key.EXP_KIND, kind);
            }
            g.field(Key.COOKIE, t.tfoLength == 0 ? "" : hex(p, t.tfoOffset, t.tfoLength));
            g.field(Key.LEN, t.optionLengths[i]);
            g.endObject();
            return;
        }
        g.field(Key.KIND, TcpOptionKind.valueOf(kind).name());
        switch (kind) {
            case TcpHeader.OPT_MSS:
                if (t.mss >= 0) g.field(Key.VALUE, t.mss);
                break;
            case TcpHeader.OPT_WS:
                if (t.windowScale >= 0) {
                    g.field(Key.SHIFT, t.windowScale);
                    g.field(Key.MULTIPLIER, 1L << Math.min(t.windowScale, 14));
                }
                break;
            case TcpHeader.OPT_SACK:
                g.startArray(Key.BLOCKS);
                for (int s = 0; s < t.sackCount; s++) {
                    g.startArray();
                    g.value(v != null ? v.sackRelative(t.sackLeft[s]) : t.sackLeft[s]);
                    g.value(v != null ? v.sackRelative(t.sackRight[s]) : t.sackRight[s]);
                    g.endArray();
                }
                g.endArray();
                // RFC 2883: the first block reports bytes received twice (tshark's tcp.options.sack.dsack).
                g.field(Key.DSACK, t.dsack());
                break;
            case TcpHeader.OPT_TIMESTAMP:
                if (t.hasTimestamp) {
                    g.field(Key.VAL, t.tsVal);
                    g.field(Key.ECR, t.tsEcr);
                }
                break;
            case TcpHeader.OPT_MPTCP:
                if (t.optionLengths[i] >= 3) {
                    g.field(Key.SUBTYPE, MptcpSubtype.of(p.bytes(), p.base() + t.optionOffsets[i]).name());
                }
                break;
            default:
                break;
        }
        g.field(Key.LEN, t.optionLengths[i]);
        g.endObject();
    }

    private void icmp(Packet p) throws IOException {
        IcmpHeader m = p.icmp;
        g.startObject(Key.ICMP);
        g.field(Key.TYPE, m.type);
        g.field(Key.CODE, m.code);
        g.field(Key.TYPE_NAME, m.typeName());
        String cn = m.codeName();
        if (cn != null) {
            g.field(Key.CODE_NAME, cn);
        }
        if (m.echoId >= 0) {
            g.field(Key.ID, m.echoId);
            g.field(Key.SEQ, m.echoSeq);
        }
        if (m.hasInner) {
            g.startObject(Key.INNER);
            byte[] b = p.bytes();
            int base = p.base();
            sb.setLength(0);
            Addresses.append(sb, m.innerIpVersion, b, base + m.innerSourceOffset);
            g.field(Key.SRC, sb);
            sb.setLength(0);
            Addresses.append(sb, m.innerIpVersion, b, base + m.innerDestinationOffset);
            g.field(Key.DST, sb);
            g.field(Key.PROTO, IpProtocol.valueOf(m.innerProtocol).name());
            if (m.innerSourcePort >= 0) {
                g.field(Key.SPORT, m.innerSourcePort);
                g.field(Key.DPORT, m.innerDestinationPort);
            }
            if (m.innerTcpSeq >= 0) {
                g.field(Key.SEQ_RAW, m.innerTcpSeq);
            }
            g.endObject();
        } else {
            g.nullField(Key.INNER);
        }
        g.endObject();
    }

    private static String hex(Packet p, int off, int len) {
        StringBuilder h = new StringBuilder(len * 2);
        byte[] b = p.bytes();
        for (int i = 0; i < len; i++) {
            h.append(Character.forDigit((b[p.base() + off + i] >> 4) & 0xF, 16))
                    .append(Character.forDigit(b[p.base() + off + i] & 0xF, 16));
        }
        return h.toString();
    }

    public void flush() throws IOException {
        g.flush();
    }

    /** Copies lines a {@link #renderer()} made (on another thread) into this writer's output, in order. */
    public void writeRendered(byte[] b, int off, int len) throws IOException {
        if (bytes == null) {
            throw new IllegalStateException("not writing through JsonBytes");
        }
        bytes.raw(b, off, len);
    }

    /**
     * A renderer of the same lines for another thread (its own buffers and notes): each packet's line as
     * {@link #write} writes it, appended to the line it is given.
     */
    public static ResultRenderer renderer() {
        LineStream target = new LineStream();
        JsonlPacketWriter w = new JsonlPacketWriter(target);
        w.ownNotes = new io.wirebook.annotate.PacketNotes();
        return (r, out) -> {
            target.line = out;
            try {
                w.write(r);
                w.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // never: the target is memory
            }
        };
    }

    /** An output stream into a line of bytes, whichever line it is given. */
    private static final class LineStream extends OutputStream {
        io.wirebook.text.Utf8Line line;

        @Override
        public void write(int b) {
            line.ascii(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            line.append(b, off, len);
        }
    }

    @Override
    public void close() throws IOException {
        g.close();
    }


    /** The schema's field names, their JSON made once (see {@link JsonName}). */
    private static final class Key {
        static final JsonName ACK = JsonName.of("ack");
        static final JsonName ACK_RAW = JsonName.of("ack_raw");
        static final JsonName ACK_RTT = JsonName.of("ack_rtt");
        static final JsonName ACKS_FRAME = JsonName.of("acks_frame");
        static final JsonName ANALYSIS = JsonName.of("analysis");
        static final JsonName BLOCKS = JsonName.of("blocks");
        static final JsonName BYTES_IN_FLIGHT = JsonName.of("bytes_in_flight");
        static final JsonName CAPLEN = JsonName.of("caplen");
        static final JsonName CLIENT = JsonName.of("client");
        static final JsonName CODE = JsonName.of("code");
        static final JsonName CODE_NAME = JsonName.of("code_name");
        static final JsonName COMMENTS = JsonName.of("comments");
        static final JsonName COOKIE = JsonName.of("cookie");
        static final JsonName DPORT = JsonName.of("dport");
        static final JsonName DSACK = JsonName.of("dsack");
        static final JsonName DST = JsonName.of("dst");
        static final JsonName DUP_ACK_NUM = JsonName.of("dup_ack_num");
        static final JsonName DUP_ACK_OF = JsonName.of("dup_ack_of");
        static final JsonName ECR = JsonName.of("ecr");
        static final JsonName EXP_KIND = JsonName.of("exp_kind");
        static final JsonName FIRST_SENT_FRAME = JsonName.of("first_sent_frame");
        static final JsonName FLAGS = JsonName.of("flags");
        static final JsonName FLAGS_HEX = JsonName.of("flags_hex");
        static final JsonName FRAGMENT = JsonName.of("fragment");
        static final JsonName FRAME = JsonName.of("frame");
        static final JsonName HAVE = JsonName.of("have");
        static final JsonName HDR_LEN = JsonName.of("hdr_len");
        static final JsonName ICMP = JsonName.of("icmp");
        static final JsonName ID = JsonName.of("id");
        static final JsonName INITIAL_RTT = JsonName.of("initial_rtt");
        static final JsonName INNER = JsonName.of("inner");
        static final JsonName INTERFACE = JsonName.of("interface");
        static final JsonName IP_LEN = JsonName.of("ip_len");
        static final JsonName IP_VERSION = JsonName.of("ip_version");
        static final JsonName KIND = JsonName.of("kind");
        static final JsonName LAYER = JsonName.of("layer");
        static final JsonName LEN = JsonName.of("len");
        static final JsonName LINK = JsonName.of("link");
        static final JsonName MALFORMED = JsonName.of("malformed");
        static final JsonName MULTIPLIER = JsonName.of("multiplier");
        static final JsonName NEED = JsonName.of("need");
        static final JsonName NOTE = JsonName.of("note");
        static final JsonName NXTSEQ = JsonName.of("nxtseq");
        static final JsonName OFFSET = JsonName.of("offset");
        static final JsonName OPTIONS = JsonName.of("options");
        static final JsonName PROBE = JsonName.of("probe");
        static final JsonName PROTO = JsonName.of("proto");
        static final JsonName PUSH_BYTES_SENT = JsonName.of("push_bytes_sent");
        static final JsonName REASON = JsonName.of("reason");
        static final JsonName REPEATS_AFTER = JsonName.of("repeats_after");
        static final JsonName REPEATS_FRAME = JsonName.of("repeats_frame");
        static final JsonName RST_ANSWERS_FRAME = JsonName.of("rst_answers_frame");
        static final JsonName SEQ = JsonName.of("seq");
        static final JsonName SEQ_RAW = JsonName.of("seq_raw");
        static final JsonName SERVER = JsonName.of("server");
        static final JsonName SHIFT = JsonName.of("shift");
        static final JsonName SIDE = JsonName.of("side");
        static final JsonName SNAPLEN = JsonName.of("snaplen");
        static final JsonName SPORT = JsonName.of("sport");
        static final JsonName SRC = JsonName.of("src");
        static final JsonName STATE = JsonName.of("state");
        static final JsonName STATE_PATH = JsonName.of("state_path");
        static final JsonName STATE_REVISED = JsonName.of("state_revised");
        static final JsonName STATES = JsonName.of("states");
        static final JsonName STREAM = JsonName.of("stream");
        static final JsonName SUBTYPE = JsonName.of("subtype");
        static final JsonName TCP = JsonName.of("tcp");
        static final JsonName TRUNCATED = JsonName.of("truncated");
        static final JsonName TS = JsonName.of("ts");
        static final JsonName TTL = JsonName.of("ttl");
        static final JsonName TYPE = JsonName.of("type");
        static final JsonName TYPE_NAME = JsonName.of("type_name");
        static final JsonName UDP = JsonName.of("udp");
        static final JsonName VAL = JsonName.of("val");
        static final JsonName VALUE = JsonName.of("value");
        static final JsonName WAS = JsonName.of("was");
        static final JsonName WHY = JsonName.of("why");
        static final JsonName WIN = JsonName.of("win");
        static final JsonName WIN_RAW = JsonName.of("win_raw");
        static final JsonName WIN_SCALE = JsonName.of("win_scale");
        static final JsonName WITHDRAWN = JsonName.of("withdrawn");
    }
}
