package io.wirebook.render;

import io.wirebook.decode.Addresses;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpConnection;
import io.wirebook.flow.TcpState;
import io.wirebook.flow.TcpView;
import io.wirebook.pipeline.PacketResult;
import java.io.IOException;

/**
 * The {@code timeline} command's drawing of one TCP connection as a text ladder (the {@code timeline}
 * package is something else: calls and packets merged): the client on the left, the server on the right, one arrow per
 * segment with its flags, relative seq/ack and length, the state each side enters beside it, and under it
 * Wireshark's expert tags and one sentence of plain words.
 *
 * <pre>
 *     #       time  client 127.0.0.1:47888                              server 127.0.0.1:40415
 *     1   0.000000     SYN_SENT |-- [S] seq 0 win 65495 len 0 -------------->|
 *                               SYN: opens a connection; ...
 * </pre>
 */
public final class LadderTextWriter {
    private static final int ARROW = 52, STATE = 12;
    private final Utf8Sink out;
    private final StringBuilder sb = new StringBuilder(256);
    private final StringBuilder label = new StringBuilder(64);
    private long start = Long.MIN_VALUE;
    private boolean header;

    public LadderTextWriter(Utf8Sink out) {
        this.out = out;
    }

    /** One segment of the connection as one arrow, with its tags and note under it. */
    public void write(PacketResult r) throws IOException {
        Packet p = r.packet();
        TcpConnection c = r.connection();
        TcpView v = r.tcp();
        TcpAnalysis a = r.analysis();
        sb.setLength(0);
        if (!header) {
            header = true;
            start = v.time;
            String client = endpoint(c, c.clientIsA), server = endpoint(c, !c.clientIsA);
            sb.append("TCP stream ").append(v.stream).append(": client ").append(client).append(", server ")
                    .append(server).append('\n');
            pad(sb, "#", 5).append(' ');
            pad(sb, "time", 10).append("  ");
            pad(sb, "client", STATE).append(" |");
            center(sb, ARROW);
            sb.append("| server\n");
        }
        TcpHeader t = p.tcp;
        label.setLength(0);
        label.append(' ').append('[');
        TcpHeader.appendTcpdumpFlags(label, t.flags);
        label.append("] seq ").append(v.relSeq);
        if ((t.flags & TcpHeader.ACK) != 0) {
            label.append(" ack ").append(v.relAck);
        }
        label.append(" win ").append(v.scaledWindow).append(" len ").append(t.payloadLength).append(' ');
        pad(sb, Long.toString(p.frame.number), 5).append(' ');
        StringBuilder time = new StringBuilder(12);
        Durations.appendSeconds(time, v.time - start, 6);
        pad(sb, time.toString(), 10).append("  ");
        pad(sb, state(v, true), STATE).append(" |");
        int fill = Math.max(2, ARROW - label.length() - 3);
        if (v.fromClient) {
            sb.append("--").append(label);
            repeat(sb, '-', fill).append('>');
        } else {
            sb.append('<').append("--").append(label);
            repeat(sb, '-', fill);
        }
        sb.append("| ").append(state(v, false));
        trimEnd(sb);
        sb.append('\n');
        int mark = sb.length();
        repeat(sb, ' ', 5 + 1 + 10 + 2 + STATE + 2);
        int before = sb.length();
        TextPacketWriter.tags(sb, a);
        if (sb.length() > before) {
            sb.deleteCharAt(before); // tags() starts with the space a packet line needs; here the column is set
            sb.append(' ');
        }
        if (!r.appendNote(sb) && sb.length() == before) {
            sb.setLength(mark);
        } else {
            trimEnd(sb);
            sb.append('\n');
        }
        out.write(sb);
    }

    /** Says so when the stream was never seen. */
    public void none(int stream) throws IOException {
        sb.setLength(0);
        sb.append("no TCP stream ").append(stream).append(" in this capture\n");
        out.write(sb);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static String endpoint(TcpConnection c, boolean sideA) {
        boolean keyA = sideA == c.aIsKeyA();
        int v = c.key.ipVersion();
        String addr = Addresses.toString(v, c.key.address(keyA), 0);
        return (v == 6 ? "[" + addr + "]" : addr) + ":" + c.key.port(keyA);
    }

    /**
     * The state a side enters on this packet; where the packet only disproved an earlier one (a SYN/ACK
     * sent again), the state the side is really in: the lines above are printed already, the note says which.
     */
    private static String state(TcpView v, boolean client) {
        TcpState s = client ? v.clientState : v.serverState;
        if (s == null && v.revision != TcpView.Revision.NONE && v.revisedClient == client) {
            s = v.revisedTo;
        }
        return s == null ? "" : s.name();
    }

    private static StringBuilder pad(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(s);
    }

    private static void center(StringBuilder sb, int width) {
        repeat(sb, ' ', width);
    }

    private static StringBuilder repeat(StringBuilder sb, char c, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb;
    }

    private static void trimEnd(StringBuilder sb) {
        int n = sb.length();
        while (n > 0 && sb.charAt(n - 1) == ' ') {
            n--;
        }
        sb.setLength(n);
    }
}
