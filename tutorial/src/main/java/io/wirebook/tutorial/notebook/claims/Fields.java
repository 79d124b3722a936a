package io.wirebook.tutorial.notebook.claims;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.calls.Side;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpView;
import io.wirebook.timeline.Cause;
import io.wirebook.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of each item kind, in the order {@code claims.md} lists them. The same names work after a
 * dot ({@code first(packet[flags=S.]).ts}) and in a selector's filters ({@code packet[len>0]}).
 */
final class Fields {
    private Fields() {}

    private static final Map<ItemKind, Map<String, FieldDef>> FIELDS = new EnumMap<>(ItemKind.class);

    static {
        Map<String, FieldDef> p = new LinkedHashMap<>();
        def(p, "ts", ValueType.TIME, (e, i) -> Value.time(packet(e).tsNanos()));
        def(p, "end", ValueType.TIME, (e, i) -> Value.time(packet(e).tsNanos()));
        def(p, "frame", ValueType.NUMBER, (e, i) -> Value.number(packet(e).frame().number));
        def(p, "side", ValueType.STRING, (e, i) -> side(packet(e).side()));
        def(p, "proto", ValueType.STRING, (e, i) -> Value.text(packet(e).result().packet().protocolName()));
        def(p, "stream", ValueType.NUMBER, tcp(v -> Value.number(v.stream)));
        def(p, "flags", ValueType.STRING, (e, i) -> flags(packet(e)));
        def(p, "seq", ValueType.NUMBER, tcp(v -> Value.number(v.relSeq)));
        def(p, "ack", ValueType.NUMBER, (e, i) -> {
            TcpView v = packet(e).result().tcp();
            return v == null || !packet(e).result().packet().tcp.has(TcpHeader.ACK) ? Value.None.NONE : Value.number(v.relAck);
        });
        def(p, "next_seq", ValueType.NUMBER, tcp(v -> Value.number(v.nextSeq)));
        def(p, "len", ValueType.NUMBER, (e, i) -> length(packet(e).result().packet()));
        def(p, "win", ValueType.NUMBER, tcp(v -> Value.number(v.scaledWindow)));
        def(p, "client_state", ValueType.STRING, tcp(v -> v.clientState == null ? Value.None.NONE : new Value.Str(v.clientState.name())));
        def(p, "server_state", ValueType.STRING, tcp(v -> v.serverState == null ? Value.None.NONE : new Value.Str(v.serverState.name())));
        def(p, "cause", ValueType.STRING, (e, i) -> {
            Cause c = packet(e).cause();
            return c == null ? Value.None.NONE : new Value.Str(c.isKernel() ? "kernel" : c.call().call());
        });
        def(p, "cause_call", ValueType.item(ItemKind.CALL), (e, i) -> {
            Cause c = packet(e).cause();
            Value.Item call = c == null || c.isKernel() ? null : i.call(c.call());
            return call == null ? Value.None.NONE : call;
        });
        // Header fields as captured, for claims about the wire itself (tshark's names in the comments).
        def(p, "frame_len", ValueType.NUMBER, (e, i) -> Value.number(packet(e).frame().originalLength)); // frame.len
        def(p, "src_port", ValueType.NUMBER, ports(true)); // tcp.srcport / udp.srcport
        def(p, "dst_port", ValueType.NUMBER, ports(false));
        def(p, "ttl", ValueType.NUMBER, (e, i) -> { // ip.ttl / ipv6.hlim
            Packet pk = packet(e).result().packet();
            return pk.network == Packet.NET_IPV4 ? Value.number(pk.ipv4.ttl)
                    : pk.network == Packet.NET_IPV6 ? Value.number(pk.ipv6.hopLimit) : Value.None.NONE;
        });
        def(p, "ip_len", ValueType.NUMBER, (e, i) -> { // ip.len / ipv6.plen + 40
            Packet pk = packet(e).result().packet();
            return pk.network == Packet.NET_IPV4 ? Value.number(pk.ipv4.totalLength)
                    : pk.network == Packet.NET_IPV6 ? Value.number(pk.ipv6.payloadLength + 40L) : Value.None.NONE;
        });
        def(p, "df", ValueType.BOOL, (e, i) -> { // ip.flags.df
            Packet pk = packet(e).result().packet();
            return pk.network == Packet.NET_IPV4 ? new Value.Bool(pk.ipv4.dontFragment) : Value.None.NONE;
        });
        def(p, "checksum", ValueType.NUMBER, (e, i) -> { // tcp.checksum / udp.checksum / icmp.checksum, as captured
            Packet pk = packet(e).result().packet();
            return pk.isTcp() ? Value.number(pk.tcp.checksum) : pk.isUdp() ? Value.number(pk.udp.checksum)
                    : pk.isIcmp() ? Value.number(pk.icmp.checksum) : Value.None.NONE;
        });
        def(p, "raw_seq", ValueType.NUMBER, (e, i) -> { // tcp.seq_raw
            Packet pk = packet(e).result().packet();
            return pk.isTcp() ? Value.number(pk.tcp.seq) : Value.None.NONE;
        });
        def(p, "raw_ack", ValueType.NUMBER, (e, i) -> { // tcp.ack_raw
            Packet pk = packet(e).result().packet();
            return pk.isTcp() && pk.tcp.has(TcpHeader.ACK) ? Value.number(pk.tcp.ack) : Value.None.NONE;
        });
        def(p, "raw_win", ValueType.NUMBER, (e, i) -> { // tcp.window_size_value
            Packet pk = packet(e).result().packet();
            return pk.isTcp() ? Value.number(pk.tcp.window) : Value.None.NONE;
        });
        def(p, "mss", ValueType.NUMBER, (e, i) -> { // tcp.options.mss_val
            Packet pk = packet(e).result().packet();
            return pk.isTcp() && pk.tcp.mss > 0 ? Value.number(pk.tcp.mss) : Value.None.NONE;
        });
        def(p, "wscale", ValueType.NUMBER, (e, i) -> { // tcp.options.wscale.shift
            Packet pk = packet(e).result().packet();
            return pk.isTcp() && pk.tcp.windowScale >= 0 && pk.tcp.has(TcpHeader.SYN) ? Value.number(pk.tcp.windowScale) : Value.None.NONE;
        });
        def(p, "icmp_type", ValueType.NUMBER, (e, i) -> { // icmp.type / icmpv6.type
            Packet pk = packet(e).result().packet();
            return pk.isIcmp() ? Value.number(pk.icmp.type) : Value.None.NONE;
        });
        def(p, "icmp_code", ValueType.NUMBER, (e, i) -> {
            Packet pk = packet(e).result().packet();
            return pk.isIcmp() ? Value.number(pk.icmp.code) : Value.None.NONE;
        });
        def(p, "findings", ValueType.STRING, (e, i) -> findings(packet(e)));
        def(p, "note", ValueType.STRING, (e, i) -> Value.text(packet(e).result().note()));
        FIELDS.put(ItemKind.PACKET, p);

        Map<String, FieldDef> c = new LinkedHashMap<>();
        def(c, "ts", ValueType.TIME, (e, i) -> Value.time(call(e).tsNanos()));
        def(c, "end", ValueType.TIME, (e, i) -> Value.time(call(e).endNanos()));
        def(c, "duration", ValueType.DURATION, (e, i) -> Value.duration(call(e).endNanos() - call(e).tsNanos()));
        def(c, "side", ValueType.STRING, (e, i) -> side(call(e).call().side()));
        def(c, "name", ValueType.STRING, (e, i) -> Value.text(call(e).call().call()));
        def(c, "sock", ValueType.STRING, (e, i) -> Value.text(call(e).call().sock()));
        def(c, "thread", ValueType.STRING, (e, i) -> Value.text(call(e).call().thread()));
        def(c, "result", ValueType.STRING, (e, i) -> Value.text(call(e).call().result()));
        def(c, "errno", ValueType.STRING, (e, i) -> Value.text(call(e).call().errno()));
        def(c, "unblocked_by", ValueType.NUMBER, (e, i) -> call(e).unblockedBy() == 0 ? Value.None.NONE
                : Value.number(call(e).unblockedBy()));
        def(c, "args", ValueType.ARGS, (e, i) -> new Value.Args(call(e).call()));
        FIELDS.put(ItemKind.CALL, c);

        Map<String, FieldDef> s = new LinkedHashMap<>();
        def(s, "ts", ValueType.TIME, (e, i) -> Value.time(state(e).tsNanos()));
        def(s, "end", ValueType.TIME, (e, i) -> Value.time(state(e).tsNanos()));
        def(s, "frame", ValueType.NUMBER, (e, i) -> Value.number(state(e).frame()));
        def(s, "side", ValueType.STRING, (e, i) -> side(state(e).side()));
        def(s, "endpoint", ValueType.STRING, (e, i) -> Value.text(state(e).endpoint()));
        def(s, "from", ValueType.STRING, (e, i) -> Value.text(state(e).from()));
        def(s, "to", ValueType.STRING, (e, i) -> Value.text(state(e).to()));
        FIELDS.put(ItemKind.STATE, s);

        Map<String, FieldDef> n = new LinkedHashMap<>();
        def(n, "ts", ValueType.TIME, (e, i) -> Value.time(note(e).tsNanos()));
        def(n, "end", ValueType.TIME, (e, i) -> Value.time(note(e).tsNanos()));
        def(n, "side", ValueType.STRING, (e, i) -> side(note(e).note().side()));
        def(n, "key", ValueType.STRING, (e, i) -> Value.text(note(e).note().key()));
        def(n, "value", ValueType.STRING, (e, i) -> Value.text(note(e).note().value()));
        FIELDS.put(ItemKind.NOTE, n);

        Map<String, FieldDef> k = new LinkedHashMap<>();
        def(k, "key", ValueType.STRING, (e, i) -> Value.text(((Value.KernelValue) e).key()));
        def(k, "value", ValueType.STRING, (e, i) -> Value.text(((Value.KernelValue) e).value()));
        FIELDS.put(ItemKind.KERNEL, k);
    }

