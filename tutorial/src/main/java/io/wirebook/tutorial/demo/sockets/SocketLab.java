package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.CallLog;
import io.wirebook.calls.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Owns every socket and thread of one scenario run and makes sure none outlives it.
 *
 * <p>Scenarios write plain blocking socket code; the lab bounds it. {@link #startClock()} arms a watchdog
 * that, at the deadline, closes every socket still open (blocked calls then fail at once), and a task
 * that fails closes them too so its peer is not left waiting. {@link #close()} closes whatever is left
 * and joins the threads. Closes made by the lab are recorded with {@code by=watchdog|abort|cleanup}.
 */
public final class SocketLab implements AutoCloseable {
    /** How long after the deadline threads get to notice their sockets were closed. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final CallLog log;
    private final Duration bound;
    private final Peer client;
    private final Peer server;
    private final List<LabSocket> sockets = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Held while the lab closes sockets, so that waiting for the tasks also waits for their closes' records. */
    private final Object closingSockets = new Object();
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean expired;
    private volatile String abortReason;

    /** A lab whose run may take {@code bound} once {@link #startClock()} is called. */
    public SocketLab(CallLog log, Duration bound) {
        JdkWarmUp.ensure();
        this.log = log;
        this.bound = bound;
        this.client = new Peer(this, Side.CLIENT);
        this.server = new Peer(this, Side.SERVER);
    }

    public CallLog log() {
        return log;
    }

    /** The connecting side: its sockets' calls are recorded as {@code side:"client"}. */
    public Peer client() {
        return client;
    }

    /** The listening side. */
    public Peer server() {
        return server;
    }

    /** Starts the time bound now; called when traffic is about to start. */
    public synchronized void startClock() {
        if (deadlineNanos != Long.MAX_VALUE) {
            return;
        }
        deadlineNanos = System.nanoTime() + bound.toNanos();
        Thread watchdog = new Thread(() -> {
            try {
                if (!closing.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                    expired = true;
                    abort("watchdog", "time bound of " + bound.toMillis() + " ms exceeded");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Time left before the watchdog fires (the whole bound before the clock starts). */
    public Duration remaining() {
        long d = deadlineNanos;
        return d == Long.MAX_VALUE ? bound : Duration.ofNanos(Math.max(0, d - System.nanoTime()));
    }

    /** True once the watchdog has fired. */
    public boolean expired() {
        return expired;
    }

    /** Starts a named thread running {@code body}; its thread name is what the log shows as {@code thread}. */
    public Task spawn(String threadName, Task.Body body) {
        Task t = new Task(threadName, body, this);
        synchronized (this) {
            tasks.add(t);
        }
        t.start();
        return t;
    }

    /**
     * Waits for every spawned task, then rethrows the first failure (the others suppressed), or a
     * {@link TimeoutException} when the watchdog fired.
     */
    public void awaitAll() throws Exception {
        List<Task> ts;
        synchronized (this) {
            ts = List.copyOf(tasks);
        }
        for (Task t : ts) {
            if (!t.join(remaining().plus(GRACE))) {
                abort("abort", t.name() + " still running at the deadline");
                if (!t.join(GRACE)) {
                    t.interrupt();
                }
            }
        }
        // A watchdog or a failing task may still be recording the closes that ended the others' calls.
        synchronized (closingSockets) {
            // nothing: waiting for the lock is the point
        }
        Exception first = null;
        if (expired) {
            first = new TimeoutException("scenario exceeded its time bound of " + bound.toMillis() + " ms");
        }
        for (Task t : ts) {
            Throwable f = t.failure();
            if (f == null) {
                continue;
            }
            if (first == null) {
                first = f instanceof Exception e ? e : new RuntimeException(f);
            } else {
                first.addSuppressed(f);
            }
        }
        for (Task t : ts) {
            if (t.isAlive() && first == null) {
                first = new IllegalStateException(t.name() + " did not finish");
            }
        }
        if (first != null) {
            throw first;
        }
    }

    synchronized void register(LabSocket s) {
        sockets.add(s);
    }

    /** Closes every open socket, recording each close with {@code by=abort}; for a task that failed. */
    void abort(String reason) {
        abort("abort", reason);
    }

    private void abort(String by, String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
        closeAll(by);
    }

    /** Why the lab closed the sockets early, or {@code null}. */
    public String abortReason() {
        return abortReason;
    }

    private void closeAll(String by) {
        synchronized (closingSockets) {
            List<LabSocket> open;
            synchronized (this) {
                open = List.copyOf(sockets);
            }
            for (LabSocket s : open) {
                if (s.isOpen()) {
                    s.closeQuietly(by);
                }
            }
        }
    }

    /** Closes every socket still open ({@code by=cleanup}), stops the watchdog and joins the threads. */
    @Override
    public void close() {
        closing.countDown();
        closeAll("cleanup");
        List<Task> ts;
        synchronized (this) {
            ts = new ArrayList<>(tasks);
        }
        for (Task t : ts) {
            try {
                if (!t.join(GRACE)) {
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
