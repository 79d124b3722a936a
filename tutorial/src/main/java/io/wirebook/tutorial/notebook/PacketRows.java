package io.wirebook.tutorial.notebook;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.calls.Side;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpView;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.Durations;
import java.util.List;

/** The annotated packet table of a {@code packets} cell and of a report's connection page: one row per packet. */
public final class PacketRows {
    private PacketRows() {}

    /** An empty packet table. */
    public static Table table() {
        return new Table("wb-packets", "#", "time", "direction", "flags", "seq", "ack", "len", "win", "findings", "note");
    }

    /** The direction column for a packet whose sender the socket calls name (null: unknown). */
    public static String direction(Side sender) {
        return sender == Side.CLIENT ? CLIENT_TO_SERVER : sender == Side.SERVER ? SERVER_TO_CLIENT : "";
    }

    /** The direction column for a packet of a capture without calls: the connection's client is who sent the SYN. */
    public static String direction(PacketResult r) {
        return r.tcp() == null ? "" : r.fromClient() ? CLIENT_TO_SERVER : SERVER_TO_CLIENT;
    }

    private static final String CLIENT_TO_SERVER = "client \u2192 server", SERVER_TO_CLIENT = "server \u2192 client";

    /**
     * The row of one packet.
     *
     * @param dir       its direction column ({@link #direction})
     * @param zeroNanos the time that is 0 in the time column
     */
    public static List<String> cells(PacketResult r, String dir, long tsNanos, long zeroNanos) {
        Packet p = r.packet();
        TcpView v = r.tcp();
        String flags, seq = "", ack = "", len, win = "";
        if (v != null) {
            StringBuilder f = new StringBuilder();
            TcpHeader.appendTcpdumpFlags(f, p.tcp.flags);
            flags = f.toString();
            seq = Long.toString(v.relSeq);
            ack = (p.tcp.flags & TcpHeader.ACK) != 0 ? Long.toString(v.relAck) : "";
            len = Integer.toString(p.tcp.payloadLength);
            win = Long.toString(v.scaledWindow);
        } else if (p.isUdp()) {
            flags = "UDP";
            len = Integer.toString(p.udp.payloadLength());
        } else if (p.isIcmp()) {
            // The ICMP message's length, header and quoted datagram included, as tcpdump's "length 40".
            flags = "ICMP";
            len = Integer.toString(p.network == Packet.NET_IPV4 ? p.ipv4.totalLength - p.ipv4.headerLength : p.ipv6.payloadLength);
        } else {
            flags = p.protocolName();
            len = Integer.toString(r.frame().originalLength);
        }
        return List.of(Long.toString(r.frame().number), Durations.seconds(tsNanos - zeroNanos, 6), dir, flags, seq, ack,
                len, win, findings(r), r.note());
    }

    /** The packet's expert findings as tshark names them, comma-separated, or "". */
    public static String findings(PacketResult r) {
        if (r.analysis() == null) {
            return "";
        }
        int shown = r.analysis().shownFlags();
        if (shown == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            if ((shown & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(AnalysisFlags.tag(i));
            }
        }
        return sb.toString();
    }
}
