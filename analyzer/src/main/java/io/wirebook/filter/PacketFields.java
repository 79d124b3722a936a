package io.wirebook.filter;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.capture.Bytes;
import io.wirebook.capture.LinkType;
import io.wirebook.decode.IcmpHeader;
import io.wirebook.decode.Malformed;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.decode.TcpOptionKind;
import io.wirebook.flow.TcpState;
import io.wirebook.flow.TcpView;
import io.wirebook.pipeline.PacketResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;

/**
 * Every field of the language and how it reads the pipeline's result: the decoded {@link Packet}, the
 * {@link TcpView} and the {@link TcpAnalysis}. Where tshark has a field, it has tshark's name and meaning;
 * the README's table lists them all ("Display filters"), and a test keeps the two the same.
 *
 * <p>As in tshark, the packet an ICMP error quotes counts for the protocols ({@code ip}, {@code ipv6},
 * {@code tcp}, {@code udp}), the IP header fields ({@code ip.src}, {@code ip.addr}, {@code ip.ttl},
 * {@code ipv6.hlim}, ...), the ports ({@code tcp.port}, {@code udp.srcport}, ...) and {@code udp.length}:
 * {@code udp.port == 53} also keeps the port unreachable that quotes a DNS query. The other TCP fields
 * read the packet's own segment.
 */
final class PacketFields {
    private PacketFields() {}

    static final FieldTable TABLE = build();

    private static FieldTable build() {
        FieldTable.Builder t = new FieldTable.Builder();
        frame(t);
        ip(t);
        tcp(t);
        udp(t);
        icmp(t);
        wirebook(t);
        return t.build();
    }

    // ---- frame ------------------------------------------------------------------------------------------

    private static void frame(FieldTable.Builder t) {
        t.add(number("frame.number", r -> true, r -> r.frame().number), "frame");
        t.add(number("frame.len", r -> true, r -> r.frame().originalLength), "len");
        t.add(number("frame.cap_len", r -> true, r -> r.frame().capturedLength), "caplen");
        t.add(number("frame.interface_id", r -> r.frame().interfaceId >= 0, r -> r.frame().interfaceId), "interface");
    }

    // ---- IPv4 and IPv6 ----------------------------------------------------------------------------------

    private static void ip(FieldTable.Builder t) {
        t.add(new Field.Presence("ip", r -> ipLayer(r.packet(), 4, Malformed.Layer.IPV4), null));
        t.add(new Field.Address("ip.src", addresses(4, true, false, true), 4));
        t.add(new Field.Address("ip.dst", addresses(4, false, true, true), 4));
        t.add(new Field.Address("ip.addr", addresses(4, true, true, true), 4));
        // The IP header fields, like the addresses, are also those of the header an ICMP error quotes.
        Test own4 = r -> r.packet().network == Packet.NET_IPV4;
        Test quoted4 = r -> quotes(r.packet()) && r.packet().icmp.innerIpVersion == 4;
        t.add(numbers("ip.ttl", new Src(own4, r -> r.packet().ipv4.ttl), new Src(quoted4, r -> quotedU8(r, 8))));
        t.add(numbers("ip.len", new Src(own4, r -> r.packet().ipv4.totalLength), new Src(quoted4, r -> quotedU16(r, 2))));
        t.add(numbers("ip.proto", new Src(own4, r -> r.packet().ipv4.protocol), new Src(quoted4, r -> quotedU8(r, 9))));
        t.add(new Field.Presence("ipv6", r -> ipLayer(r.packet(), 6, Malformed.Layer.IPV6), null));
        t.add(new Field.Address("ipv6.src", addresses(6, true, false, true), 6));
        t.add(new Field.Address("ipv6.dst", addresses(6, false, true, true), 6));
        t.add(new Field.Address("ipv6.addr", addresses(6, true, true, true), 6));
        Test own6 = r -> r.packet().network == Packet.NET_IPV6;
        Test quoted6 = r -> quotes(r.packet()) && r.packet().icmp.innerIpVersion == 6;
        t.add(numbers("ipv6.hlim", new Src(own6, r -> r.packet().ipv6.hopLimit), new Src(quoted6, r -> quotedU8(r, 7))));
        t.add(numbers("ipv6.plen", new Src(own6, r -> r.packet().ipv6.payloadLength), new Src(quoted6, r -> quotedU16(r, 4))));
        t.add(numbers("ipv6.nxt", new Src(own6, r -> r.packet().ipv6.nextHeader), new Src(quoted6, r -> quotedU8(r, 6))));
    }

