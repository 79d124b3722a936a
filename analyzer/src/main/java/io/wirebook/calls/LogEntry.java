package io.wirebook.calls;

import java.time.Instant;

/**
 * One line of a scenario's log: a {@link SocketCall} the program made, or a {@link Note} it observed
 * (a sysctl, a {@code /proc/net/tcp} line, whether a race was won).
 */
public sealed interface LogEntry permits SocketCall, Note {
    /** CLOCK_REALTIME when the entry began, nanosecond precision. */
    Instant ts();

    /** The side it belongs to; {@code null} for a note about the whole scenario. */
    Side side();

    /** Name of the Java thread that made or observed it. */
    String thread();
}
