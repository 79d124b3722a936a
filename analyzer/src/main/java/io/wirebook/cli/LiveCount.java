package io.wirebook.cli;

import java.io.PrintStream;

/**
 * The live packet count of {@code capture -w} on a terminal: {@code \rN packets captured}, drawn over itself
 * every {@value #PERIOD_MILLIS} ms by a timer thread, so it shows the last packets of a burst and keeps
 * moving while none arrive (a count drawn per packet stands still on the one before a pause).
 */
final class LiveCount implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;

    private final PrintStream stderr;
    private final Thread timer;
    private volatile long packets;

    /** Draws the count at once and then on every tick, until {@link #close()}. */
    LiveCount(PrintStream stderr) {
        this.stderr = stderr;
        this.timer = new Thread(this::run, "wirebook-capture-count");
        timer.setDaemon(true);
        timer.start();
    }

    /** The packets captured so far (the capture loop's thread sets it; the timer reads it). */
    void set(long n) {
        packets = n;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                stderr.print("\r" + CaptureCommand.packets(packets) + " captured");
                stderr.flush();
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Stops the timer; once this returns, nothing more is drawn, so the final lines can follow. */
    @Override
    public void close() throws InterruptedException {
        timer.interrupt();
        timer.join();
    }
}
