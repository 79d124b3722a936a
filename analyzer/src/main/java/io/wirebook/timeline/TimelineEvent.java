package io.wirebook.timeline;

import io.wirebook.calls.Note;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketResult;

/** One line of a timeline: a socket call, a packet, or an observation; ordered by {@link #tsNanos()}. */
public sealed interface TimelineEvent
        permits TimelineEvent.Call, TimelineEvent.PacketSeen, TimelineEvent.StateChange, TimelineEvent.Observation {
    /** Epoch nanoseconds when the event began. */
    long tsNanos();

    /**
     * A socket call, with the frame whose arrival let it return (a blocking call's reason to wake up), or
     * 0 when no packet explains its return.
     */
    record Call(SocketCall call, long tsNanos, long endNanos, long unblockedBy) implements TimelineEvent {}

    /**
     * A captured packet with everything the analyzer found in it, who sent it (null when the capture cannot
     * tell) and what caused it. Renderers render {@link #result()}; they never decode again.
     */
    record PacketSeen(PacketResult result, long tsNanos, Side side, Cause cause) implements TimelineEvent {
        /** The captured frame (it owns its bytes). */
        public Frame frame() {
            return result.frame();
        }
    }

    /**
     * A packet moved one end of a TCP connection to a new RFC 9293 state (as far as the capture shows it).
     *
     * @param endpoint the end's address and port, e.g. {@code 127.0.0.1:45238}
     * @param from     the state before ({@code CLOSED} or {@code LISTEN} before the first packet)
     */
    record StateChange(long tsNanos, long frame, Side side, String endpoint, String from, String to)
            implements TimelineEvent {}

    /** Something the scenario observed that is not a call (a sysctl, a /proc/net/tcp line). */
    record Observation(Note note, long tsNanos) implements TimelineEvent {}
}
