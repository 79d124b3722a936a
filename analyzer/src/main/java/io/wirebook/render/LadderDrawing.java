package io.wirebook.render;

import static io.wirebook.render.LadderLayout.CLIENT_X;
import static io.wirebook.render.LadderLayout.SERVER_X;
import static io.wirebook.render.LadderLayout.WIDTH;
import static io.wirebook.render.SvgText.escape;
import static io.wirebook.render.SvgText.num;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.LadderLayout.Kind;
import io.wirebook.render.LadderLayout.Row;
import io.wirebook.timeline.TimelineEvent;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/** Draws the rows of a {@link LadderLayout}: arrows, call boxes and bars, links, states, breaks. */
final class LadderDrawing {
    private static final double BOX_FONT = 10, BOX_HALF = 8;
    private final StringBuilder sb;
    private final LadderLayout l;
    /** Each drawn call's reference ({@code c1}, {@code c2}...) and box half-width, for the links. */
    private final Map<Row, String> refs = new IdentityHashMap<>();
    private final Map<Row, Double> halfWidths = new IdentityHashMap<>();

    LadderDrawing(StringBuilder sb, LadderLayout l) {
        this.sb = sb;
        this.l = l;
    }

    private static double laneX(boolean client) {
        return client ? CLIENT_X : SERVER_X;
    }

    /** Toward the other lane: +1 from the client's, -1 from the server's. */
    private static double inward(boolean client) {
        return client ? 1 : -1;
    }

    /** A break: a double zigzag across each lane and the time it stands for between them. */
    void gap(Row r) {
        sb.append("<g class=\"gap wb-gap\" data-nanos=\"").append(r.gapNanos).append("\">\n");
        for (double x : new double[] {CLIENT_X, SERVER_X}) {
            for (double dy : new double[] {-5, 5}) {
                sb.append("<path d=\"M");
                for (int i = 0; i <= 6; i++) {
                    sb.append(i == 0 ? "" : " L");
                    num(sb, x - 15 + 5 * i).append(',');
                    num(sb, r.y + dy + (i % 2 == 0 ? 2 : -2));
                }
                sb.append("\"/>\n");
            }
        }
        sb.append("<text x=\"");
        num(sb, WIDTH / 2).append("\" y=\"");
        num(sb, r.y + 4).append("\" text-anchor=\"middle\">");
        escape(sb, elapsed(r.gapNanos) + " later").append("</text>\n</g>\n");
    }

    /** {@code 254 ms}, {@code 1.00 s}, {@code 60.00 s}. */
    static String elapsed(long nanos) {
        long millis = (nanos + 500_000) / 1_000_000;
        if (millis < 1000) { // the unit is chosen after rounding: 999.9996 ms is "1.00 s", not "1000 ms"
            return millis + " ms";
        }
        long centis = (nanos + 5_000_000) / 10_000_000;
        return centis / 100 + "." + (centis % 100 < 10 ? "0" : "") + centis % 100 + " s";
    }

    /** A call: its box on its side's lane, and when it blocked, a bar down the lane to its return. */
    void call(Row r, int n, String text) {
        SocketCall c = r.call.call();
        double x = laneX(r.client);
        String ref = "c" + n;
        refs.put(r, ref);
        sb.append("<g class=\"call wb-call").append(c.errno() != null ? " wb-error" : "")
                .append("jdk".equals(c.arg("by")) ? " wb-jdk" : "").append(r.small ? " wb-small" : "")
                .append("\" data-call=\"");
        escape(sb, c.call()).append("\" data-side=\"").append(c.side().wireName()).append("\" data-ref=\"").append(ref)
                .append("\">\n<title>");
        StringBuilder what = new StringBuilder(96);
        TimelineTextWriter.describe(what, c);
        escape(sb, what.toString());
        if (r.call.unblockedBy() > 0) {
            sb.append(" (returned on frame ").append(r.call.unblockedBy()).append(')');
        }
        sb.append(' ').append(r.t < l.start ? "" : "+");
        Durations.appendSeconds(sb, r.t - l.start, 6);
        sb.append(" s, took ").append(elapsed(r.call.endNanos() - r.call.tsNanos())).append("</title>\n");
        double boxBottom = r.y + (r.small ? r.below : BOX_HALF);
        if (!Double.isNaN(r.returnY)) {
            rect("wb-bar", x - 3, boxBottom, 6, r.returnY - boxBottom);
            sb.append("<line class=\"wb-bar-end\" x1=\"");
            num(sb, x - 7).append("\" y1=\"");
            num(sb, r.returnY).append("\" x2=\"");
            num(sb, x + 7).append("\" y2=\"");
            num(sb, r.returnY).append("\"/>\n");
        }
        if (r.small) {
            rect("wb-box", x - 6, r.y - r.above, 12, Math.max(0.5, r.above + r.below));
            halfWidths.put(r, 6.0);
        } else {
            double half = SvgText.width(text, BOX_FONT) / 2 + 5;
            halfWidths.put(r, half);
            rect("wb-box", x - half, r.y - BOX_HALF, 2 * half, 2 * BOX_HALF);
            sb.append("<text x=\"");
            num(sb, x).append("\" y=\"");
            num(sb, r.y + 3.5).append("\" text-anchor=\"middle\">");
            escape(sb, text).append("</text>\n");
        }
        sb.append("</g>\n");
    }

