package io.wirebook.tutorial.demo.sockets;

import io.wirebook.tutorial.demo.calllog.CallLog;
import io.wirebook.tutorial.demo.calllog.Side;
import io.wirebook.tutorial.demo.calllog.SocketCall;
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
        String thread = Thread.currentThread().getName();
        Instant start = log.now();
        T value;
        try {
            value = body.run(args);
        } catch (IOException | RuntimeException e) {
            Instant end = log.now();
            String errno = Errno.of(e);
            // A failed system call returns -1; a call Java cut short (closed under us) returned nothing.
            log.add(new SocketCall(side, call, args, errno == null ? null : "-1", errno, Errno.describe(e),
                    thread, start, end));
            throw e;
        }
        Instant end = log.now();
        log.add(new SocketCall(side, call, args, result.apply(value), null, null, thread, start, end));
        return value;
    }

    /** Records a call that Java made on its own inside another one, e.g. the SO_REUSEADDR of a listener. */
    static void recordImplicit(CallLog log, Side side, String call, Map<String, String> args, String result,
                               Instant start, Instant end) {
        log.add(new SocketCall(side, call, args, result, null, null, Thread.currentThread().getName(), start, end));
    }
}
