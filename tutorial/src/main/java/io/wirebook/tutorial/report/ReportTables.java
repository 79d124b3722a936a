package io.wirebook.tutorial.report;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.flow.UdpFlow;
import io.wirebook.render.ConversationWriter;
import io.wirebook.render.Durations;
import io.wirebook.tutorial.notebook.Escape;
import io.wirebook.tutorial.notebook.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's conversation tables: the columns of {@code wirebook conversations} a reader scans for (who,
 * when, how much, how it ended, Zeek's conn_state and history) with the expert findings counted by name.
 * Rows are rendered when a connection ends, without their first cell (the stream number), which is
 * written when the table is, once it is known whether the connection has a page to link to.
 */
final class ReportTables {
    private ReportTables() {}

    static final String[] TCP_COLUMNS = {"stream", "client", "server", "start (s)", "duration (s)",
            "packets c\u2192s / s\u2192c", "bytes c\u2192s / s\u2192c", "handshake", "end", "states (client / server)",
            "conn_state", "history", "findings"};

    static Table tcpTable() {
        return new Table("wb-conversations", TCP_COLUMNS);
    }

    /** One connection's cells as a two-column table, a row per column of {@link #tcpTable}. */
    static Table tcpCard(List<String> cells) {
        Table t = new Table("wb-card", "field", "value");
        for (int i = 0; i < TCP_COLUMNS.length; i++) {
            t.row(null, TCP_COLUMNS[i], cells.get(i).isEmpty() ? "none" : cells.get(i));
        }
        return t;
    }

    static Table udpTable() {
        return new Table("wb-conversations", "flow", "a", "b", "start (s)", "duration (s)", "packets a\u2192b / b\u2192a",
                "bytes a\u2192b / b\u2192a", "ICMP errors");
    }

    static List<String> tcpCells(ConversationSummary s, long captureStart) {
        String a = ConversationWriter.endpoint(s.ipVersion, s.aAddress, s.aPort), b = ConversationWriter.endpoint(s.ipVersion, s.bAddress, s.bPort);
        List<String> c = new ArrayList<>(13);
        c.add(Integer.toString(s.stream));
        c.add(s.clientIsA ? a : b);
        c.add(s.clientIsA ? b : a);
        c.add(Durations.seconds(s.firstTime - captureStart, 6));
        c.add(Durations.seconds(s.durationNanos(), 6));
        c.add(pair(s.clientIsA, s.aPackets, s.bPackets));
        c.add(pair(s.clientIsA, s.aBytes, s.bBytes));
        c.add(s.handshakeRttNanos != 0 ? "RTT " + Durations.seconds(s.handshakeRttNanos, 6) + " s"
                : s.handshakeSeen ? "yes" : "not seen");
        c.add(s.end.words);
        c.add(s.clientState + " / " + s.serverState);
        c.add(s.connState);
        c.add(s.history.isEmpty() ? "-" : s.history);
        c.add(findings(s.findings));
        return c;
    }

    /** Findings by tshark's tag with their frame counts, e.g. "TCP Retransmission \u00d7 3, TCP Dup ACK \u00d7 5". */
    static String findings(int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            if (counts[i] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(AnalysisFlags.tag(i)).append(" \u00d7 ").append(counts[i]);
            }
        }
        return sb.toString();
    }

    static String findings(long[] counts) {
        int[] c = new int[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return findings(c);
    }

    static List<String> udpCells(UdpFlow f, long captureStart) {
        int v = f.key.ipVersion();
        List<String> c = new ArrayList<>(8);
        c.add(Integer.toString(f.index));
        c.add(ConversationWriter.endpoint(v, f.key.address(f.aIsKeyA()), f.key.port(f.aIsKeyA())));
        c.add(ConversationWriter.endpoint(v, f.key.address(!f.aIsKeyA()), f.key.port(!f.aIsKeyA())));
        c.add(Durations.seconds(f.firstTime - captureStart, 6));
        c.add(Durations.seconds(f.lastTime - f.firstTime, 6));
        c.add(f.aPackets + " / " + f.bPackets);
        c.add(f.aBytes + " / " + f.bBytes);
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < Math.min(f.icmpErrors, UdpFlow.MAX_ERRORS_KEPT); i++) {
            errors.append(i > 0 ? ", " : "").append("frame ").append(f.errorFrames[i]).append(' ')
                    .append(ConversationWriter.icmpErrorName(f.errorKinds[i]));
        }
        if (f.icmpErrors > UdpFlow.MAX_ERRORS_KEPT) {
            errors.append(", \u2026 (").append(f.icmpErrors).append(" in all)");
        }
        c.add(errors.toString());
        return c;
    }

    private static String pair(boolean clientIsA, long a, long b) {
        return clientIsA ? a + " / " + b : b + " / " + a;
    }

    /** The HTML of a row after its first cell, up to and with {@code </tr>}. */
    static String htmlRest(List<String> cells) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 1; i < cells.size(); i++) {
            sb.append("<td>").append(Escape.html(cells.get(i))).append("</td>");
        }
        return sb.append("</tr>").toString();
    }

    /** The GFM of a row after its first cell, with the line's end. */
    static String markdownRest(List<String> cells) {
        StringBuilder sb = new StringBuilder(192);
        for (int i = 1; i < cells.size(); i++) {
            sb.append(' ').append(Escape.markdownCell(cells.get(i))).append(" |");
        }
        return sb.append('\n').toString();
    }
}