    /** The field named {@code name} of kind {@code k}, or null. */
    static FieldDef of(ItemKind k, String name) {
        return FIELDS.get(k).get(name);
    }

    /** "ts, end, frame, ...": the names of a kind's fields, for messages. */
    static String names(ItemKind k) {
        return String.join(", ", FIELDS.get(k).keySet());
    }

    /** The fields a filter can compare with a literal: not times, items or arguments. */
    static String filterNames(ItemKind k) {
        List<String> out = new ArrayList<>();
        for (FieldDef d : FIELDS.get(k).values()) {
            switch (d.type().base()) {
                case TIME, ITEM, ARGS -> { }
                default -> out.add(d.name());
            }
        }
        return String.join(", ", out);
    }

    private static void def(Map<String, FieldDef> m, String name, ValueType t, FieldDef.Getter g) {
        m.put(name, new FieldDef(name, t, g));
    }

    private static FieldDef.Getter tcp(Function<TcpView, Value> f) {
        return (e, i) -> {
            TcpView v = packet(e).result().tcp();
            return v == null ? Value.None.NONE : f.apply(v);
        };
    }

    private static FieldDef.Getter ports(boolean source) {
        return (e, i) -> {
            Packet pk = packet(e).result().packet();
            return pk.isTcp() || pk.isUdp() ? Value.number(source ? pk.sourcePort : pk.destinationPort) : Value.None.NONE;
        };
    }