    private void rect(String cls, double x, double y, double w, double h) {
        sb.append("<rect class=\"").append(cls).append("\" rx=\"").append(cls.equals("wb-bar") ? "1" : "3").append("\" x=\"");
        num(sb, x).append("\" y=\"");
        num(sb, y).append("\" width=\"");
        num(sb, w).append("\" height=\"");
        num(sb, h).append("\"/>\n");
    }

    /**
     * Dotted lines between rows drawn in full: from a call's box to the start of the packet it caused, and
     * from the end of the packet that let a call return to that return (the bar's end, or the box).
     */
    void links() {
        for (Row p : l.rows) {
            if (p.kind != Kind.PACKET || p.small || p.packet.cause() == null || p.packet.cause().call() == null) {
                continue;
            }
            Row c = l.byCall.get(p.packet.cause().call());
            if (c == null || c.small) {
                continue;
            }
            double x = laneX(c.client), s = inward(c.client);
            double x0 = x + s * Math.min(halfWidths.get(c) - 3, 22), y0 = c.y + BOX_HALF;
            double x1 = laneX(p.client), y1 = p.y;
            link("cause", p, c);
            sb.append("M");
            point(x0, y0).append(" C");
            point(x0, (y0 + y1) / 2).append(' ');
            point(x1 + s * 4, y1 - 6).append(' ');
            point(x1, y1).append("\"/>\n");
        }
        for (Row c : l.rows) {
            if (c.kind != Kind.CALL || c.small || c.call.unblockedBy() <= 0) {
                continue;
            }
            Row p = l.byFrame.get(c.call.unblockedBy());
            if (p == null || p.small) {
                continue;
            }
            double x = laneX(c.client), s = inward(c.client);
            double ye = p.y + p.drop();
            double tx, ty, cx;
            if (!Double.isNaN(c.returnY)) {
                tx = x + s * 3;
                ty = c.returnY;
                cx = x + s * 30;
            } else {
                tx = x + s * halfWidths.get(c);
                ty = c.y;
                cx = tx + s * 24;
            }
            link("unblock", p, c);
            sb.append("M");
            point(x, ye).append(" C");
            point(x + s * 30, ye).append(' ');
            point(cx, ty).append(' ');
            point(tx, ty).append("\"/>\n");
        }
    }

    private void link(String kind, Row packet, Row call) {
        sb.append("<path class=\"link wb-link\" data-kind=\"").append(kind).append("\" data-frame=\"")
                .append(packet.packet.frame().number).append("\" data-ref=\"").append(refs.get(call)).append("\" d=\"");
    }

    private StringBuilder point(double x, double y) {
        num(sb, x).append(',');
        return num(sb, y);
    }

    /** The distance between two state names written for the same side of one packet. */
    private static final double STATE_LINE = 11;

