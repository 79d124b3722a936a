package io.wirebook.render;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.decode.Addresses;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where everything of a {@link LadderSvgWriter} figure goes: which packets and calls are drawn, one row
 * each in time order, and the y of each row. Time maps to y monotonically but loosely: each row takes the
 * room its labels need, plus a little more the longer it waited (logarithmically), and a wait far longer
 * than the others becomes a break of fixed height. When that is still taller than {@link #BUDGET}, the
 * rows that say least (segments and calls like ones drawn before) are drawn small, unlabelled, until the
 * figure fits; their details stay in their tooltips.
 */
final class LadderLayout {
    static final double WIDTH = 840, CLIENT_X = 200, SERVER_X = 640, TOP = 60, BOTTOM = 14, BUDGET = 1150;
    static final double DROP = 12, DROP_SMALL = 4, PAD = 4, GAP = 34, SMALL_MAX = 4, SMALL_OK = 1.5, SMALL_MIN = 0.25;
    /** A wait is a break when longer than this and ten times the median wait. */
    static final long BREAK_NANOS = 200_000_000L;
    /** Rows at or above this importance are always drawn in full. */
    private static final int KEEP = 50;

    enum Kind { PACKET, CALL, GAP }

    static final class Row {
        final Kind kind;
        final long t;
        TimelineEvent.PacketSeen packet;
        TimelineEvent.Call call;
        long gapNanos;
        /** The packet's sender, or the call's side, is the client. */
        boolean client;
        List<TimelineEvent.StateChange> states = List.of();
        boolean small;
        int importance;
        double above, below, extra, y;
        /** A call's return, where its bar ends; NaN when it returned before its box ends. */
        double returnY = Double.NaN;

        Row(Kind kind, long t) {
            this.kind = kind;
            this.t = t;
        }

        double drop() {
            return kind != Kind.PACKET ? 0 : small ? DROP_SMALL : DROP;
        }

        boolean hasTags() {
            return packet != null && packet.result().analysis() != null && packet.result().analysis().shownFlags() != 0;
        }
    }

    final List<Row> rows = new ArrayList<>();
    final Set<String> clientEnds = new LinkedHashSet<>(), serverEnds = new LinkedHashSet<>();
    final Map<Long, Row> byFrame = new HashMap<>();
    final Map<SocketCall, Row> byCall = new IdentityHashMap<>();
    /** More than one TCP stream drawn: frame numbers then say which. */
    boolean manyStreams;
    double height, smallHeight = SMALL_MAX;
    long start;

    static LadderLayout of(Timeline t, LadderSvgWriter.Options o) {
        LadderLayout l = new LadderLayout();
        l.select(t, o);
        l.breaks();
        l.measure();
        l.fit();
        l.place();
        return l;
    }

    private static boolean client(TimelineEvent.PacketSeen p) {
        if (p.side() != null) {
            return p.side() == Side.CLIENT;
        }
        return p.result().tcp() == null || p.result().fromClient();
    }

    private void select(Timeline t, LadderSvgWriter.Options o) {
        Set<Long> frames = new HashSet<>();
        Set<Integer> streams = new HashSet<>();
        Set<SocketCall> linked = Collections.newSetFromMap(new IdentityHashMap<>());
        long from = Long.MAX_VALUE, to = Long.MIN_VALUE;
        for (TimelineEvent.PacketSeen p : t.packets()) {
            PacketResult r = p.result();
            long n = p.frame().number;
            if (o.stream() >= 0 && (r.tcp() == null || r.tcp().stream != o.stream())
                    || o.firstFrame() > 0 && (n < o.firstFrame() || n > o.lastFrame())) {
                continue;
            }
            frames.add(n);
            from = Math.min(from, p.tsNanos());
            to = Math.max(to, p.tsNanos());
            if (r.tcp() != null) {
                streams.add(r.tcp().stream);
            }
            if (p.cause() != null && p.cause().call() != null) {
                linked.add(p.cause().call());
            }
            endpoints(p);
        }
        manyStreams = streams.size() > 1;
        Set<String> socks = new HashSet<>();
        for (TimelineEvent.Call c : t.calls()) {
            if (c.unblockedBy() > 0 && frames.contains(c.unblockedBy())) {
                linked.add(c.call());
            }
        }
        for (SocketCall c : linked) {
            socks.add(c.sock());
            if (c.call().equals("accept") && c.result() != null) {
                socks.add(c.result());
            }
        }
        for (TimelineEvent e : t.events()) {
            if (e instanceof TimelineEvent.PacketSeen p && frames.contains(p.frame().number)) {
                Row r = new Row(Kind.PACKET, p.tsNanos());
                r.packet = p;
                r.client = client(p);
                rows.add(r);
                byFrame.put(p.frame().number, r);
            } else if (e instanceof TimelineEvent.StateChange s && byFrame.containsKey(s.frame())) {
                Row r = byFrame.get(s.frame());
                if (r.states.isEmpty()) {
                    r.states = new ArrayList<>(2);
                }
                r.states.add(s);
            } else if (e instanceof TimelineEvent.Call c && o.calls()) {
                SocketCall sc = c.call();
                boolean keep = linked.contains(sc);
                if (!keep) {
                    boolean ofStream = o.stream() < 0 || socks.contains(sc.sock())
                            && !(sc.call().equals("accept") && !socks.contains(sc.result()));
                    boolean inFrames = o.firstFrame() <= 0 || c.endNanos() >= from && c.tsNanos() <= to;
                    keep = ofStream && inFrames;
                }
                if (keep) {
                    Row r = new Row(Kind.CALL, c.tsNanos());
                    r.call = c;
                    r.client = sc.side() == Side.CLIENT;
                    rows.add(r);
                    byCall.put(sc, r);
                }
            }
        }
        // Times are written from the first packet, as tcpdump's -ttttt and Wireshark's relative time count.
        start = rows.stream().filter(r -> r.kind == Kind.PACKET).mapToLong(r -> r.t).findFirst()
                .orElse(rows.isEmpty() ? 0 : rows.get(0).t);
    }

    /** The lane headings: each side's address:port as the packets show it (ICMP has no ports: left out). */
    private void endpoints(TimelineEvent.PacketSeen p) {
        Packet k = p.result().packet();
        if (k.network == Packet.NET_NONE || k.isIcmp()) {
            return;
        }
        String src = endpoint(k, true), dst = endpoint(k, false);
        boolean c = client(p);
        (c ? clientEnds : serverEnds).add(src);
        (c ? serverEnds : clientEnds).add(dst);
    }

    private static String endpoint(Packet k, boolean source) {
        String a = Addresses.toString(k.network, k.bytes(),
                k.base() + (source ? k.sourceAddressOffset() : k.destinationAddressOffset()));
        return (k.network == Packet.NET_IPV6 ? "[" + a + "]" : a) + ":" + (source ? k.sourcePort : k.destinationPort);
    }

    /** Waits longer than {@link #BREAK_NANOS} and ten times the median wait become breaks. */
    private void breaks() {
        if (rows.size() < 2) {
            return;
        }
        long[] waits = new long[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            waits[i - 1] = rows.get(i).t - rows.get(i - 1).t;
        }
        long[] sorted = waits.clone();
        Arrays.sort(sorted);
        long limit = Math.max(BREAK_NANOS, 10 * sorted[sorted.length / 2]);
        for (int i = waits.length - 1; i >= 0; i--) {
            if (waits[i] > limit) {
                Row g = new Row(Kind.GAP, rows.get(i).t);
                g.gapNanos = waits[i];
                rows.add(i + 1, g);
            }
        }
    }

    /** Room each row needs in full, and how important it is to keep it so. */
    private void measure() {
        Set<String> seen = new HashSet<>();
        Set<SocketCall> causes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Row r : rows) {
            if (r.kind == Kind.PACKET && r.packet.cause() != null && r.packet.cause().call() != null) {
                causes.add(r.packet.cause().call());
            }
        }
        Row prev = null;
        for (Row r : rows) {
            if (r.kind == Kind.GAP) {
                r.above = r.below = GAP / 2;
                prev = null;
                continue;
            }
            if (prev != null) {
                // Longer waits push the row down a little: 5 px a decade above 50 us, up to 18 px.
                double waited = (r.t - prev.t) / 50_000.0;
                r.extra = Math.min(18, 5 * StrictMath.log10(1 + waited));
            }
            prev = r;
            String signature;
            if (r.kind == Kind.PACKET) {
                r.above = 14;
                r.below = r.hasTags() ? Math.max(DROP + 7, DROP / 2 + 18) : DROP + 7;
                PacketResult p = r.packet.result();
                Packet k = p.packet();
                int flags = p.tcp() != null ? k.tcp.flags : 0;
                int findings = p.analysis() != null ? p.analysis().shownFlags() : 0;
                boolean data = p.tcp() != null && k.tcp.payloadLength > 0;
                signature = "p" + r.client + k.transport + "/" + flags + "/" + data + "/" + findings;
                boolean control = (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0;
                r.importance = (control || !r.states.isEmpty() ? 100 : 0) + (p.tcp() == null ? 70 : 0)
                        + (findings != 0 ? 20 : 0) + 10;
            } else {
                r.above = r.below = 9;
                SocketCall c = r.call.call();
                signature = "c" + r.client + c.call() + "/" + c.errno() + "/" + c.arg("by");
                // A call that made a drawn packet leave, or returned on one, is what the figure links up.
                boolean linked = r.call.unblockedBy() > 0 && byFrame.containsKey(r.call.unblockedBy())
                        || causes.contains(c);
                r.importance = (c.failed() ? 70 : 0) + (linked ? 15 : 0) + 8;
            }
            if (seen.add(signature)) {
                r.importance += 25;
            }
        }
    }

    /**
     * Draws the least important rows small until the figure fits the budget, if it can: as few rows as
     * will do with small rows down to {@link #SMALL_OK} px each, then as tall as the room left allows.
     */
    private void fit() {
        if (total() <= BUDGET) {
            return;
        }
        List<Row> candidates = new ArrayList<>();
        for (Row r : rows) {
            if (r.kind != Kind.GAP && r.importance < KEEP && r.states.isEmpty()) {
                candidates.add(r);
            }
        }
        // Least important first; among equals the later, so the start of a pattern keeps its labels.
        candidates.sort((a, b) -> a.importance != b.importance ? Integer.compare(a.importance, b.importance)
                : Long.compare(b.t, a.t));
        // The fewest rows that will do: more rows drawn small never makes the figure taller.
        int lo = 1, hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (fits(candidates, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int small = Math.min(lo, candidates.size());
        fits(candidates, small);
        if (full() + small * SMALL_OK > BUDGET) {
            for (Row r : rows) {
                r.extra = 0;
            }
        }
        smallHeight = Math.max(SMALL_MIN, Math.min(SMALL_MAX, (BUDGET - full()) / Math.max(1, small)));
        for (Row r : rows) {
            if (r.small) {
                r.above = r.below = smallHeight / 2;
            }
        }
    }

    /** Draws the first {@code n} candidates small; true when they fit at {@link #SMALL_OK} px each. */
    private boolean fits(List<Row> candidates, int n) {
        for (int i = 0; i < candidates.size(); i++) {
            candidates.get(i).small = i < n;
        }
        return full() + n * SMALL_OK <= BUDGET;
    }

    /** The height without the small rows' own room (what pad() adds around them stays in). */
    private double full() {
        double h = total();
        for (Row r : rows) {
            if (r.small) {
                h -= r.above + r.below;
            }
        }
        return h;
    }

    private double total() {
        double h = TOP + BOTTOM;
        Row prev = null;
        for (Row r : rows) {
            h += r.above + r.below + (r.small ? 0 : r.extra) + (prev == null ? 0 : pad(prev, r));
            prev = r;
        }
        return h;
    }

    /** Between two small rows nothing; after a small segment the room its arrow drops. */
    private static double pad(Row prev, Row r) {
        if (prev.small && r.small) {
            return 0;
        }
        return PAD + (prev.small ? prev.drop() : 0);
    }

    private void place() {
        double y = TOP;
        Row prev = null;
        for (Row r : rows) {
            y += (prev == null ? 0 : prev.below + pad(prev, r)) + (r.small ? 0 : r.extra) + r.above;
            r.y = y;
            prev = r;
        }
        height = Math.ceil(y + (prev == null ? 0 : prev.below) + BOTTOM);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.kind == Kind.CALL && blocks(i)) {
                TimelineEvent.Call c = r.call;
                double ret = yAt(c.endNanos());
                Row by = c.unblockedBy() > 0 ? byFrame.get(c.unblockedBy()) : null;
                if (by != null && by.y > r.y) {
                    ret = Math.max(ret, by.y + by.drop() + 2);
                }
                if (ret > r.y + r.below + 2) {
                    r.returnY = ret;
                }
            }
        }
    }

    /**
     * True when the call at {@code i} was still under way when something else happened (a row after it
     * began before it returned, not counting the calls the JDK made inside it: same thread, same span) or
     * when a break began.
     */
    private boolean blocks(int i) {
        TimelineEvent.Call c = rows.get(i).call;
        for (int j = i + 1; j < rows.size(); j++) {
            Row r = rows.get(j);
            if (r.kind == Kind.GAP) {
                return true; // it was still under way when the wait began: it is what waited
            }
            if (r.t >= c.endNanos()) {
                return false;
            }
            boolean nested = r.kind == Kind.CALL && r.call.call().thread().equals(c.call().thread())
                    && r.call.endNanos() <= c.endNanos();
            if (!nested) {
                return true;
            }
        }
        return false;
    }

    /** The y of a moment: between the rows around it, in proportion to time. */
    double yAt(long t) {
        Row before = null;
        for (Row r : rows) {
            if (r.kind == Kind.GAP) {
                continue;
            }
            if (r.t > t) {
                if (before == null) {
                    return r.y;
                }
                double f = (double) (t - before.t) / (r.t - before.t);
                return before.y + f * (r.y - before.y);
            }
            before = r;
        }
        return before == null ? TOP : before.y + before.below;
    }
}
