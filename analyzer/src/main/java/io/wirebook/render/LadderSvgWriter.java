package io.wirebook.render;

import static io.wirebook.render.LadderLayout.CLIENT_X;
import static io.wirebook.render.LadderLayout.SERVER_X;
import static io.wirebook.render.LadderLayout.WIDTH;
import static io.wirebook.render.SvgText.escape;
import static io.wirebook.render.SvgText.num;

import io.wirebook.calls.SocketCall;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpView;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.LadderLayout.Kind;
import io.wirebook.render.LadderLayout.Row;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.Set;

/**
 * A timeline as a sequence diagram in SVG, drawn as the figures of Stevens' <i>TCP/IP Illustrated</i>: a
 * lane per side (client left, server right) headed with its address, time flowing down, each packet a
 * slanted arrow labelled as tcpdump prints it ({@code [S.] seq 0 ack 1 win 65483 len 0}) with its frame
 * number at its start, and the state each side enters beside its lane. Beside what no printed figure has:
 * each socket call as a box on its side's lane, a blocking call as a bar from its entry to its return,
 * dotted lines from a call to the packet it caused and from a packet to the call it let return, and the
 * expert findings in colour on their arrows. Long idle waits are breaks with the time written on them;
 * see {@link LadderLayout} for how rows are placed and when they are drawn small.
 *
 * <p>The result is one standalone {@code <svg>} element without an XML prolog, so it is inlined in HTML
 * as it is and saved as a {@code .svg} file as it is. Colours follow {@code currentColor} and a few classes
 * ({@code wb-lane}, {@code wb-arrow}, {@code wb-finding}, ...) with defaults for light and dark pages in
 * an embedded style sheet. For tests and scripts each arrow is {@code <g class="packet" data-frame="N">},
 * each call {@code <g class="call" data-call="NAME">}, each state {@code class="state"}, each break
 * {@code class="gap"}. Text from the capture or the call log is escaped (see {@link SvgText}). The same
 * timeline always gives the same bytes.
 */
public final class LadderSvgWriter {
    private LadderSvgWriter() {}

    /**
     * What to draw.
     *
     * @param stream     only this TCP stream ({@code tcp.stream}), or -1 for every packet (UDP and ICMP too)
     * @param firstFrame only frames from this one (1-based, inclusive) to {@code lastFrame}; 0 for all
     * @param calls      the socket calls too
     */
    public record Options(int stream, long firstFrame, long lastFrame, boolean calls) {
        public static final Options DEFAULT = new Options(-1, 0, 0, true);

        public Options {
            if (stream < -1) {
                throw new IllegalArgumentException("stream must be a stream number or -1 for all, got " + stream);
            }
            if (firstFrame < 0 || firstFrame > 0 && lastFrame < firstFrame) {
                throw new IllegalArgumentException("frames must be A-B with 1 <= A <= B, got " + firstFrame + "-" + lastFrame);
            }
        }

        public Options stream(int n) {
            return new Options(n, firstFrame, lastFrame, calls);
        }

        public Options frames(long from, long to) {
            return new Options(stream, from, to, calls);
        }

        /** {@code "A-B"} or {@code "N"}; throws {@link IllegalArgumentException} for anything else. */
        public Options frames(String range) {
            int dash = range.indexOf('-');
            try {
                long a = Long.parseLong(range.substring(0, dash < 0 ? range.length() : dash).trim());
                long b = dash < 0 ? a : Long.parseLong(range.substring(dash + 1).trim());
                if (a < 1) {
                    throw new IllegalArgumentException("frames start at 1, got \"" + range + "\"");
                }
                return frames(a, b);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("frames must be A-B, got \"" + range + "\"");
            }
        }

        public Options calls(boolean on) {
            return new Options(stream, firstFrame, lastFrame, on);
        }
    }

