package io.wirebook.render;

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
 *
 * The frame column is as wide as the largest frame number the capture can hold (at least 5 digits), so
 * every arrow starts in the same column however long the capture; the notes are wrapped at spaces to the
 * width given, each line starting in the note column.
 */
public final class LadderTextWriter {
    private static final int ARROW = 52, STATE = 12;
    /** The frame column when nothing bounds the frame numbers: 10 million frames. */
    static final int UNBOUNDED_FRAME_DIGITS = 7;
    /** The least room a wrapped note line gets, however narrow the width. */
    static final int MIN_NOTE = 30;
    private final Utf8Sink out;
    private final StringBuilder sb = new StringBuilder(256);
    private final StringBuilder label = new StringBuilder(64);
    private final StringBuilder note = new StringBuilder(256);
    private final int width;
    private int frameDigits;
    private long start = Long.MIN_VALUE;
    private boolean header;

    /** A ladder with a 5-digit frame column and notes on one line each. */
    public LadderTextWriter(Utf8Sink out) {
        this(out, 99_999, 0);
    }

    /**
     * @param maxFrame the largest frame number the capture can hold (for a file: its size / 16, the
     *                 smallest pcap record), or 0 when nothing bounds it: then the column has room for
     *                 {@value #UNBOUNDED_FRAME_DIGITS} digits and widens from the first frame that needs more
     * @param width    the line width notes are wrapped to (0: no wrapping)
     */
    public LadderTextWriter(Utf8Sink out, long maxFrame, int width) {
        this.out = out;
        this.width = width;
        this.frameDigits = maxFrame > 0 ? Math.max(5, Long.toString(maxFrame).length()) : UNBOUNDED_FRAME_DIGITS;
    }

    /** One segment of the connection as one arrow, with its tags and note under it. */
    public void write(PacketResult r) throws IOException {
        Packet p = r.packet();
        TcpConnection c = r.connection();
        TcpView v = r.tcp();
        TcpAnalysis a = r.analysis();
        sb.setLength(0);
        String frame = Long.toString(p.frame.number);
        frameDigits = Math.max(frameDigits, frame.length());
        if (!header) {
            header = true;
            start = v.time;
            String client = endpoint(c, c.clientIsA), server = endpoint(c, !c.clientIsA);
            sb.append("TCP stream ").append(v.stream).append(": client ").append(client).append(", server ")
                    .append(server).append('\n');
            pad(sb, "#", frameDigits).append(' ');
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
        pad(sb, frame, frameDigits).append(' ');
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
        note.setLength(0);
        TextPacketWriter.tags(note, a);
        if (note.length() > 0) {
            note.deleteCharAt(0); // tags() starts with the space a packet line needs; here the column is set
            note.append(' ');
        }
        r.appendNote(note);
        trimEnd(note);
        wrap(sb, note, frameDigits + 1 + 10 + 2 + STATE + 2);
        out.write(sb);
    }

    /**
     * Appends {@code text} in lines that start at column {@code indent} and end by {@link #width}, broken at
     * spaces; a word longer than a line gets a line of its own.
     */
    private void wrap(StringBuilder sb, CharSequence text, int indent) {
        int room = width <= 0 ? Integer.MAX_VALUE : Math.max(MIN_NOTE, width - indent);
        int i = 0, n = text.length();
        while (i < n) {
            int end = n;
            if (n - i > room) {
                end = i + room;
                while (end > i && text.charAt(end) != ' ') {
                    end--;
                }
                if (end == i) { // no space within the line: the word runs on to the next space
                    end = i + room;
                    while (end < n && text.charAt(end) != ' ') {
                        end++;
                    }
                }
            }
            repeat(sb, ' ', indent).append(text, i, end).append('\n');
            i = end;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static String endpoint(TcpConnection c, boolean sideA) {
        boolean keyA = sideA == c.aIsKeyA();
        return ConversationWriter.endpoint(c.key.ipVersion(), c.key.address(keyA), c.key.port(keyA));
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
