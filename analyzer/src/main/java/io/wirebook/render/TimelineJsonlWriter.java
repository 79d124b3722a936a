package io.wirebook.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.wirebook.calls.CallLogJson;
import io.wirebook.jsonl.JsonLines;
import io.wirebook.jsonl.JsonOut;
import io.wirebook.timeline.Cause;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineEvent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A timeline as JSON Lines (schema in the README): {@code type} {@code call}, {@code packet} or
 * {@code note}. A call has its log fields plus {@code unblocked_by} (frame or null); a packet has every
 * field of {@code wirebook read --format jsonl} plus {@code side} and {@code cause} ({@code {side, call}}
 * or {@code "kernel"}) and {@code cause_reason}.
 */
public final class TimelineJsonlWriter {
    private TimelineJsonlWriter() {}

    public static void write(Timeline t, OutputStream out) throws IOException {
        write(t, null, out);
    }

    /** With {@code scenario} non-null, every line also names the scenario it belongs to. */
    public static void write(Timeline t, String scenario, OutputStream out) throws IOException {
        JsonGenerator g = JsonLines.generator(out);
        JsonlPacketWriter packets = new JsonlPacketWriter(JsonOut.of(g));
        for (TimelineEvent e : t.events()) {
            g.writeStartObject();
            if (e instanceof TimelineEvent.Call c) {
                g.writeStringField("type", "call");
                scenario(g, scenario);
                CallLogJson.writeCallFields(g, c.call());
                if (c.unblockedBy() > 0) {
                    g.writeNumberField("unblocked_by", c.unblockedBy());
                } else {
                    g.writeNullField("unblocked_by");
                }
            } else if (e instanceof TimelineEvent.PacketSeen ps) {
                g.writeStringField("type", "packet");
                scenario(g, scenario);
                packets.fields(ps.result());
                g.writeStringField("side", ps.side() == null ? null : ps.side().wireName());
                Cause c = ps.cause();
                if (c.isKernel()) {
                    g.writeStringField("cause", "kernel");
                } else {
                    g.writeObjectFieldStart("cause");
                    g.writeStringField("side", c.side().wireName());
                    g.writeStringField("call", c.call().call());
                    g.writeStringField("call_ts", CallLogJson.timestamp(c.call().ts()));
                    g.writeEndObject();
                }
                g.writeStringField("cause_reason", c.reason());
            } else if (e instanceof TimelineEvent.StateChange sc) {
                g.writeStringField("type", "state");
                scenario(g, scenario);
                g.writeStringField("ts", io.wirebook.capture.Timestamps.format(sc.tsNanos() / 1_000_000_000L,
                        (int) (sc.tsNanos() % 1_000_000_000L), 9));
                g.writeStringField("side", sc.side().wireName());
                g.writeStringField("endpoint", sc.endpoint());
                g.writeStringField("old", sc.from());
                g.writeStringField("new", sc.to());
                g.writeNumberField("frame", sc.frame());
            } else if (e instanceof TimelineEvent.Observation o) {
                g.writeStringField("type", "note");
                scenario(g, scenario);
                CallLogJson.writeNoteFields(g, o.note());
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
        g.flush();
    }

    private static void scenario(JsonGenerator g, String scenario) throws IOException {
        if (scenario != null) {
            g.writeStringField("scenario", scenario);
        }
    }
}
