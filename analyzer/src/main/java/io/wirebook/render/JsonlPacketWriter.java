package io.wirebook.render;

import io.wirebook.decode.Addresses;
import com.fasterxml.jackson.core.JsonGenerator;
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
import io.wirebook.jsonl.JsonLines;
import io.wirebook.pipeline.PacketResult;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes one JSON object per packet (JSON Lines); the schema is documented in the README. */
public final class JsonlPacketWriter implements Closeable {
    private final JsonGenerator g;
    private final StringBuilder sb = new StringBuilder(64);
    private final List<String> names = new ArrayList<>(10);

    public JsonlPacketWriter(OutputStream out) throws IOException {
        g = JsonLines.generator(out);
    }

    /** The generator, for callers that add fields of their own between {@link #begin} and {@link #end}. */
    public JsonGenerator generator() {
        return g;
    }

    /** One packet as one line. */
    public void write(PacketResult r) throws IOException {
        begin(r);
        end();
    }

    /** Writes every packet field but leaves the object open. */
    public void begin(PacketResult r) throws IOException {
        g.writeStartObject();
        fields(r);
    }

    /** Writes every packet field into an object the caller opened with {@link #generator()}. */
    public void fields(PacketResult r) throws IOException {
        fields(r.packet(), r.tcp(), r.analysis(), r.note());
    }

    private void fields(Packet p, TcpView v, TcpAnalysis a, String note) throws IOException {
        Frame f = p.frame;
        g.writeNumberField("frame", f.number);
        sb.setLength(0);
        io.wirebook.capture.Timestamps.append(sb, f.epochSeconds, f.nanos, 9);
        g.writeStringField("ts", sb.toString());
        g.writeNumberField("caplen", f.capturedLength);
        g.writeNumberField("len", f.originalLength);
        g.writeStringField("link", LinkType.name(f.linkType));
        if (f.interfaceId >= 0) {
            g.writeNumberField("interface", f.interfaceId);
        }
        byte[] b = p.bytes();
        int base = p.base();
        if (p.network != Packet.NET_NONE) {
            sb.setLength(0);
            Addresses.append(sb, p.network, b, base + p.sourceAddressOffset());
            g.writeStringField("src", sb.toString());
            sb.setLength(0);
            Addresses.append(sb, p.network, b, base + p.destinationAddressOffset());
            g.writeStringField("dst", sb.toString());
            g.writeNumberField("ip_version", p.network);
            if (p.network == Packet.NET_IPV4) {
                g.writeNumberField("ttl", p.ipv4.ttl);
                g.writeNumberField("ip_len", p.ipv4.totalLength);
            } else {
                g.writeNumberField("ttl", p.ipv6.hopLimit);
                g.writeNumberField("ip_len", p.ipv6.payloadLength + 40);
            }
        } else {
            g.writeNullField("src");
            g.writeNullField("dst");
        }
        g.writeStringField("proto", p.protocolName());
        if (p.sourcePort >= 0) {
            g.writeNumberField("sport", p.sourcePort);
            g.writeNumberField("dport", p.destinationPort);
        } else {
            g.writeNullField("sport");
            g.writeNullField("dport");
        }
        if (p.isTcp()) {
            tcp(p, v, a);
        }
        if (p.isUdp()) {
            g.writeObjectFieldStart("udp");
            g.writeNumberField("len", p.udp.length);
            g.writeEndObject();
        }
        if (p.isIcmp()) {
            icmp(p);
        }
        if (p.laterFragment || p.firstFragment) {
            g.writeStringField("fragment", p.laterFragment ? "later" : "first");
        }
        if (f.isTruncated()) {
            g.writeBooleanField("truncated", true);
        }
        if (p.malformed == null) {
            g.writeNullField("malformed");
        } else {
            g.writeObjectFieldStart("malformed");
            g.writeStringField("layer", p.malformed.layer.label());
            g.writeNumberField("offset", p.malformed.offset);
            writeNumberOrNull("need", p.malformed.need);
            writeNumberOrNull("have", p.malformed.have);
            g.writeStringField("reason", p.malformed.reason);
            g.writeBooleanField("snaplen", p.malformed.truncatedBySnaplen);
            g.writeEndObject();
        }
        if (f.comments != null) {
            g.writeArrayFieldStart("comments");
            for (String c : f.comments) {
                g.writeString(c);
            }
            g.writeEndArray();
        }
        g.writeStringField("note", note);
    }

