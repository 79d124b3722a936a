package io.wirebook.tutorial.notebook;

import io.wirebook.analysis.ConversationSummary;
import io.wirebook.calls.Note;
import io.wirebook.calls.SocketCall;
import io.wirebook.flow.UdpFlow;
import io.wirebook.render.ConversationWriter;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.Durations;
import io.wirebook.render.TimelineTextWriter;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes each cell's output from its scenario's evidence. The table and text kinds live here; figures,
 * hex dumps and claims have classes of their own ({@link FigureCells}, {@link ClaimCells}).
 */
public final class CellRenderer {
    private final ScenarioLibrary library;
    private final KernelValues kernel;
    private final FigureCells figures;
    private final ClaimCells claims;

    public CellRenderer(ScenarioLibrary library, KernelValues kernel, ClaimLedger ledger) {
        this.library = library;
        this.kernel = kernel;
        this.figures = new FigureCells();
        this.claims = new ClaimCells(kernel, ledger);
    }

    /** The cell's output, its ids numbered within {@code page}. */
    public CellOutput render(CellBlock cell, Page page) throws CellException {
        String id = page.nextCellId();
        ScenarioEvidence e = cell.kind().equals("kernel") && !cell.args().containsKey("scenario") ? null : evidence(cell);
        if (e != null) {
            cell = FrameSelection.resolve(cell, e); // from:/to:/frame: lines become frames=A-B or frame=N
        }
        return switch (cell.kind()) {
            case "packets" -> packets(cell, e, id);
            case "timeline" -> timeline(e, id);
            case "conversation" -> conversation(e, id);
            case "calls" -> calls(cell, e, id);
            case "kernel" -> kernel(cell, e, id);
            case "ladder" -> figures.ladder(cell, e, id, page);
            case "hex" -> figures.hex(cell, e, id);
            case "claim" -> claims.claim(cell, e, id, page);
            default -> throw new CellException(cell, "unknown cell kind \"" + cell.kind()
                    + "\" (known: ladder, packets, hex, timeline, conversation, calls, kernel, claim)");
        };
    }

    private ScenarioEvidence evidence(CellBlock cell) throws CellException {
        String name = cell.args().get("scenario");
        if (name == null || name.isEmpty()) {
            throw new CellException(cell, "needs scenario=NAME");
        }
        try {
            return library.get(name);
        } catch (IOException ex) {
            throw new CellException(cell, ex.getMessage());
        }
    }

    /** The packets a cell selects: {@code stream=N} and {@code frames=A-B} narrow the scenario's. */
    static List<TimelineEvent.PacketSeen> selected(CellBlock cell, Timeline t) throws CellException {
        int stream = -1;
        long from = 1, to = Long.MAX_VALUE;
        try {
            if (cell.args().containsKey("stream")) {
                stream = Integer.parseInt(cell.args().get("stream"));
            }
            String frames = cell.args().get("frames");
            if (frames != null) {
                int dash = frames.indexOf('-');
                from = Long.parseLong(dash < 0 ? frames : frames.substring(0, dash));
                to = dash < 0 ? from : Long.parseLong(frames.substring(dash + 1));
            }
        } catch (NumberFormatException ex) {
            throw new CellException(cell, "stream= takes a number and frames= a range A-B, got "
                    + cell.args().get("stream") + " / " + cell.args().get("frames"));
        }
        List<TimelineEvent.PacketSeen> out = new ArrayList<>();
        for (TimelineEvent.PacketSeen ps : t.packets()) {
            long n = ps.frame().number;
            PacketResult r = ps.result();
            if (n >= from && n <= to && (stream < 0 || r.isTcp() && r.connection().stream == stream)) {
                out.add(ps);
            }
        }
        if (out.isEmpty()) {
            throw new CellException(cell, "selects no packet");
        }
        return out;
    }

    private CellOutput packets(CellBlock cell, ScenarioEvidence e, String id) throws CellException {
        List<TimelineEvent.PacketSeen> ps = selected(cell, e.timeline());
        long zero = e.timeline().packets().get(0).tsNanos();
        Table t = PacketRows.table();
        for (TimelineEvent.PacketSeen s : ps) {
            t.row(id + "-f" + s.frame().number,
                    PacketRows.cells(s.result(), PacketRows.direction(s.side()), s.tsNanos(), zero).toArray(String[]::new));
        }
        String caption = e.name() + ": " + ps.size() + (ps.size() == 1 ? " packet" : " packets");
        return CellOutput.of("<figure class=\"wb-cell wb-packets-cell\" id=\"" + id + "\">" + t.html(caption) + "</figure>",
                t.markdown(), t.text());
    }

    private CellOutput timeline(ScenarioEvidence e, String id) {
        String text = TimelineTextWriter.render(e.timeline());
        return CellOutput.of("<figure class=\"wb-cell wb-timeline\" id=\"" + id + "\"><pre>" + Escape.html(text)
                + "</pre><figcaption>" + Escape.html(e.name()) + ": calls, packets and states in time order</figcaption></figure>",
                Escape.markdownCode(text, "text"), Escape.plain(text));
    }

