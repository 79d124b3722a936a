package io.wirebook.render;

import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.Map;

/**
 * A timeline as text: time since the first event, the side, then a socket call as C would write it or
 * a packet in the {@code wirebook read} style, with what caused it ({@code <- client connect()}) and, on
 * the next line, the plain-words note.
 *
 * <pre>
 *   +0.022929 client  connect(client, 127.0.0.1:36223) = 0                 returned on #2 after 0.2 ms
 *   +0.022944 client  #1 Flags [S], seq 0, win 65495, ... length 0      &lt;- client connect()
 *                     SYN: opens a connection; proposes MSS 65495, ...
 * </pre>
 */
public final class TimelineTextWriter {
    private TimelineTextWriter() {}

    public static String render(Timeline t) {
        StringBuilder sb = new StringBuilder(4096);
        long zero = t.startNanos();
        StringBuilder line = new StringBuilder(256);
        for (TimelineEvent e : t.events()) {
            time(sb, e.tsNanos() - zero);
            if (e instanceof TimelineEvent.Call c) {
                SocketCall call = c.call();
                sb.append(side(call.side().wireName()));
                int mark = sb.length();
                describe(sb, call);
                long took = c.endNanos() - c.tsNanos();
                if (c.unblockedBy() > 0 || took >= 1_000_000L) {
                    pad(sb, mark, 58);
                }
                if (c.unblockedBy() > 0) {
                    sb.append("  returned on #").append(c.unblockedBy()).append(" after ");
                    duration(sb, took);
                } else if (took >= 1_000_000L) {
                    sb.append("  took ");
                    duration(sb, took);
                }
            } else if (e instanceof TimelineEvent.PacketSeen ps) {
                sb.append(side(ps.side() == null ? "" : ps.side().wireName()));
                line.setLength(0);
                TextPacketWriter.format(line, ps.result());
                // Drop the frame number and time of day the read format starts with: the timeline has its own.
                String text = line.toString().trim();
                int sp = text.indexOf(' ');
                int sp2 = text.indexOf(' ', sp + 1);
                sb.append('#').append(ps.frame().number).append(' ').append(text.substring(sp2 + 1));
                sb.append("   <- ").append(ps.cause().label());
                String note = ps.result().note();
                String why = ps.cause().reason();
                if (!note.isEmpty()) {
                    sb.append('\n').append(" ".repeat(19)).append(note);
                }
                if (!why.isEmpty()) {
                    sb.append('\n').append(" ".repeat(19)).append("why: ").append(why);
                }
            } else if (e instanceof TimelineEvent.StateChange sc) {
                sb.append(side(sc.side().wireName()));
                sb.append("state ").append(sc.from()).append(" -> ").append(sc.to()).append("  (").append(sc.endpoint())
                        .append(", on #").append(sc.frame()).append(')');
            } else if (e instanceof TimelineEvent.Observation o) {
                sb.append(side(o.note().side() == null ? "" : o.note().side().wireName()));
                sb.append("note ").append(o.note().key()).append(" = ").append(o.note().value());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code connect(client, 127.0.0.1:36223) = 0} or {@code = -1 ECONNREFUSED}. */
    public static void describe(StringBuilder sb, SocketCall c) {
        sb.append(c.call()).append('(');
        Map<String, String> a = c.args();
        boolean first = true;
        for (Map.Entry<String, String> arg : a.entrySet()) {
            String k = arg.getKey();
            if (k.equals("fd") || k.equals("by") || k.equals("port") && a.containsKey("addr")) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            if (k.equals("sock")) {
                sb.append(arg.getValue());
            } else if (k.equals("addr")) {
                sb.append(arg.getValue()).append(':').append(a.getOrDefault("port", "?"));
            } else {
                sb.append(k).append('=').append(arg.getValue());
            }
        }
        sb.append(") = ").append(c.result());
        if (c.errno() != null) {
            sb.append(' ').append(c.errno());
        }
        if ("jdk".equals(a.get("by"))) {
            sb.append("  [by the JDK]");
        }
    }

    private static String side(String s) {
        return s.isEmpty() ? "        " : (s + "        ").substring(0, 8);
    }

    private static void pad(StringBuilder sb, int from, int width) {
        while (sb.length() - from < width) {
            sb.append(' ');
        }
    }

    private static void time(StringBuilder sb, long nanos) {
        String s = String.format("+%.6f ", nanos / 1e9);
        sb.append(" ".repeat(Math.max(0, 11 - s.length()))).append(s);
    }

    private static void duration(StringBuilder sb, long nanos) {
        if (nanos >= 1_000_000_000L) {
            sb.append(String.format("%.2f s", nanos / 1e9));
        } else if (nanos >= 1_000_000L) {
            sb.append(String.format("%.1f ms", nanos / 1e6));
        } else {
            sb.append(String.format("%.0f us", nanos / 1e3));
        }
    }
}