    private static final String STYLE = ".wb-ladder{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
            + "'DejaVu Sans Mono','Liberation Mono',monospace;font-size:11px}"
            + ":root.wb-ladder{color:#1f2328;background:#fff}"
            + ".wb-ladder text{fill:currentColor}"
            + ".wb-ladder .wb-role{font-size:12px;font-weight:bold}"
            + ".wb-ladder .wb-endpoint{font-size:10px;opacity:.8}"
            + ".wb-ladder .wb-lane{stroke:currentColor;stroke-width:1.5;opacity:.45}"
            + ".wb-ladder .wb-arrow line{stroke:currentColor;stroke-width:1.2}"
            + ".wb-ladder .wb-arrow path{fill:currentColor}"
            + ".wb-ladder .wb-small line{stroke-width:.6;opacity:.7}"
            + ".wb-ladder .wb-frame,.wb-ladder .wb-time{font-size:9px;opacity:.65}"
            + ".wb-ladder .wb-flagged line{stroke:#c4372b;stroke-width:1.6;stroke-dasharray:6 2}"
            + ".wb-ladder .wb-flagged path{fill:#c4372b}"
            + ".wb-ladder .wb-small.wb-flagged line{stroke-width:.6;stroke-dasharray:none}"
            + ".wb-ladder .wb-finding{fill:#c4372b;font-size:10px}"
            + ".wb-ladder .wb-state{fill:#1a7f4b;font-size:10px;font-weight:bold}"
            + ".wb-ladder .wb-box{fill:#eaf1fb;stroke:#5b7bb0}"
            + ".wb-ladder .wb-call text{fill:#17325c;font-size:10px}"
            + ".wb-ladder .wb-bar{fill:#5b7bb0;opacity:.5}"
            + ".wb-ladder .wb-bar-end{stroke:#5b7bb0;stroke-width:1.5}"
            + ".wb-ladder .wb-error .wb-box{fill:#fbeaea;stroke:#c4372b}"
            + ".wb-ladder .wb-error text{fill:#8a1f17}"
            + ".wb-ladder .wb-jdk .wb-box{stroke-dasharray:3 2}"
            + ".wb-ladder .wb-link{fill:none;stroke:currentColor;stroke-width:1.2;stroke-dasharray:1 3;"
            + "stroke-linecap:round;opacity:.7}"
            + ".wb-ladder .wb-gap path{fill:none;stroke:currentColor;opacity:.6}"
            + ".wb-ladder .wb-gap text{font-style:italic;opacity:.8}"
            + ".wb-ladder .wb-run rect{fill:#eaf1fb;opacity:.92}"
            + ".wb-ladder .wb-run text{fill:#17325c;font-size:10px}"
            + "@media (prefers-color-scheme:dark){"
            + ":root.wb-ladder{color:#e6edf3;background:#0d1117}"
            + ".wb-ladder .wb-flagged line{stroke:#ff7b72}.wb-ladder .wb-flagged path{fill:#ff7b72}"
            + ".wb-ladder .wb-finding{fill:#ff7b72}.wb-ladder .wb-state{fill:#56d364}"
            + ".wb-ladder .wb-box,.wb-ladder .wb-run rect{fill:#1c2a40;stroke:#7d9fd6}"
            + ".wb-ladder .wb-call text,.wb-ladder .wb-run text{fill:#dce7f7}"
            + ".wb-ladder .wb-bar{fill:#7d9fd6}.wb-ladder .wb-bar-end{stroke:#7d9fd6}"
            + ".wb-ladder .wb-error .wb-box{fill:#3a1d1d;stroke:#ff7b72}.wb-ladder .wb-error text{fill:#ffd7d3}}";

