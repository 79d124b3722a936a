package io.wirebook.timeline;

import java.util.List;

/** Socket calls, packets and observations of one run, in time order, with causes and unblocking packets. */
public record Timeline(List<TimelineEvent> events) {
    public Timeline {
        events = List.copyOf(events);
    }

    /** Nanoseconds of the first event, the zero of relative times. */
    public long startNanos() {
        return events.isEmpty() ? 0 : events.get(0).tsNanos();
    }

    public List<TimelineEvent.PacketSeen> packets() {
        return events.stream().filter(e -> e instanceof TimelineEvent.PacketSeen)
                .map(e -> (TimelineEvent.PacketSeen) e).toList();
    }

    public List<TimelineEvent.Call> calls() {
        return events.stream().filter(e -> e instanceof TimelineEvent.Call).map(e -> (TimelineEvent.Call) e).toList();
    }
}