    private static Value side(Side s) {
        return s == null ? Value.None.NONE : new Value.Str(s.wireName());
    }

    private static Value flags(TimelineEvent.PacketSeen p) {
        if (!p.result().packet().isTcp() || p.result().tcp() == null) {
            return Value.None.NONE;
        }
        StringBuilder sb = new StringBuilder();
        TcpHeader.appendTcpdumpFlags(sb, p.result().packet().tcp.flags);
        return new Value.Str(sb.toString());
    }

    /** The TCP flag bits of a packet, or -1 when it is not a tracked TCP segment. */
    static int flagBits(Object event) {
        TimelineEvent.PacketSeen p = packet(event);
        return p.result().packet().isTcp() && p.result().tcp() != null ? p.result().packet().tcp.flags : -1;
    }

    private static Value length(Packet pk) {
        if (pk.isTcp()) {
            return Value.number(pk.tcp.payloadLength);
        }
        return pk.isUdp() ? Value.number(pk.udp.payloadLength()) : Value.None.NONE;
    }

    /** tshark's expert findings of a packet, as their tcp.analysis names. */
    static List<String> findingNames(Object event) {
        TcpAnalysis a = packet(event).result().analysis();
        List<String> out = new ArrayList<>();
        if (a != null) {
            AnalysisFlags.names(a.shownFlags(), out);
        }
        return out;
    }

    private static Value findings(TimelineEvent.PacketSeen p) {
        return new Value.Str(String.join(" ", findingNames(p)));
    }

    private static TimelineEvent.PacketSeen packet(Object e) {
        return (TimelineEvent.PacketSeen) e;
    }

    private static TimelineEvent.Call call(Object e) {
        return (TimelineEvent.Call) e;
    }

    private static TimelineEvent.StateChange state(Object e) {
        return (TimelineEvent.StateChange) e;
    }

    private static TimelineEvent.Observation note(Object e) {
        return (TimelineEvent.Observation) e;
    }
}