    /** The packet's IP header of this version (also one cut short or damaged), or the one its ICMP error quotes. */
    private static boolean ipLayer(Packet p, int version, Malformed.Layer layer) {
        return p.network == version || (p.network == Packet.NET_NONE && p.malformed != null && p.malformed.layer == layer)
                || (quotes(p) && p.icmp.innerIpVersion == version);
    }

    private static boolean quotes(Packet p) {
        return p.isIcmp() && p.icmp.hasInner;
    }

    /** A byte of the IP header an ICMP error quotes (which is whole when it {@link #quotes}). */
    private static long quotedU8(PacketResult r, int at) {
        Packet p = r.packet();
        return Bytes.u8(p.bytes(), p.base() + p.icmp.innerOffset + at);
    }

    private static long quotedU16(PacketResult r, int at) {
        Packet p = r.packet();
        return Bytes.u16(p.bytes(), p.base() + p.icmp.innerOffset + at);
    }

    /**
     * Addresses of one IP version (0: either): the packet's source and/or destination, and with
     * {@code quoted} those of the packet its ICMP error quotes.
     */
    private static Field.Addresses addresses(int version, boolean src, boolean dst, boolean quoted) {
        return new Field.Addresses() {
            @Override
            public boolean present(PacketResult r) {
                Packet p = r.packet();
                return own(p) || (quoted && inner(p));
            }

            @Override
            public boolean any(PacketResult r, Field.AddressTest test) {
                Packet p = r.packet();
                byte[] b = p.bytes();
                int base = p.base();
                if (own(p) && ((src && test.test(p.network, b, base + p.sourceAddressOffset()))
                        || (dst && test.test(p.network, b, base + p.destinationAddressOffset())))) {
                    return true;
                }
                if (quoted && inner(p)) {
                    IcmpHeader m = p.icmp;
                    return (src && test.test(m.innerIpVersion, b, base + m.innerSourceOffset))
                            || (dst && test.test(m.innerIpVersion, b, base + m.innerDestinationOffset));
                }
                return false;
            }

            private boolean own(Packet p) {
                return p.network != Packet.NET_NONE && (version == 0 || p.network == version);
            }

            private boolean inner(Packet p) {
                return quotes(p) && (version == 0 || p.icmp.innerIpVersion == version);
            }
        };
    }

    // ---- TCP --------------------------------------------------------------------------------------------

