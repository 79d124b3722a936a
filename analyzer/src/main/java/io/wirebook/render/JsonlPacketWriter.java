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
        g.field("frame", f.number);
        sb.setLength(0);
        io.wirebook.capture.Timestamps.append(sb, f.epochSeconds, f.nanos, 9);
        g.field("ts", sb);
        g.field("caplen", f.capturedLength);
        g.field("len", f.originalLength);
        g.field("link", LinkType.name(f.linkType));
        if (f.interfaceId >= 0) {
            g.field("interface", f.interfaceId);
        }
        byte[] b = p.bytes();
        int base = p.base();
        if (p.network != Packet.NET_NONE) {
            sb.setLength(0);
            Addresses.append(sb, p.network, b, base + p.sourceAddressOffset());
            g.field("src", sb);
            sb.setLength(0);
            Addresses.append(sb, p.network, b, base + p.destinationAddressOffset());
            g.field("dst", sb);
            g.field("ip_version", p.network);
            if (p.network == Packet.NET_IPV4) {
                g.field("ttl", p.ipv4.ttl);
                g.field("ip_len", p.ipv4.totalLength);
            } else {
                g.field("ttl", p.ipv6.hopLimit);
                g.field("ip_len", p.ipv6.payloadLength + 40);
            }
        } else {
            g.nullField("src");
            g.nullField("dst");
        }
        g.field("proto", p.protocolName());
        if (p.sourcePort >= 0) {
            g.field("sport", p.sourcePort);
            g.field("dport", p.destinationPort);
        } else {
            g.nullField("sport");
            g.nullField("dport");
        }
        if (p.isTcp()) {
            tcp(p, v, a);
        }
        if (p.isUdp()) {
            g.startObject("udp");
            g.field("len", p.udp.length);
            g.endObject();
        }
        if (p.isIcmp()) {
            icmp(p);
        }
        if (p.laterFragment || p.firstFragment) {
            g.field("fragment", p.laterFragment ? "later" : "first");
        }
        if (f.isTruncated()) {
            g.field("truncated", true);
        }
        if (p.malformed == null) {
            g.nullField("malformed");
        } else {
            g.startObject("malformed");
            g.field("layer", p.malformed.layer.label());
            g.field("offset", p.malformed.offset);
            writeNumberOrNull("need", p.malformed.need);
            writeNumberOrNull("have", p.malformed.have);
            g.field("reason", p.malformed.reason);
            g.field("snaplen", p.malformed.truncatedBySnaplen);
            g.endObject();
        }
        if (f.comments != null) {
            g.startArray("comments");
            for (String c : f.comments) {
                g.value(c);
            }
            g.endArray();
        }
        g.field("note", note);
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

    private void writeNumberOrNull(String name, int v) throws IOException {
        if (v < 0) {
            g.nullField(name);
        } else {
            g.field(name, v);
        }
    }

    private void tcp(Packet p, TcpView v, TcpAnalysis a) throws IOException {
        TcpHeader t = p.tcp;
        g.startObject("tcp");
        if (v != null) {
            g.field("stream", v.stream);
        }
        g.startArray("flags");
        names.clear();
        TcpHeader.flagNames(t.flags, names);
        for (String n : names) {
            g.value(n);
        }
        g.endArray();
        g.field("flags_hex", flagsHex(t.flags));
        g.field("seq", v != null ? v.relSeq : t.seq);
        g.field("ack", v != null ? v.relAck : t.ack);
        g.field("seq_raw", t.seq);
        g.field("ack_raw", t.ack);
        if (v != null) {
            g.field("nxtseq", v.nextSeq);
        }
        g.field("len", t.payloadLength);
        g.field("hdr_len", t.headerLength);
        g.field("win", v != null ? v.scaledWindow : t.window);
        g.field("win_raw", t.window);
        if (v != null && v.windowScale >= 0 && !t.has(TcpHeader.SYN)) {
            g.field("win_scale", v.windowScale);
        }
        g.startArray("options");
        for (int i = 0; i < t.optionCount; i++) {
            option(p, t, v, i);
        }
        g.endArray();
        if (v != null) {
            g.field("side", v.fromClient ? "client" : "server");
            if (v.clientState != null || v.serverState != null) {
                g.startObject("states");
                if (v.clientState != null) {
                    g.field("client", v.clientState.name());
                }
                if (v.serverState != null) {
                    g.field("server", v.serverState.name());
                }
                g.endObject();
                if (v.clientSteps > 1 || v.serverSteps > 1) {
                    // One segment, two transitions for a side: every state it passed through, in order.
                    g.startObject("state_path");
                    if (v.clientSteps > 1) {
                        path(g, "client", v.clientPath, v.clientSteps);
                    }
                    if (v.serverSteps > 1) {
                        path(g, "server", v.serverPath, v.serverSteps);
                    }
                    g.endObject();
                }
            }
            if (v.answersFrame != 0) {
                g.field("rst_answers_frame", v.answersFrame);
            }
            if (v.revision != io.wirebook.flow.TcpView.Revision.NONE) {
                // States that earlier packets' "states" gave a side, which this packet disproves.
                g.startObject("state_revised");
                g.field("side", v.revisedClient ? "client" : "server");
                g.field("why", v.revision == io.wirebook.flow.TcpView.Revision.SYN_AGAIN ? "syn_again" : "no_connection");
                g.field("was", v.revisedTo.name());
                g.startArray("withdrawn");
                for (int i = 0; i < v.withdrawnCount; i++) {
                    g.startObject();
                    g.field("frame", v.withdrawnFrames[i]);
                    g.field("state", v.withdrawnStates[i].name());
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

    private static void path(JsonOut g, String side, io.wirebook.flow.TcpState[] states, int n) throws IOException {
        g.startArray(side);
        for (int i = 0; i < n; i++) {
            g.value(states[i].name());
        }
        g.endArray();
    }

    /** tshark's tcp.analysis fields (none when tshark would not show them, see {@link TcpAnalysis#hidden}). */
    private void analysis(TcpAnalysis a) throws IOException {
        g.startArray("analysis");
        names.clear();
        AnalysisFlags.names(a.shownFlags(), names);
        for (String n : names) {
            g.value(n);
        }
        g.endArray();
        if (a.hidden) {
            return;
        }
        if (a.linuxZeroWindowProbe) {
            g.field("probe", "zero_window");
        }
        if ((a.flags & AnalysisFlags.DUPLICATE_ACK) != 0) {
            g.field("dup_ack_num", a.dupAckNum);
            g.field("dup_ack_of", a.dupAckFrame);
        }
        if (a.repeatsFrame != 0) {
            g.field("repeats_frame", a.repeatsFrame);
            g.field("repeats_after", seconds(a.sinceRepeatedNanos));
            if (a.firstSentFrame != a.repeatsFrame) {
                g.field("first_sent_frame", a.firstSentFrame);
            }
        }
        if (a.acksFrame != 0) {
            g.field("acks_frame", a.acksFrame);
            if (a.ackRttNanos != 0) {
                g.field("ack_rtt", seconds(a.ackRttNanos));
            }
        }
        if (a.initialRttNanos != 0) {
            g.field("initial_rtt", seconds(a.initialRttNanos));
        }
        if (a.bytesInFlight > 0) {
            g.field("bytes_in_flight", a.bytesInFlight);
            g.field("push_bytes_sent", a.pushBytesSent);
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
            g.field("kind", TcpOptionKind.FAST_OPEN.name());
            if (kind != TcpHeader.OPT_TFO) {
                g.field("exp_kind", kind);
            }
            g.field("cookie", t.tfoLength == 0 ? "" : hex(p, t.tfoOffset, t.tfoLength));
            g.field("len", t.optionLengths[i]);
            g.endObject();
            return;
        }
        g.field("kind", TcpOptionKind.valueOf(kind).name());
        switch (kind) {
            case TcpHeader.OPT_MSS:
                if (t.mss >= 0) g.field("value", t.mss);
                break;
            case TcpHeader.OPT_WS:
                if (t.windowScale >= 0) {
                    g.field("shift", t.windowScale);
                    g.field("multiplier", 1L << Math.min(t.windowScale, 14));
                }
                break;
            case TcpHeader.OPT_SACK:
                g.startArray("blocks");
                for (int s = 0; s < t.sackCount; s++) {
                    g.startArray();
                    g.value(v != null ? v.sackRelative(t.sackLeft[s]) : t.sackLeft[s]);
                    g.value(v != null ? v.sackRelative(t.sackRight[s]) : t.sackRight[s]);
                    g.endArray();
                }
                g.endArray();
                // RFC 2883: the first block reports bytes received twice (tshark's tcp.options.sack.dsack).
                g.field("dsack", t.dsack());
                break;
            case TcpHeader.OPT_TIMESTAMP:
                if (t.hasTimestamp) {
                    g.field("val", t.tsVal);
                    g.field("ecr", t.tsEcr);
                }
                break;
            case TcpHeader.OPT_MPTCP:
                if (t.optionLengths[i] >= 3) {
                    g.field("subtype", MptcpSubtype.of(p.bytes(), p.base() + t.optionOffsets[i]).name());
                }
                break;
            default:
                break;
        }
        g.field("len", t.optionLengths[i]);
        g.endObject();
    }

    private void icmp(Packet p) throws IOException {
        IcmpHeader m = p.icmp;
        g.startObject("icmp");
        g.field("type", m.type);
        g.field("code", m.code);
        g.field("type_name", m.typeName());
        String cn = m.codeName();
        if (cn != null) {
            g.field("code_name", cn);
        }
        if (m.echoId >= 0) {
            g.field("id", m.echoId);
            g.field("seq", m.echoSeq);
        }
        if (m.hasInner) {
            g.startObject("inner");
            byte[] b = p.bytes();
            int base = p.base();
            sb.setLength(0);
            Addresses.append(sb, m.innerIpVersion, b, base + m.innerSourceOffset);
            g.field("src", sb);
            sb.setLength(0);
            Addresses.append(sb, m.innerIpVersion, b, base + m.innerDestinationOffset);
            g.field("dst", sb);
            g.field("proto", IpProtocol.valueOf(m.innerProtocol).name());
            if (m.innerSourcePort >= 0) {
                g.field("sport", m.innerSourcePort);
                g.field("dport", m.innerDestinationPort);
            }
            if (m.innerTcpSeq >= 0) {
                g.field("seq_raw", m.innerTcpSeq);
            }
            g.endObject();
        } else {
            g.nullField("inner");
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

}
