package io.wirebook.calls;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One socket call as a C programmer would write it: {@code connect}, {@code write}, {@code shutdown}...
 *
 * <p>{@code args} is small and ordered; it starts with {@code sock} (the scenario's name for the socket, such
 * as {@code client} or {@code listener}) and, when the JVM lets us see it, {@code fd}. It also carries the
 * address a call filled in (the peer of {@code accept}, the sender of {@code recvfrom}), as the sockaddr
 * out-parameter does in C. {@code result} is what the system call returned: a byte count, {@code 0}, the
 * new socket's name for {@code socket}/{@code accept}, an option's value for {@code getsockopt}, and
 * {@code -1} when it failed, in which case {@code errno} holds the Linux name ({@code ECONNREFUSED}) when one
 * is known and {@code exception} what Java threw.
 *
 * @param side      client or server
 * @param call      system call name
 * @param args      ordered arguments, all strings
 * @param result    return value, or {@code null} when the call was cut short before returning
 * @param errno     Linux errno name, or {@code null}
 * @param exception the Java exception ({@code class: message}), or {@code null}
 * @param thread    Java thread name
 * @param ts        CLOCK_REALTIME just before the call
 * @param endTs     CLOCK_REALTIME just after it returned; never before {@code ts}
 */
public record SocketCall(
        Side side,
        String call,
        Map<String, String> args,
        String result,
        String errno,
        String exception,
        String thread,
        Instant ts,
        Instant endTs) implements LogEntry {

    public SocketCall {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(endTs, "endTs");
        if (endTs.isBefore(ts)) {
            throw new IllegalArgumentException(call + ": end_ts " + endTs + " is before ts " + ts);
        }
        // Map.copyOf would lose the order, and the order is part of how the call reads.
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args == null ? Map.of() : args));
    }

    /** One argument, or {@code null} when the call has no such argument. */
    public String arg(String key) {
        return args.get(key);
    }

    /** The scenario's name for the socket this call was made on. */
    public String sock() {
        return args.get("sock");
    }

    /** True when the call failed (it has an errno or an exception). */
    public boolean failed() {
        return errno != null || exception != null;
    }

    /** How long the call took, in nanoseconds. */
    public long durationNanos() {
        return (endTs.getEpochSecond() - ts.getEpochSecond()) * 1_000_000_000L + (endTs.getNano() - ts.getNano());
    }

    /** Result as a number; throws {@link NumberFormatException} when it is not one. */
    public long resultAsLong() {
        return Long.parseLong(result);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(side.wireName()).append(' ').append(call).append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : args.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        sb.append(") = ").append(result);
        if (errno != null) {
            sb.append(' ').append(errno);
        }
        return sb.toString();
    }
}
