package io.wirebook.tutorial.capture;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One packet of a timeline as the scenario checks read it: flags in tcpdump letters, relative numbers,
 * cause; with helpers that find a timeline's calls. (Not the analyzer's {@code timeline.Seen}, the
 * builder's working record of a packet.)
 */
record PacketFacts(long frame, Side side, String proto, String flags, long seq, long ack, int len, long win, String cause,
        List<String> analysis, int icmpType, int icmpCode, int stream, int sport, int dport, List<Long> sackLeft) {

    static List<PacketFacts> packets(Timeline t) {
        List<PacketFacts> out = new ArrayList<>();
        for (TimelineEvent.PacketSeen ps : t.packets()) {
            PacketResult r = ps.result();
            Packet p = r.packet();
            boolean tcp = r.isTcp();
            String flags = "";
            long seq = -1, ack = -1, win = -1;
            int len = 0, stream = -1, sport = -1, dport = -1;
            List<String> analysis = new ArrayList<>();
            List<Long> sacks = new ArrayList<>();
            if (tcp) {
                flags = letters(p.tcp.flags);
                seq = r.tcp().relSeq;
                ack = r.tcp().relAck;
                len = p.tcp.payloadLength;
                win = r.tcp().scaledWindow;
                io.wirebook.analysis.AnalysisFlags.names(r.analysis().flags, analysis);
                stream = r.tcp().stream;
                sport = p.tcp.sourcePort;
                dport = p.tcp.destinationPort;
                // SACK blocks name the receiver's bytes: relative to the base of the acknowledged side.
                long base = (p.tcp.ack - r.tcp().relAck) & 0xFFFFFFFFL;
                for (int i = 0; i < p.tcp.sackCount; i++) {
                    sacks.add((p.tcp.sackLeft[i] - base) & 0xFFFFFFFFL);
                }
            } else if (p.isUdp()) {
                len = p.udp.payloadLength();
            }
            out.add(new PacketFacts(ps.frame().number, ps.side(), p.isTcp() ? "tcp" : p.isUdp() ? "udp" : p.isIcmp() ? "icmp" : "?",
                    flags, seq, ack, len, win, ps.cause().label(), analysis, p.isIcmp() ? p.icmp.type : -1,
                    p.isIcmp() ? p.icmp.code : -1, stream, sport, dport, sacks));
        }
        return out;
    }

    /** tcpdump's flag letters: S, S., ., P., F., R., R ... */
    static String letters(int f) {
        StringBuilder sb = new StringBuilder();
        if ((f & TcpHeader.FIN) != 0) sb.append('F');
        if ((f & TcpHeader.SYN) != 0) sb.append('S');
        if ((f & TcpHeader.RST) != 0) sb.append('R');
        if ((f & TcpHeader.PSH) != 0) sb.append('P');
        if ((f & TcpHeader.ACK) != 0) sb.append('.');
        return sb.toString();
    }

    static String flagSequence(List<PacketFacts> ps) {
        return ps.stream().map(PacketFacts::flags).collect(Collectors.joining(" "));
    }

    /** The calls named {@code name} on the given side, in time order. */
    static List<TimelineEvent.Call> calls(Timeline t, Side side, String name) {
        return t.calls().stream().filter(c -> c.call().side() == side && c.call().call().equals(name)
                && !"jdk".equals(c.call().arg("by"))).toList();
    }

    static TimelineEvent.Call call(Timeline t, Side side, String name) {
        List<TimelineEvent.Call> cs = calls(t, side, name);
        if (cs.isEmpty()) {
            throw new AssertionError("no " + side + " " + name + "() in the timeline");
        }
        return cs.get(0);
    }

    static SocketCall first(Timeline t, String name) {
        return t.calls().stream().map(TimelineEvent.Call::call).filter(c -> c.call().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + "() in the timeline"));
    }
}
