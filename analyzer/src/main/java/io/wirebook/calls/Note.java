package io.wirebook.calls;

import java.time.Instant;
import java.util.Objects;

/**
 * An observation a scenario made that is not a socket call: a sysctl value, a {@code /proc/net/tcp} line,
 * whether the two closes of a simultaneous close really crossed. Keys are dotted lowercase words
 * ({@code time_wait.timer_ms}); values are strings.
 *
 * @param side   the side it is about, or {@code null} for the scenario as a whole
 * @param key    what was observed
 * @param value  what was seen
 * @param thread Java thread name
 * @param ts     CLOCK_REALTIME when it was observed
 */
public record Note(Side side, String key, String value, String thread, Instant ts) implements LogEntry {
    public Note {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(ts, "ts");
    }

    @Override
    public String toString() {
        return (side == null ? "" : side.wireName() + ' ') + "note " + key + " = " + value;
    }
}
