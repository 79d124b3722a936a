package io.wirebook.tutorial.demo.sockets;

import java.time.Duration;

/** A named thread of a scenario (the server, a client), whose failure is kept for the lab to report. */
public final class Task {
    /** The body of a task: plain socket code that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile Throwable failure;

    Task(String name, Body body, SocketLab lab) {
        this.thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
                lab.abort(name + " failed: " + t);
            }
        }, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public String name() {
        return thread.getName();
    }

    /** What the body threw, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Waits at most {@code d}; true when the task has finished. */
    public boolean join(Duration d) throws InterruptedException {
        long ms = Math.max(1, d.toMillis());
        thread.join(ms);
        return !thread.isAlive();
    }

    void interrupt() {
        thread.interrupt();
    }
}