    /** The figure of {@code t}: one {@code <svg>} element. */
    public static String render(Timeline t, Options o) {
        LadderLayout l = LadderLayout.of(t, o);
        StringBuilder sb = new StringBuilder(8192 + 1200 * l.rows.size());
        String w = num(WIDTH), h = num(l.height);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wb-ladder\" role=\"img\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"monospace\" font-size=\"11\">\n<title>");
        escape(sb, title(t, o, l)).append("</title>\n<desc>");
        escape(sb, description(l)).append("</desc>\n<style>").append(STYLE).append("</style>\n");
        lane(sb, l, true);
        lane(sb, l, false);
        LadderDrawing d = new LadderDrawing(sb, l);
        for (Row r : l.rows) {
            if (r.kind == Kind.GAP) {
                d.gap(r);
            }
        }
        int n = 0;
        for (Row r : l.rows) {
            if (r.kind == Kind.CALL) {
                d.call(r, ++n, box(r.call.call()));
            }
        }
        d.links();
        for (Row r : l.rows) {
            if (r.kind == Kind.PACKET) {
                d.packet(r, label(r.packet.result()), frameText(r, l));
            }
        }
        d.runs();
        return sb.append("</svg>\n").toString();
    }

    private static String title(Timeline t, Options o, LadderLayout l) {
        StringBuilder sb = new StringBuilder(128);
        String scenario = null;
        for (TimelineEvent e : t.events()) {
            if (e instanceof TimelineEvent.Observation ob && ob.note().side() == null && "scenario".equals(ob.note().key())) {
                scenario = SvgText.clip(ob.note().value(), 40);
                break;
            }
        }
        sb.append(scenario != null ? scenario : "Packets");
        if (o.stream() >= 0) {
            sb.append(", TCP stream ").append(o.stream());
        }
        if (o.firstFrame() > 0) {
            sb.append(", frames ").append(o.firstFrame()).append('-').append(o.lastFrame());
        }
        return sb.append(": client ").append(ends(l.clientEnds)).append(", server ").append(ends(l.serverEnds)).toString();
    }

    private static String ends(Set<String> ends) {
        return ends.isEmpty() ? "unknown" : String.join(", ", ends);
    }

    private static String description(LadderLayout l) {
        long packets = 0, calls = 0, gaps = 0, small = 0, first = 0, last = 0;
        for (Row r : l.rows) {
            switch (r.kind) {
                case PACKET -> {
                    packets++;
                    long f = r.packet.frame().number;
                    first = first == 0 ? f : Math.min(first, f);
                    last = Math.max(last, f);
                }
                case CALL -> calls++;
                case GAP -> gaps++;
            }
            small += r.small ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder(512);
        sb.append("Sequence diagram, time flowing down: ").append(packets).append(packets == 1 ? " packet" : " packets");
        if (packets > 0) {
            sb.append(" (frames ").append(first).append('-').append(last).append(')');
        }
        sb.append(" as arrows from sender to receiver, labelled with tcpdump's flags and relative sequence numbers");
        if (calls > 0) {
            sb.append("; ").append(calls).append(" socket calls as boxes on their side's lane, blocking calls as bars, "
                    + "dotted lines from each call to the packet it caused and from each packet to the call it let return");
        }
        sb.append("; the state each side enters beside its lane");
        if (gaps > 0) {
            sb.append("; ").append(gaps).append(gaps == 1 ? " break marks an idle wait" : " breaks mark idle waits");
        }
        if (small > 0) {
            sb.append("; ").append(small).append(" rows like earlier ones drawn small to fit, details in their tooltips");
        }
        return sb.append('.').toString();
    }

    private static void lane(StringBuilder sb, LadderLayout l, boolean client) {
        double x = client ? CLIENT_X : SERVER_X;
        String xs = num(x);
        sb.append("<g class=\"lane\" data-side=\"").append(client ? "client" : "server").append("\" data-x=\"").append(xs)
                .append("\" text-anchor=\"middle\">\n<text class=\"wb-role\" x=\"").append(xs).append("\" y=\"16\">")
                .append(client ? "client" : "server").append("</text>\n");
        Set<String> ends = client ? l.clientEnds : l.serverEnds;
        String first = ends.isEmpty() ? "" : ends.iterator().next();
        String second = null;
        if (ends.size() > 1) {
            String host = first.substring(0, first.lastIndexOf(':'));
            StringBuilder ports = new StringBuilder("ports");
            boolean oneHost = true;
            for (String e : ends) {
                oneHost &= e.substring(0, e.lastIndexOf(':')).equals(host);
                ports.append(' ').append(e.substring(e.lastIndexOf(':') + 1));
            }
            first = oneHost ? host : first + " and " + (ends.size() - 1) + " more";
            second = oneHost ? SvgText.clip(ports.toString(), 44) : null;
        }
        text(sb, "wb-endpoint", x, 30, first);
        if (second != null) {
            text(sb, "wb-endpoint", x, 42, second);
        }
        // The lane is cut where a break is drawn.
        double from = 48;
        for (Row r : l.rows) {
            if (r.kind == Kind.GAP) {
                laneLine(sb, x, from, r.y - 5);
                from = r.y + 5;
            }
        }
        laneLine(sb, x, from, l.height - 6);
        sb.append("</g>\n");
    }

    private static void laneLine(StringBuilder sb, double x, double y1, double y2) {
        sb.append("<line class=\"wb-lane\" x1=\"");
        num(sb, x).append("\" y1=\"");
        num(sb, y1).append("\" x2=\"");
        num(sb, x).append("\" y2=\"");
        num(sb, y2).append("\"/>\n");
    }

    static void text(StringBuilder sb, String cls, double x, double y, String s) {
        sb.append("<text class=\"").append(cls).append("\" x=\"");
        num(sb, x).append("\" y=\"");
        num(sb, y).append("\">");
        escape(sb, s).append("</text>\n");
    }

    /** The arrow's label: {@code [S.] seq 0 ack 1 win 65483 len 0}, {@code UDP len 4}, {@code ICMP port unreachable}. */
    static String label(PacketResult r) {
        Packet k = r.packet();
        TcpView v = r.tcp();
        StringBuilder sb = new StringBuilder(64);
        if (v != null) {
            TcpHeader t = k.tcp;
            sb.append('[');
            TcpHeader.appendTcpdumpFlags(sb, t.flags);
            sb.append("] seq ").append(v.relSeq);
            if (t.payloadLength > 0) {
                sb.append(':').append(v.relSeq + t.payloadLength);
            }
            if (t.has(TcpHeader.ACK)) {
                sb.append(" ack ").append(v.relAck);
            }
            sb.append(" win ").append(v.scaledWindow).append(" len ").append(t.payloadLength);
        } else if (k.malformed != null) {
            sb.append("malformed ").append(k.malformed.layer.label());
        } else if (k.isUdp()) {
            sb.append("UDP len ").append(k.udp.payloadLength());
        } else if (k.isIcmp()) {
            String code = k.icmp.isError ? k.icmp.codeName() : null;
            sb.append(k.icmp.version == 6 ? "ICMP6 " : "ICMP ").append(code != null ? code : k.icmp.typeName());
        } else {
            sb.append(k.protocolName());
        }
        return sb.toString();
    }

    /** The frame number at the arrow's start, with its stream when several are drawn. */
    private static String frameText(Row r, LadderLayout l) {
        long n = r.packet.frame().number;
        TcpView v = r.packet.result().tcp();
        return l.manyStreams && v != null ? n + " s" + v.stream : Long.toString(n);
    }

    /** {@code connect(client) = 0}, {@code read(conn) = 0}, {@code connect(client) = -1 ECONNREFUSED}. */
    static String box(SocketCall c) {
        StringBuilder sb = new StringBuilder(48);
        sb.append(SvgText.clip(c.call(), 16)).append('(');
        if (c.sock() != null) {
            sb.append(SvgText.clip(c.sock(), 16));
        }
        sb.append(") = ").append(c.result() == null ? "?" : SvgText.clip(c.result(), 12));
        if (c.errno() != null) {
            sb.append(' ').append(SvgText.clip(c.errno(), 16));
        }
        return sb.toString();
    }
}