    private static void tcp(FieldTable.Builder t) {
        t.add(new Field.Presence("tcp", r -> transport(r.packet(), 6, Malformed.Layer.TCP), null));
        ports(t, "tcp", 6);
        t.add(number("tcp.stream", r -> r.tcp() != null, r -> r.tcp().stream));
        t.add(number("tcp.seq", r -> r.packet().isTcp(), r -> r.tcp() != null ? r.tcp().relSeq : r.packet().tcp.seq));
        t.add(number("tcp.ack", r -> r.packet().isTcp(), r -> r.tcp() != null ? r.tcp().relAck : r.packet().tcp.ack));
        t.add(number("tcp.nxtseq", r -> r.tcp() != null, r -> r.tcp().nextSeq));
        t.add(number("tcp.seq_raw", r -> r.packet().isTcp(), r -> r.packet().tcp.seq));
        t.add(number("tcp.ack_raw", r -> r.packet().isTcp(), r -> r.packet().tcp.ack));
        t.add(number("tcp.len", r -> r.packet().isTcp(), r -> r.packet().tcp.payloadLength));
        t.add(number("tcp.hdr_len", r -> r.packet().isTcp(), r -> r.packet().tcp.headerLength));
        t.add(number("tcp.window_size", r -> r.packet().isTcp(),
                r -> r.tcp() != null ? r.tcp().scaledWindow : r.packet().tcp.window), "tcp.window", "tcp.win");
        t.add(number("tcp.window_size_value", r -> r.packet().isTcp(), r -> r.packet().tcp.window), "tcp.win_raw");
        t.add(new Field.Number("tcp.flags", single(r -> r.packet().isTcp(), r -> r.packet().tcp.flags), false,
                names(flagNames())));
        String[][] flags = {{"res", "RES"}, {"ae", "AE"}, {"cwr", "CWR"}, {"ece", "ECE"}, {"urg", "URG"},
                {"ack", "ACK"}, {"push", "PSH"}, {"reset", "RST"}, {"syn", "SYN"}, {"fin", "FIN"}};
        for (String[] f : flags) {
            int bits = flagBits(f[1]);
            String json = f[1].toLowerCase(Locale.ROOT);
            // tshark's tcp.flags.push and .reset are also reachable by JSON Lines' flag names, PSH and RST.
            String[] alias = json.equals(f[0]) ? new String[0] : new String[] {"tcp.flags." + json};
            t.add(new Field.Bool("tcp.flags." + f[0], r -> r.packet().isTcp(),
                    r -> r.packet().isTcp() && (r.packet().tcp.flags & bits) != 0), alias);
        }
        t.add(new Field.Number("tcp.option_kind", optionKinds(), false, null));
        t.add(new Field.Presence("tcp.options", r -> r.packet().isTcp() && r.packet().tcp.optionCount > 0,
                names(optionNames())));
        analysis(t);
        t.add(new Field.Text("tcp.side", r -> r.tcp() == null ? null : r.tcp().fromClient ? "client" : "server",
                List.of("client", "server")));
        t.add(new Field.Presence("tcp.states", r -> r.tcp() != null && (r.tcp().clientSteps > 0 || r.tcp().serverSteps > 0),
                names(stateNames())));
    }

    /**
     * The packet carries this transport's header (also one cut short: its ports are there, or its layer is
     * the damaged one), or quotes one in an ICMP error. A later IP fragment carries none.
     */
    private static boolean transport(Packet p, int protocol, Malformed.Layer layer) {
        if (p.network != Packet.NET_NONE && p.ipProtocol == protocol && !p.laterFragment
                && (p.transport == protocol || p.sourcePort >= 0 || (p.malformed != null && p.malformed.layer == layer))) {
            return true;
        }
        return quotes(p) && p.icmp.innerProtocol == protocol && p.icmp.innerTransportCaptured > 0;
    }

    /** PROTO.srcport, .dstport and .port: the packet's own, and those of the datagram an ICMP error quotes. */
    private static void ports(FieldTable.Builder t, String proto, int protocol) {
        Test own = r -> r.packet().sourcePort >= 0 && r.packet().ipProtocol == protocol && !r.packet().isIcmp();
        Test quoted = r -> quotes(r.packet()) && r.packet().icmp.innerProtocol == protocol && r.packet().icmp.innerSourcePort >= 0;
        Src ownSrc = new Src(own, r -> r.packet().sourcePort);
        Src ownDst = new Src(own, r -> r.packet().destinationPort);
        Src quotedSrc = new Src(quoted, r -> r.packet().icmp.innerSourcePort);
        Src quotedDst = new Src(quoted, r -> r.packet().icmp.innerDestinationPort);
        t.add(new Field.Number(proto + ".srcport", values(ownSrc, quotedSrc), false, null));
        t.add(new Field.Number(proto + ".dstport", values(ownDst, quotedDst), false, null));
        t.add(new Field.Number(proto + ".port", values(ownSrc, ownDst, quotedSrc, quotedDst), false, null));
    }

    private static Map<String, Test> flagNames() {
        Map<String, Test> m = new LinkedHashMap<>();
        for (String n : new String[] {"RES", "AE", "CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"}) {
            int bits = flagBits(n);
            m.put(n, r -> r.packet().isTcp() && (r.packet().tcp.flags & bits) != 0);
        }
        return m;
    }

    /** The bits of a flag name as JSON Lines lists it ({@link TcpHeader#flagNames}): RES is any of the three reserved. */
    private static int flagBits(String name) {
        switch (name) {
            case "RES": return 0xE00;
            case "AE": return TcpHeader.AE;
            case "CWR": return TcpHeader.CWR;
            case "ECE": return TcpHeader.ECE;
            case "URG": return TcpHeader.URG;
            case "ACK": return TcpHeader.ACK;
            case "PSH": return TcpHeader.PSH;
            case "RST": return TcpHeader.RST;
            case "SYN": return TcpHeader.SYN;
            case "FIN": return TcpHeader.FIN;
            default: throw new IllegalArgumentException(name);
        }
    }