    /** Closes the object begun by {@link #begin}. */
    public void end() throws IOException {
        g.writeEndObject();
        JsonLines.endLine(g);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final char[] hex4 = {'0', 'x', '0', '0', '0', '0'};

    /** {@code "0x0012"}, without String.format's parsing on every packet. */
    private String flagsHex(int flags) {
        hex4[2] = HEX[(flags >> 12) & 0xF];
        hex4[3] = HEX[(flags >> 8) & 0xF];
        hex4[4] = HEX[(flags >> 4) & 0xF];
        hex4[5] = HEX[flags & 0xF];
        return new String(hex4);
    }

    private void writeNumberOrNull(String name, int v) throws IOException {
        if (v < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private void tcp(Packet p, TcpView v, TcpAnalysis a) throws IOException {
        TcpHeader t = p.tcp;
        g.writeObjectFieldStart("tcp");
        if (v != null) {
            g.writeNumberField("stream", v.stream);
        }
        g.writeArrayFieldStart("flags");
        names.clear();
        TcpHeader.flagNames(t.flags, names);
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeStringField("flags_hex", flagsHex(t.flags));
        g.writeNumberField("seq", v != null ? v.relSeq : t.seq);
        g.writeNumberField("ack", v != null ? v.relAck : t.ack);
        g.writeNumberField("seq_raw", t.seq);
        g.writeNumberField("ack_raw", t.ack);
        if (v != null) {
            g.writeNumberField("nxtseq", v.nextSeq);
        }
        g.writeNumberField("len", t.payloadLength);
        g.writeNumberField("hdr_len", t.headerLength);
        g.writeNumberField("win", v != null ? v.scaledWindow : t.window);
        g.writeNumberField("win_raw", t.window);
        if (v != null && v.windowScale >= 0 && !t.has(TcpHeader.SYN)) {
            g.writeNumberField("win_scale", v.windowScale);
        }
        g.writeArrayFieldStart("options");
        for (int i = 0; i < t.optionCount; i++) {
            option(p, t, v, i);
        }
        g.writeEndArray();
        if (v != null) {
            g.writeStringField("side", v.fromClient ? "client" : "server");
            if (v.clientState != null || v.serverState != null) {
                g.writeObjectFieldStart("states");
                if (v.clientState != null) {
                    g.writeStringField("client", v.clientState.name());
                }
                if (v.serverState != null) {
                    g.writeStringField("server", v.serverState.name());
                }
                g.writeEndObject();
                if (v.clientSteps > 1 || v.serverSteps > 1) {
                    // One segment, two transitions for a side: every state it passed through, in order.
                    g.writeObjectFieldStart("state_path");
                    if (v.clientSteps > 1) {
                        path(g, "client", v.clientPath, v.clientSteps);
                    }
                    if (v.serverSteps > 1) {
                        path(g, "server", v.serverPath, v.serverSteps);
                    }
                    g.writeEndObject();
                }
            }
            if (v.answersFrame != 0) {
                g.writeNumberField("rst_answers_frame", v.answersFrame);
            }
            if (v.revision != io.wirebook.flow.TcpView.Revision.NONE) {
                // States that earlier packets' "states" gave a side, which this packet disproves.
                g.writeObjectFieldStart("state_revised");
                g.writeStringField("side", v.revisedClient ? "client" : "server");
                g.writeStringField("why", v.revision == io.wirebook.flow.TcpView.Revision.SYN_AGAIN ? "syn_again" : "no_connection");
                g.writeStringField("was", v.revisedTo.name());
                g.writeArrayFieldStart("withdrawn");
                for (int i = 0; i < v.withdrawnCount; i++) {
                    g.writeStartObject();
                    g.writeNumberField("frame", v.withdrawnFrames[i]);
                    g.writeStringField("state", v.withdrawnStates[i].name());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        if (a != null) {
            analysis(a);
        }
        g.writeEndObject();
    }

    private static void path(JsonGenerator g, String side, io.wirebook.flow.TcpState[] states, int n) throws IOException {
        g.writeArrayFieldStart(side);
        for (int i = 0; i < n; i++) {
            g.writeString(states[i].name());
        }
        g.writeEndArray();
    }

    /** tshark's tcp.analysis fields (none when tshark would not show them, see {@link TcpAnalysis#hidden}). */
    private void analysis(TcpAnalysis a) throws IOException {
        g.writeArrayFieldStart("analysis");
        names.clear();
        AnalysisFlags.names(a.shownFlags(), names);
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
        if (a.hidden) {
            return;
        }
        if (a.linuxZeroWindowProbe) {
            g.writeStringField("probe", "zero_window");
        }
        if ((a.flags & AnalysisFlags.DUPLICATE_ACK) != 0) {
            g.writeNumberField("dup_ack_num", a.dupAckNum);
            g.writeNumberField("dup_ack_of", a.dupAckFrame);
        }
        if (a.repeatsFrame != 0) {
            g.writeNumberField("repeats_frame", a.repeatsFrame);
            g.writeStringField("repeats_after", seconds(a.sinceRepeatedNanos));
            if (a.firstSentFrame != a.repeatsFrame) {
                g.writeNumberField("first_sent_frame", a.firstSentFrame);
            }
        }
        if (a.acksFrame != 0) {
            g.writeNumberField("acks_frame", a.acksFrame);
            if (a.ackRttNanos != 0) {
                g.writeStringField("ack_rtt", seconds(a.ackRttNanos));
            }
        }
        if (a.initialRttNanos != 0) {
            g.writeStringField("initial_rtt", seconds(a.initialRttNanos));
        }
        if (a.bytesInFlight > 0) {
            g.writeNumberField("bytes_in_flight", a.bytesInFlight);
            g.writeNumberField("push_bytes_sent", a.pushBytesSent);
        }
    }

    /** Nanoseconds as decimal seconds with nine digits, as tshark prints time deltas ("0.000017000"). */
    private String seconds(long nanos) {
        sb.setLength(0);
        Durations.appendSeconds(sb, nanos, 9);
        return sb.toString();
    }

    private void option(Packet p, TcpHeader t, TcpView v, int i) throws IOException {
        int kind = t.optionKinds[i];
        g.writeStartObject();
        if (i == t.tfoOption) {
            // Fast Open, as kind 34 or in its older experimental form (kind 253 or 254, ExID 0xF989).
            g.writeStringField("kind", TcpOptionKind.FAST_OPEN.name());
            if (kind != TcpHeader.OPT_TFO) {
                g.writeNumberField("exp_kind", kind);
            }
            g.writeStringField("cookie", t.tfoLength == 0 ? "" : hex(p, t.tfoOffset, t.tfoLength));
            g.writeNumberField("len", t.optionLengths[i]);
            g.writeEndObject();
            return;
        }
        g.writeStringField("kind", TcpOptionKind.valueOf(kind).name());
        switch (kind) {
            case TcpHeader.OPT_MSS:
                if (t.mss >= 0) g.writeNumberField("value", t.mss);
                break;
            case TcpHeader.OPT_WS:
                if (t.windowScale >= 0) {
                    g.writeNumberField("shift", t.windowScale);
                    g.writeNumberField("multiplier", 1L << Math.min(t.windowScale, 14));
                }
                break;
            case TcpHeader.OPT_SACK:
                g.writeArrayFieldStart("blocks");
                for (int s = 0; s < t.sackCount; s++) {
                    g.writeStartArray();
                    g.writeNumber(v != null ? v.sackRelative(t.sackLeft[s]) : t.sackLeft[s]);
                    g.writeNumber(v != null ? v.sackRelative(t.sackRight[s]) : t.sackRight[s]);
                    g.writeEndArray();
                }
                g.writeEndArray();
                // RFC 2883: the first block reports bytes received twice (tshark's tcp.options.sack.dsack).
                g.writeBooleanField("dsack", t.dsack());
                break;
            case TcpHeader.OPT_TIMESTAMP:
                if (t.hasTimestamp) {
                    g.writeNumberField("val", t.tsVal);
                    g.writeNumberField("ecr", t.tsEcr);
                }
                break;
            case TcpHeader.OPT_MPTCP:
                if (t.optionLengths[i] >= 3) {
                    g.writeStringField("subtype", MptcpSubtype.of(p.bytes(), p.base() + t.optionOffsets[i]).name());
                }
                break;
            default:
                break;
        }
        g.writeNumberField("len", t.optionLengths[i]);
        g.writeEndObject();
    }

    private void icmp(Packet p) throws IOException {
        IcmpHeader m = p.icmp;
        g.writeObjectFieldStart("icmp");
        g.writeNumberField("type", m.type);
        g.writeNumberField("code", m.code);
        g.writeStringField("type_name", m.typeName());
        String cn = m.codeName();
        if (cn != null) {
            g.writeStringField("code_name", cn);
        }
        if (m.echoId >= 0) {
            g.writeNumberField("id", m.echoId);
            g.writeNumberField("seq", m.echoSeq);
        }
        if (m.hasInner) {
            g.writeObjectFieldStart("inner");
            byte[] b = p.bytes();
            int base = p.base();
            sb.setLength(0);
            Addresses.append(sb, m.innerIpVersion, b, base + m.innerSourceOffset);
            g.writeStringField("src", sb.toString());
            sb.setLength(0);
            Addresses.append(sb, m.innerIpVersion, b, base + m.innerDestinationOffset);
            g.writeStringField("dst", sb.toString());
            g.writeStringField("proto", IpProtocol.valueOf(m.innerProtocol).name());
            if (m.innerSourcePort >= 0) {
                g.writeNumberField("sport", m.innerSourcePort);
                g.writeNumberField("dport", m.innerDestinationPort);
            }
            if (m.innerTcpSeq >= 0) {
                g.writeNumberField("seq_raw", m.innerTcpSeq);
            }
            g.writeEndObject();
        } else {
            g.writeNullField("inner");
        }
        g.writeEndObject();
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

    @Override
    public void close() throws IOException {
        g.close();
    }

}
