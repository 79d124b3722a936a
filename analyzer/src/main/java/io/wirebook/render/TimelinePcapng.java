package io.wirebook.render;

import io.wirebook.calls.CallLogJson;
import io.wirebook.capture.CaptureWriter;
import io.wirebook.capture.PcapngWriter;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a timeline's packets to pcapng with the socket calls travelling as packet comments: each packet
 * carries the calls that began since the packet before it, then what caused it; calls after the last
 * packet ride on the last one. Wireshark and tshark show them as {@code frame.comment}.
 */
public final class TimelinePcapng {
    private TimelinePcapng() {}

    public static void write(Timeline t, Path path, int linkType, String iface) throws IOException {
        List<TimelineEvent.PacketSeen> packets = t.packets();
        List<List<String>> comments = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            comments.add(new ArrayList<>());
        }
        List<String> pending = new ArrayList<>();
        int next = 0;
        for (TimelineEvent e : t.events()) {
            if (e instanceof TimelineEvent.Call c) {
                StringBuilder sb = new StringBuilder("call: ").append(c.call().side().wireName()).append(' ');
                TimelineTextWriter.describe(sb, c.call());
                sb.append(" [").append(CallLogJson.timestamp(c.call().ts())).append(" .. ")
                        .append(CallLogJson.timestamp(c.call().endTs())).append(']');
                if (c.unblockedBy() > 0) {
                    sb.append(" returned on frame ").append(c.unblockedBy());
                }
                pending.add(sb.toString());
            } else if (e instanceof TimelineEvent.PacketSeen ps) {
                List<String> mine = comments.get(next++);
                mine.addAll(pending);
                pending.clear();
                mine.add("cause: " + ps.cause().label() + (ps.cause().reason().isEmpty() ? "" : " (" + ps.cause().reason() + ")"));
            }
        }
        if (!packets.isEmpty()) {
            comments.get(packets.size() - 1).addAll(pending);
        }
        // Written in the order they were captured, not the timeline's: on lo two packets can be captured in one
        // order with kernel timestamps in the other (each CPU stamps its own), and the timeline puts them by
        // time. Read back in time order, the analysis would see them in an order the capture never had (a
        // segment flagged window-full live was not in the replay), and the recording would not replay what
        // was shown live.
        Integer[] order = new Integer[packets.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> packets.get(i).frame().number));
        try (CaptureWriter w = new PcapngWriter(path, linkType, 262144, iface, false)) {
            for (int i : order) {
                w.write(packets.get(i).frame(), comments.get(i));
            }
        }
    }
}