    /** tshark's tcp.option_kind: the kind of every option, in order. */
    private static Field.Values optionKinds() {
        return new Field.Values() {
            @Override
            public boolean present(PacketResult r) {
                return r.packet().isTcp() && r.packet().tcp.optionCount > 0;
            }

            @Override
            public boolean any(PacketResult r, LongPredicate test) {
                if (!r.packet().isTcp()) {
                    return false;
                }
                TcpHeader h = r.packet().tcp;
                for (int i = 0; i < h.optionCount; i++) {
                    if (test.test(h.optionKinds[i])) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * The option names JSON Lines gives ({@code options[].kind}): one per kind number, Fast Open as
     * {@code tfo} in either form (kind 34, or an experimental kind with its ExID), {@code exp} any other
     * experimental option.
     */
    private static Map<String, Test> optionNames() {
        Map<String, Test> m = new LinkedHashMap<>();
        for (int kind = 0; kind < 256; kind++) {
            String name = TcpOptionKind.valueOf(kind).name();
            if (name.startsWith("unknown-") || m.containsKey(name)) {
                continue;
            }
            if (kind == TcpHeader.OPT_TFO) {
                m.put(name, r -> r.packet().isTcp() && r.packet().tcp.tfoOption >= 0);
            } else if (TcpOptionKind.valueOf(kind).isExperimental()) {
                m.put(name, r -> hasOption(r, TcpHeader.OPT_EXPERIMENT1, true) || hasOption(r, TcpHeader.OPT_EXPERIMENT2, true));
            } else {
                int k = kind;
                m.put(name, r -> hasOption(r, k, false));
            }
        }
        return m;
    }

    private static boolean hasOption(PacketResult r, int kind, boolean notFastOpen) {
        if (!r.packet().isTcp()) {
            return false;
        }
        TcpHeader h = r.packet().tcp;
        for (int i = 0; i < h.optionCount; i++) {
            if (h.optionKinds[i] == kind && !(notFastOpen && i == h.tfoOption)) {
                return true;
            }
        }
        return false;
    }

    /** Every state a segment can move a side to (each step of a state path counts). */
    private static Map<String, Test> stateNames() {
        Map<String, Test> m = new LinkedHashMap<>();
        for (TcpState s : TcpState.values()) {
            if (s == TcpState.UNKNOWN || s == TcpState.NO_SOCKET) {
                continue; // never entered by a segment
            }
            m.put(s.name(), r -> r.tcp() != null && (on(s, r.tcp().clientPath, r.tcp().clientSteps)
                    || on(s, r.tcp().serverPath, r.tcp().serverSteps)));
        }
        return m;
    }

    private static boolean on(TcpState s, TcpState[] path, int steps) {
        for (int i = 0; i < steps; i++) {
            if (path[i] == s) {
                return true;
            }
        }
        return false;
    }

    // ---- TCP expert analysis ----------------------------------------------------------------------------

    private static void analysis(FieldTable.Builder t) {
        Map<String, Test> findings = new LinkedHashMap<>();
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            int bit = 1 << i;
            findings.put(AnalysisFlags.name(i), r -> r.analysis() != null && (r.analysis().shownFlags() & bit) != 0);
        }
        Test any = r -> r.analysis() != null && r.analysis().shownFlags() != 0;
        t.add(new Field.Presence("tcp.analysis", any, names(findings)));
        t.add(new Field.Presence("tcp.analysis.flags", any, null));
        for (Map.Entry<String, Test> e : findings.entrySet()) {
            t.add(new Field.Presence("tcp.analysis." + e.getKey(), e.getValue(), null));
        }
        t.add(number("tcp.analysis.duplicate_ack_num", r -> shown(r) && (r.analysis().flags & AnalysisFlags.DUPLICATE_ACK) != 0,
                r -> r.analysis().dupAckNum), "tcp.dup_ack_num");
        t.add(number("tcp.analysis.duplicate_ack_frame", r -> shown(r) && (r.analysis().flags & AnalysisFlags.DUPLICATE_ACK) != 0,
                r -> r.analysis().dupAckFrame), "tcp.dup_ack_of");
        t.add(number("tcp.analysis.acks_frame", r -> shown(r) && r.analysis().acksFrame != 0, r -> r.analysis().acksFrame),
                "tcp.acks_frame");
        t.add(seconds("tcp.analysis.ack_rtt", r -> shown(r) && r.analysis().acksFrame != 0 && r.analysis().ackRttNanos != 0,
                r -> r.analysis().ackRttNanos), "tcp.ack_rtt");
        // tshark prints the iRTT inside the SEQ/ACK analysis tree, so only on the segments that have one;
        // JSON Lines gives it on every segment once it is known.
        t.add(seconds("tcp.analysis.initial_rtt", r -> seqAckTree(r) && r.analysis().initialRttNanos != 0,
                r -> r.analysis().initialRttNanos));
        t.add(seconds("tcp.initial_rtt", r -> shown(r) && r.analysis().initialRttNanos != 0,
                r -> r.analysis().initialRttNanos));
        t.add(number("tcp.analysis.bytes_in_flight", r -> shown(r) && r.analysis().bytesInFlight > 0,
                r -> r.analysis().bytesInFlight), "tcp.bytes_in_flight");
        t.add(number("tcp.analysis.push_bytes_sent", r -> shown(r) && r.analysis().bytesInFlight > 0,
                r -> r.analysis().pushBytesSent), "tcp.push_bytes_sent");
        t.add(number("tcp.repeats_frame", r -> shown(r) && r.analysis().repeatsFrame != 0, r -> r.analysis().repeatsFrame));
        t.add(seconds("tcp.repeats_after", r -> shown(r) && r.analysis().repeatsFrame != 0,
                r -> r.analysis().sinceRepeatedNanos));
        t.add(number("tcp.first_sent_frame",
                r -> shown(r) && r.analysis().repeatsFrame != 0 && r.analysis().firstSentFrame != r.analysis().repeatsFrame,
                r -> r.analysis().firstSentFrame));
    }

    /**
     * tshark's "SEQ/ACK analysis" tree (its bare {@code tcp.analysis}): a segment with a finding, one that
     * acknowledges a segment exactly, or one with bytes in flight. Equal to tshark 4.0's on every frame of
     * the bundled captures (DisplayFilterTsharkTest).
     */
    private static boolean seqAckTree(PacketResult r) {
        TcpAnalysis a = r.analysis();
        return shown(r) && (a.shownFlags() != 0 || a.acksFrame != 0 || a.bytesInFlight > 0);
    }

    /** The segment's analysis is there and tshark would show it (JSON Lines has its fields). */
    private static boolean shown(PacketResult r) {
        return r.analysis() != null && !r.analysis().hidden;
    }

    // ---- UDP and ICMP -----------------------------------------------------------------------------------

    private static void udp(FieldTable.Builder t) {
        t.add(new Field.Presence("udp", r -> transport(r.packet(), 17, Malformed.Layer.UDP), null));
        ports(t, "udp", 17);
        Test quoted = r -> quotes(r.packet()) && r.packet().icmp.innerProtocol == 17 && r.packet().icmp.innerTransportCaptured >= 6;
        t.add(numbers("udp.length", new Src(r -> r.packet().isUdp(), r -> r.packet().udp.length),
                new Src(quoted, r -> Bytes.u16(r.packet().bytes(), r.packet().base() + r.packet().icmp.innerTransportOffset + 4))),
                "udp.len");
    }

    private static void icmp(FieldTable.Builder t) {
        Test v4 = r -> r.packet().transport == Packet.TRANSPORT_ICMP;
        Test v6 = r -> r.packet().transport == Packet.TRANSPORT_ICMPV6;
        t.add(new Field.Presence("icmp", r -> v4.test(r)
                || (r.packet().ipProtocol == 1 && layerDamaged(r.packet(), Malformed.Layer.ICMP)), null));
        t.add(number("icmp.type", v4, r -> r.packet().icmp.type));
        t.add(number("icmp.code", v4, r -> r.packet().icmp.code));
        t.add(new Field.Presence("icmpv6", r -> v6.test(r)
                || (r.packet().ipProtocol == 58 && layerDamaged(r.packet(), Malformed.Layer.ICMPV6)), null));
        t.add(number("icmpv6.type", v6, r -> r.packet().icmp.type));
        t.add(number("icmpv6.code", v6, r -> r.packet().icmp.code));
    }

    private static boolean layerDamaged(Packet p, Malformed.Layer layer) {
        return p.malformed != null && p.malformed.layer == layer && !p.laterFragment;
    }

    // ---- Wirebook's own: the JSON Lines fields tshark has no name for -----------------------------------

    private static void wirebook(FieldTable.Builder t) {
        t.add(new Field.Address("src", addresses(0, true, false, false), 0));
        t.add(new Field.Address("dst", addresses(0, false, true, false), 0));
        t.add(number("ip_version", r -> r.packet().network != Packet.NET_NONE, r -> r.packet().network));
        t.add(number("ttl", r -> r.packet().network != Packet.NET_NONE,
                r -> r.packet().network == Packet.NET_IPV4 ? r.packet().ipv4.ttl : r.packet().ipv6.hopLimit));
        t.add(number("ip_len", r -> r.packet().network != Packet.NET_NONE,
                r -> r.packet().network == Packet.NET_IPV4 ? r.packet().ipv4.totalLength : r.packet().ipv6.payloadLength + 40));
        t.add(new Field.Text("proto", r -> r.packet().protocolName(), List.of()));
        t.add(number("sport", r -> r.packet().sourcePort >= 0, r -> r.packet().sourcePort));
        t.add(number("dport", r -> r.packet().sourcePort >= 0, r -> r.packet().destinationPort));
        t.add(new Field.Text("link", r -> LinkType.name(r.frame().linkType), List.of()));
        t.add(new Field.Text("fragment", r -> r.packet().laterFragment ? "later" : r.packet().firstFragment ? "first" : null,
                List.of("first", "later")));
        t.add(new Field.Presence("truncated", r -> r.frame().isTruncated(), null));
        t.add(new Field.Presence("malformed", r -> r.packet().malformed != null, null));
        List<String> layers = new ArrayList<>();
        for (Malformed.Layer l : Malformed.Layer.values()) {
            layers.add(l.label());
        }
        t.add(new Field.Text("malformed.layer", r -> r.packet().malformed != null ? r.packet().malformed.layer.label() : null,
                List.copyOf(layers)));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** One value source of a field: there or not, and its value. */
    private record Src(Test present, ToLongFunction<PacketResult> value) {}

    private static Field.Number number(String name, Test present, ToLongFunction<PacketResult> value) {
        return new Field.Number(name, single(present, value), false, null);
    }

    private static Field.Number numbers(String name, Src... sources) {
        return new Field.Number(name, values(sources), false, null);
    }

    private static Field.Number seconds(String name, Test present, ToLongFunction<PacketResult> nanos) {
        return new Field.Number(name, single(present, nanos), true, null);
    }

    private static Field.Values single(Test present, ToLongFunction<PacketResult> value) {
        return new Field.Values() {
            @Override
            public boolean present(PacketResult r) {
                return present.test(r);
            }

            @Override
            public boolean any(PacketResult r, LongPredicate test) {
                return present.test(r) && test.test(value.applyAsLong(r));
            }
        };
    }

    private static Field.Values values(Src... sources) {
        return new Field.Values() {
            @Override
            public boolean present(PacketResult r) {
                for (Src s : sources) {
                    if (s.present().test(r)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean any(PacketResult r, LongPredicate test) {
                for (Src s : sources) {
                    if (s.present().test(r) && test.test(s.value().applyAsLong(r))) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /** {@code has} over these names, matched in any case. */
    private static Field.Names names(Map<String, Test> byName) {
        Map<String, Test> lower = new LinkedHashMap<>();
        byName.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        List<String> all = List.copyOf(byName.keySet());
        return new Field.Names() {
            @Override
            public Test has(String name) {
                return lower.get(name.toLowerCase(Locale.ROOT));
            }

            @Override
            public List<String> all() {
                return all;
            }
        };
    }
}
