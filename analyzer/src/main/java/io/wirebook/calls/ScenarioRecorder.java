package io.wirebook.calls;

import io.wirebook.capture.Frame;
import io.wirebook.capture.LiveCapture;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a demo scenario on loopback while capturing its packets with pcap4j: prepare (ports known), open
 * the capture with the run's BPF filter, send the traffic, let the last packets arrive, stop. A scenario
 * that races (simultaneous close) is tried again until its packets show what it is for, up to its
 * {@link DemoScenario#maxAttempts()}; the log notes which attempt was kept.
 */
public final class ScenarioRecorder {
    /** How long after the traffic we keep listening for its last packets (delayed ACKs, FINs). */
    private static final long SETTLE_NANOS = 250_000_000L;

    /** How far behind the clock a live view stays, for packets still on their way out of the kernel. */
    private static final long HOLD_BACK_NANOS = 50_000_000L;

    /**
     * A live view of a run while it happens: every tick gets what was captured and logged so far, and the
     * time before which nothing more can arrive or change (no call under way began earlier, and the
     * capture has caught up), so what lies before it can be shown for good.
     */
    public interface Progress {
        void tick(List<Frame> frames, List<LogEntry> log, long settledBeforeNanos) throws java.io.IOException;
    }

    private final String iface;

    public ScenarioRecorder(String iface) {
        this.iface = iface;
    }

    public Recording record(DemoScenario scenario) throws Exception {
        return record(scenario, null);
    }

    /**
     * Records the scenario; with {@code progress}, a scenario that needs only one attempt is also shown
     * live (a race that may be retried is shown once the attempt to keep is known).
     */
    public Recording record(DemoScenario scenario, Progress progress) throws Exception {
        int max = Math.max(1, scenario.maxAttempts());
        Recording last = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            last = attempt(scenario, attempt, max, max == 1 ? progress : null);
            if (last.shown()) {
                break;
            }
        }
        return last;
    }

    private Recording attempt(DemoScenario scenario, int attempt, int max, Progress progress) throws Exception {
        CallLog log = new CallLog();
        log.note(null, "attempt", attempt);
        log.note(null, "max_attempts", max);
        List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
        Outcome outcome;
        try (DemoRun run = scenario.prepare(log)) {
            LiveCapture cap = LiveCapture.on(iface).filter(run.bpfFilter()).open();
            long[] lastPacket = {System.nanoTime()};
            Thread reader = new Thread(() -> {
                Frame f = new Frame();
                try {
                    while (cap.next(f)) {
                        frames.add(f.copy());
                        lastPacket[0] = System.nanoTime();
                    }
                } catch (IOException e) {
                    // the capture was closed under us: what we have is what there is
                }
            }, "wirebook-capture");
            reader.setDaemon(true);
            reader.start();
            Thread ticker = progress == null ? null : ticker(frames, log, progress);
            try {
                outcome = run.execute();
            } finally {
                if (ticker != null) {
                    ticker.interrupt();
                    ticker.join(2000);
                }
                run.close();
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < deadline && System.nanoTime() - lastPacket[0] < SETTLE_NANOS) {
                    Thread.sleep(20);
                }
                cap.stop();
                reader.join(2000);
                cap.close();
            }
        }
        List<Frame> kept;
        synchronized (frames) {
            kept = new ArrayList<>(frames);
        }
        for (int i = 0; i < kept.size(); i++) {
            kept.get(i).number = i + 1;
        }
        boolean shown = outcome.achieved() && scenario.shownBy(kept);
        log.note(null, "outcome", outcome.summary());
        log.note(null, "shown", shown);
        if (progress != null) {
            progress.tick(kept, log.entries(), Long.MAX_VALUE);
        }
        return new Recording(scenario.name(), kept, log.entries(), attempt, max, shown, outcome.summary());
    }

    /** Shows the settled part of the run every 100 ms until interrupted. */
    private static Thread ticker(List<Frame> frames, CallLog log, Progress progress) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(100);
                    long horizon = nanos(log.now()) - HOLD_BACK_NANOS;
                    Instant busy = log.earliestInFlight();
                    if (busy != null) {
                        horizon = Math.min(horizon, nanos(busy));
                    }
                    List<Frame> seen;
                    synchronized (frames) {
                        seen = new ArrayList<>(frames);
                    }
                    progress.tick(seen, log.entries(), horizon);
                }
            } catch (InterruptedException e) {
                // the run is over: the caller shows the rest
            } catch (IOException e) {
                // standard output is gone; the recording goes on
            }
        }, "wirebook-live-timeline");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
