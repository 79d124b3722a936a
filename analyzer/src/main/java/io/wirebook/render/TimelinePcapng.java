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
        try (CaptureWriter w = new PcapngWriter(path, linkType, 262144, iface, false)) {
            for (int i = 0; i < packets.size(); i++) {
                w.write(packets.get(i).frame(), comments.get(i));
            }
        }
    }
}