    private CellOutput conversation(ScenarioEvidence e, String id) {
        Table t = new Table("wb-conversations", "stream", "client", "server", "packets c\u2192s / s\u2192c", "handshake",
                "end", "states (client / server)", "conn_state", "history", "retransmissions");
        for (ConversationSummary s : e.conversations()) {
            String a = ConversationWriter.endpoint(s.ipVersion, s.aAddress, s.aPort), b = ConversationWriter.endpoint(s.ipVersion, s.bAddress, s.bPort);
            String client = s.clientIsA ? a : b, server = s.clientIsA ? b : a;
            long cs = s.clientIsA ? s.aPackets : s.bPackets, sc = s.clientIsA ? s.bPackets : s.aPackets;
            t.row(id + "-s" + s.stream, Integer.toString(s.stream), client, server, cs + " / " + sc,
                    s.handshakeSeen ? "yes, RTT " + Durations.seconds(s.handshakeRttNanos, 6) + " s" : "no",
                    s.end.words, s.clientState + " / " + s.serverState, s.connState, s.history,
                    Integer.toString(s.retransmissions));
        }
        // UDP has no connection: its flows (a pair of address:port, a the first sender) and the ICMP errors about them.
        Table u = new Table("wb-conversations", "flow", "a", "b", "datagrams a\u2192b / b\u2192a", "bytes a\u2192b / b\u2192a",
                "ICMP errors");
        for (UdpFlow f : e.udpFlows()) {
            int v = f.key.ipVersion();
            StringBuilder errors = new StringBuilder();
            for (int i = 0; i < Math.min(f.icmpErrors, UdpFlow.MAX_ERRORS_KEPT); i++) {
                errors.append(i > 0 ? ", " : "").append('#').append(f.errorFrames[i]).append(' ')
                        .append(ConversationWriter.icmpErrorName(f.errorKinds[i]));
            }
            u.row(id + "-u" + f.index, Integer.toString(f.index), ConversationWriter.endpoint(v, f.key.address(f.aIsKeyA()), f.key.port(f.aIsKeyA())),
                    ConversationWriter.endpoint(v, f.key.address(!f.aIsKeyA()), f.key.port(!f.aIsKeyA())), f.aPackets + " / " + f.bPackets,
                    f.aBytes + " / " + f.bBytes, errors.length() == 0 ? "none" : errors.toString());
        }
        StringBuilder html = new StringBuilder("<figure class=\"wb-cell\" id=\"").append(id).append("\">");
        StringBuilder md = new StringBuilder(), text = new StringBuilder();
        if (!t.isEmpty() || u.isEmpty()) {
            html.append(t.html(e.name() + ": TCP connections"));
            md.append(t.markdown());
            text.append(t.text());
        }
        if (!u.isEmpty()) {
            html.append(u.html(e.name() + ": UDP flows"));
            md.append(md.length() > 0 ? "\n" : "").append(u.markdown());
            text.append(text.length() > 0 ? "\n" : "").append(u.text());
        }
        return CellOutput.of(html.append("</figure>").toString(), md.toString(), text.toString());
    }

    private CellOutput calls(CellBlock cell, ScenarioEvidence e, String id) throws CellException {
        String side = cell.arg("side", "");
        if (!side.isEmpty() && !side.equals("client") && !side.equals("server")) {
            throw new CellException(cell, "side= is client or server, got " + side);
        }
        long zero = e.timeline().startNanos();
        Table t = new Table("wb-calls", "time", "side", "call", "took", "returned on");
        for (TimelineEvent.Call c : e.timeline().calls()) {
            SocketCall call = c.call();
            if (!side.isEmpty() && !call.side().wireName().equals(side) || "jdk".equals(call.arg("by"))) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            TimelineTextWriter.describe(d, call);
            t.row(null, Durations.seconds(c.tsNanos() - zero, 6), call.side().wireName(), d.toString(),
                    Durations.seconds(c.endNanos() - c.tsNanos(), 6) + " s", c.unblockedBy() > 0 ? "#" + c.unblockedBy() : "");
        }
        String caption = e.name() + ": socket calls" + (side.isEmpty() ? "" : " of the " + side);
        return CellOutput.of("<figure class=\"wb-cell\" id=\"" + id + "\">" + t.html(caption) + "</figure>", t.markdown(), t.text());
    }

    private CellOutput kernel(CellBlock cell, ScenarioEvidence e, String id) {
        Table t = new Table("wb-kernel", "value", "on the machine that built this page", "when the scenario was recorded");
        List<String> keys = new ArrayList<>(List.of("kernel.osrelease"));
        for (String k : cell.arg("keys", "").split(",")) {
            if (!k.isBlank()) {
                keys.add(k.trim());
            }
        }
        for (String k : keys) {
            String recorded = e == null ? "" : recorded(e, k.equals("kernel.osrelease") ? "kernel" : "sysctl." + k);
            t.row(null, k, kernel.get(k).orElse("(not readable)"), recorded);
        }
        if (e != null) {
            for (TimelineEvent ev : e.timeline().events()) {
                // The scenarios name each reading after what it shows: client.proc_net_tcp.summary, stall.proc_net_tcp.summary.
                String key = noteKey(ev);
                if (key != null && key.endsWith("proc_net_tcp.summary")) {
                    String what = key.substring(0, key.length() - "proc_net_tcp.summary".length());
                    t.row(null, "/proc/net/tcp" + (what.isEmpty() ? "" : " (" + what.substring(0, what.length() - 1) + ")"), "",
                            ((TimelineEvent.Observation) ev).note().value());
                }
            }
        }
        String caption = e == null ? "kernel settings" : e.name() + ": kernel settings and timers";
        return CellOutput.of("<figure class=\"wb-cell\" id=\"" + id + "\">" + t.html(caption) + "</figure>", t.markdown(), t.text());
    }

    /** The note's key of an observation, or null for any other event. */
    private static String noteKey(TimelineEvent ev) {
        return ev instanceof TimelineEvent.Observation o ? o.note().key() : null;
    }

    private static String recorded(ScenarioEvidence e, String key) {
        for (TimelineEvent ev : e.timeline().events()) {
            if (ev instanceof TimelineEvent.Observation o) {
                Note n = o.note();
                if (n.key().equals(key)) {
                    return n.value();
                }
            }
        }
        return "";
    }
}