    /** A packet: its arrow, label, frame number, time and findings, and the states it moved each side to. */
    void packet(Row r, String label, String frame) {
        PacketResult res = r.packet.result();
        boolean flagged = r.hasTags();
        double x0 = laneX(r.client), x1 = laneX(!r.client), y0 = r.y, y1 = r.y + r.drop(), s = inward(r.client);
        sb.append("<g class=\"packet wb-arrow").append(flagged ? " wb-flagged" : "").append(r.small ? " wb-small" : "")
                .append("\" data-frame=\"").append(r.packet.frame().number).append("\" data-side=\"")
                .append(r.client ? "client" : "server").append("\">\n<title>");
        StringBuilder line = new StringBuilder(200);
        TextPacketWriter.format(line, res);
        escape(sb, r.packet.frame().number + " +" + Durations.seconds(r.t - l.start, 6) + " " + line.toString().trim()).append(". ");
        escape(sb, res.note());
        if (r.packet.cause() != null) {
            sb.append(" (cause: ");
            escape(sb, r.packet.cause().label()).append(')');
        }
        sb.append("</title>\n<line x1=\"");
        num(sb, x0).append("\" y1=\"");
        num(sb, y0).append("\" x2=\"");
        num(sb, x1).append("\" y2=\"");
        num(sb, y1).append("\"/>\n");
        if (!r.small || l.smallHeight >= 3) {
            head(x0, y0, x1, y1, r.small ? 5 : 8);
        }
        if (!r.small) {
            double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
            double angle = Math.toDegrees(StrictMath.atan2(r.client ? y1 - y0 : y0 - y1, SERVER_X - CLIENT_X));
            StringBuilder rot = new StringBuilder(32).append("rotate(");
            rot.append(String.format(Locale.ROOT, "%.2f", angle)).append(' ');
            num(rot, cx).append(' ');
            num(rot, cy).append(')');
            rotated("wb-label", cx, cy - 4, rot, label);
            if (flagged) {
                StringBuilder tags = new StringBuilder(48);
                TextPacketWriter.tags(tags, res.analysis());
                rotated("wb-finding", cx, cy + 12, rot, tags.toString().trim());
            }
            sb.append("<text class=\"wb-frame\" x=\"");
            num(sb, x0 + s * 5).append("\" y=\"");
            num(sb, y0 + 11).append("\" text-anchor=\"").append(r.client ? "start" : "end").append("\">");
            escape(sb, frame).append("</text>\n");
            LadderSvgWriter.text(sb, "wb-time", 6, y0 + 3.5, Durations.seconds(r.t - l.start, 6));
        }
        sb.append("</g>\n");
        int clientSteps = 0, serverSteps = 0;
        for (TimelineEvent.StateChange st : r.states) {
            boolean client = st.side() == Side.CLIENT;
            // One segment can move a side two steps (FIN_WAIT_2 then TIME_WAIT): each step on a line of its own.
            int step = client ? clientSteps++ : serverSteps++;
            double y = (client == r.client ? y0 : y1) + 3.5 + STATE_LINE * step;
            sb.append("<text class=\"state wb-state\" data-frame=\"").append(st.frame()).append("\" data-side=\"")
                    .append(st.side().wireName()).append("\" x=\"");
            num(sb, client ? CLIENT_X - 10 : SERVER_X + 10).append("\" y=\"");
            num(sb, y).append("\" text-anchor=\"").append(client ? "end" : "start").append("\">");
            escape(sb, st.to()).append("</text>\n");
        }
    }

    private void rotated(String cls, double x, double y, CharSequence rotation, String text) {
        sb.append("<text class=\"").append(cls).append("\" x=\"");
        num(sb, x).append("\" y=\"");
        num(sb, y).append("\" text-anchor=\"middle\" transform=\"").append(rotation).append("\">");
        escape(sb, text).append("</text>\n");
    }

    private void head(double x0, double y0, double x1, double y1, double size) {
        double dx = x1 - x0, dy = y1 - y0, len = Math.sqrt(dx * dx + dy * dy);
        double ux = dx / len, uy = dy / len, bx = x1 - size * ux, by = y1 - size * uy, hw = size * 0.42;
        sb.append("<path d=\"M");
        point(x1, y1).append(" L");
        point(bx - uy * hw, by + ux * hw).append(" L");
        point(bx + uy * hw, by - ux * hw).append(" Z\"/>\n");
    }

    /** Over each run of three or more rows drawn small, what they are and which frames. */
    void runs() {
        int i = 0;
        while (i < l.rows.size()) {
            if (!l.rows.get(i).small) {
                i++;
                continue;
            }
            int j = i;
            long packets = 0, calls = 0, first = 0, last = 0;
            while (j < l.rows.size() && l.rows.get(j).small) {
                Row r = l.rows.get(j++);
                if (r.kind == Kind.PACKET) {
                    packets++;
                    long f = r.packet.frame().number;
                    first = first == 0 ? f : first;
                    last = f;
                } else {
                    calls++;
                }
            }
            Row a = l.rows.get(i), b = l.rows.get(j - 1);
            double top = a.y - a.above, bottom = b.y + b.below + b.drop();
            if (j - i >= 3 && bottom - top >= 11) {
                StringBuilder t = new StringBuilder(64);
                if (packets > 0) {
                    t.append(packets == 1 ? "frame " + first : "frames " + first + "-" + last).append(": ")
                            .append(packets).append(packets == 1 ? " packet" : " packets");
                }
                if (calls > 0) {
                    t.append(packets > 0 ? ", " : "").append(calls).append(calls == 1 ? " call" : " calls");
                }
                t.append(" drawn small");
                String s = t.toString();
                double w = SvgText.width(s, 10) + 10, cy = (top + bottom) / 2;
                sb.append("<g class=\"run wb-run\">\n");
                rect("wb-run-box", WIDTH / 2 - w / 2, cy - 7, w, 14);
                sb.append("<text x=\"");
                num(sb, WIDTH / 2).append("\" y=\"");
                num(sb, cy + 3.5).append("\" text-anchor=\"middle\">");
                escape(sb, s).append("</text>\n</g>\n");
            }
            i = j;
        }
    }
}
