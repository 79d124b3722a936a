package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.CallLog;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** Times one call, turns its outcome into a {@link SocketCall}, and rethrows what it threw. */
final class CallRecorder {
    private CallRecorder() {}

    /** The body of a call; it may add the addresses it learned to {@code args}. */
    @FunctionalInterface
    interface Body<T> {
        T run(Map<String, String> args) throws IOException;
    }

    static <T> T record(CallLog log, Side side, String call, Map<String, String> args, Body<T> body,
                        Function<? super T, String> result) throws IOException {
        return record(log, side, call, args, body, result, null);
    }

    /** As above; {@code recorded[0]} receives the record, whether the call succeeded or failed. */
    static <T> T record(CallLog log, Side side, String call, Map<String, String> args, Body<T> body,
                        Function<? super T, String> result, SocketCall[] recorded) throws IOException {
        String thread = Thread.currentThread().getName();
        Instant start = log.now();
        log.enter(start);
        try {
            return run(log, side, call, args, body, result, recorded, thread, start);
        } finally {
            log.exit(start); // after the record was added: a live timeline never misses it
        }
    }

    private static <T> T run(CallLog log, Side side, String call, Map<String, String> args, Body<T> body,
                             Function<? super T, String> result, SocketCall[] recorded, String thread, Instant start)
            throws IOException {
        T value;
        try {
            value = body.run(args);
        } catch (IOException | RuntimeException e) {
            Instant end = log.now();
            String errno = Errno.of(e);
            // A failed system call returns -1; a call Java cut short (closed under us) returned nothing.
            SocketCall c = new SocketCall(side, call, args, errno == null ? null : "-1", errno, Errno.describe(e),
                    thread, start, end);
            log.add(c);
            if (recorded != null) {
                recorded[0] = c;
            }
            throw e;
        }
        Instant end = log.now();
        SocketCall c = new SocketCall(side, call, args, result.apply(value), null, null, thread, start, end);
        log.add(c);
        if (recorded != null) {
            recorded[0] = c;
        }
        return value;
    }

    /**
     * Records a system call Java made inside another recorded one (the SO_REUSEADDR of a new listener, the
     * listen of {@code bind(addr, backlog)}) with the outer call's time span: the system call lies inside
     * it, and added after the outer record it sorts after it.
     */
    static void recordInside(CallLog log, SocketCall outer, String call, Map<String, String> args, String result) {
        log.add(new SocketCall(outer.side(), call, args, result, null, null, outer.thread(), outer.ts(),
                outer.endTs()));
    }
}
