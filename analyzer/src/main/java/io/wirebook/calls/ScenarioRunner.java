package io.wirebook.calls;

import io.wirebook.capture.CaptureUnavailableException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LiveCapture;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Runs a {@link Scenario}, attempt after attempt, until one shows what the scenario is for or its
 * {@link Scenario#maxAttempts()} run out, and keeps the last attempt as a {@link Recording}. An attempt
 * has a fresh log and fresh ports: prepare (ports known), open the capture with the attempt's BPF filter,
 * send the traffic, let the last packets arrive, stop. Without a capture (tests of the calls alone) the
 * recording has no frames and the scenario's own {@link Outcome} alone decides whether an attempt shows
 * what it is for. Every log starts with the notes {@code attempt} and {@code max_attempts} and ends with
 * {@code outcome} and {@code shown}.
 */
public final class ScenarioRunner {
    /** How long after the traffic we keep listening for its last packets (delayed ACKs, FINs). */
    private static final long SETTLE_NANOS = 250_000_000L;

    /** Attempts in all when captures keep losing packets (a busy machine), even for a one-attempt scenario. */
    private static final int CAPTURE_RETRIES = 3;

    private static boolean isDropNote(LogEntry e) {
        return e instanceof Note n && n.key().equals("capture.dropped");
    }

    /** How far behind the clock a live view stays, for packets still on their way out of the kernel. */
    private static final long HOLD_BACK_NANOS = 50_000_000L;

    /**
     * A live view of a run while it happens: every tick gets what was captured and logged so far, and the
     * time before which nothing more can arrive or change (no call under way began earlier, and the
     * capture has caught up), so what lies before it can be shown for good.
     */
    public interface Progress {
        void tick(List<Frame> frames, List<LogEntry> log, long settledBeforeNanos) throws IOException;
    }

    /** The interface to capture on, or null to capture nothing. */
    private final String iface;
    /** Starts lab scenarios in their own network namespace, or null when this runner cannot. */
    private final LabLauncher labs;

    private ScenarioRunner(String iface, LabLauncher labs) {
        this.iface = iface;
        this.labs = labs;
    }

    /** This runner, running lab scenarios ({@link Scenario#network()}) through {@code labs}. */
    public ScenarioRunner withLabs(LabLauncher labs) {
        return new ScenarioRunner(iface, labs);
    }

    /** A runner that captures each attempt's packets on {@code iface} (needs capture privileges). */
    public static ScenarioRunner capturingOn(String iface) {
        return new ScenarioRunner(Objects.requireNonNull(iface, "iface"), null);
    }

    /** A runner that captures nothing: its recordings hold the calls and notes, and no frames. */
    public static ScenarioRunner withoutCapture() {
        return new ScenarioRunner(null, null);
    }

    public Recording run(Scenario scenario) throws Exception {
        return run(scenario, null);
    }

    /**
     * Runs the scenario; with {@code progress}, a scenario that needs only one attempt is also shown
     * live (a race that may be retried is shown once the attempt to keep is known).
     */
    public Recording run(Scenario scenario, Progress progress) throws Exception {
        if (scenario.network() != null && !NetworkLab.inside()) {
            if (labs == null || iface == null) {
                throw new LabLauncher.LabUnavailableException(scenario.name() + " runs in a network namespace of its own"
                        + " and needs a capture there; this runner has " + (iface == null ? "no capture" : "no lab launcher"));
            }
            // Each attempt in a fresh namespace (a process of its own): nothing of an earlier attempt is left.
            int max = Math.max(1, scenario.maxAttempts());
            Recording r = null;
            for (int attempt = 1; attempt <= max; attempt++) {
                r = labs.run(scenario, iface, attempt, max);
                if (r.shown()) {
                    break;
                }
                if (attempt == max && max < CAPTURE_RETRIES && r.log().stream().anyMatch(ScenarioRunner::isDropNote)) {
                    max++;
                }
            }
            if (progress != null) {
                progress.tick(r.frames(), r.log(), Long.MAX_VALUE);
            }
            return r;
        }
        if (scenario.network() != null) {
            // The lab's own process: one attempt, the one its launcher asked for.
            int attempt = Integer.getInteger(LabLauncher.ATTEMPT_PROPERTY, 1);
            int max = Integer.getInteger(LabLauncher.MAX_ATTEMPTS_PROPERTY, 1);
            return attempt(scenario, attempt, max, progress);
        }
        int max = Math.max(1, scenario.maxAttempts());
        Recording last = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            last = attempt(scenario, attempt, max, max == 1 ? progress : null);
            if (last.shown()) {
                break;
            }
            if (attempt == max && max < CAPTURE_RETRIES && last.log().stream().anyMatch(ScenarioRunner::isDropNote)) {
                max++; // the capture lost packets on a loaded machine: not the scenario's doing, so try again
            }
        }
        return last;
    }

    private Recording attempt(Scenario scenario, int attempt, int max, Progress progress) throws Exception {
        CallLog log = new CallLog();
        log.note(null, "attempt", attempt);
        log.note(null, "max_attempts", max);
        if (scenario.network() != null) {
            scenario.network().apply(log); // inside the lab's own namespace: run() sent it there
        }
        List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
        Outcome outcome;
        Capture capture = null;
        try (PreparedScenario run = scenario.prepare(log)) {
            capture = iface == null ? null : new Capture(iface, run.bpfFilter(), frames);
            Thread ticker = progress == null ? null : ticker(frames, log, progress);
            try {
                outcome = run.execute();
            } finally {
                if (ticker != null) {
                    ticker.interrupt();
                    ticker.join(2000);
                }
                run.close();
                if (capture != null) {
                    capture.settleAndStop();
                }
            }
        }
        List<Frame> kept;
        synchronized (frames) {
            kept = new ArrayList<>(frames);
        }
        for (int i = 0; i < kept.size(); i++) {
            kept.get(i).number = i + 1;
        }
        boolean complete = capture == null || capture.dropped <= 0;
        if (!complete) {
            log.note(null, "capture.dropped", capture.dropped); // the machine's doing: the attempt is run again
        }
        boolean shown = complete && outcome.achieved() && (iface == null || scenario.shownBy(kept));
        log.note(null, "outcome", outcome.summary());
        log.note(null, "shown", shown);
        if (progress != null) {
            progress.tick(kept, log.entries(), Long.MAX_VALUE);
        }
        return new Recording(scenario.name(), kept, log.entries(), attempt, max, shown, outcome.summary());
    }

    /**
     * Bytes kept per packet: the largest frame lo carries (its MTU of 65536, or the 65536 bytes of a GSO
     * packet, plus the Ethernet header), not tcpdump's 262144. In immediate mode libpcap's ring has one
     * snaplen-sized slot per packet, so with 262144 its 32 MiB held only about 120 packets, and a bulk
     * scenario on a loaded machine lost a third of its segments before the reader caught up (measured:
     * loss captured 180028 of 307300 bytes).
     */
    static final int SNAPLEN = 65_536 + 14;

    /** A live capture whose reader thread adds a copy of every frame to a list. */
    private static final class Capture {
        private final LiveCapture cap;
        private final Thread reader;
        private volatile long lastPacket = System.nanoTime();

        Capture(String iface, String filter, List<Frame> frames) throws CaptureUnavailableException {
            cap = LiveCapture.on(iface).filter(filter).snaplen(SNAPLEN).open();
            reader = new Thread(() -> {
                Frame f = new Frame();
                try {
                    while (cap.next(f)) {
                        frames.add(f.copy());
                        lastPacket = System.nanoTime();
                    }
                } catch (IOException e) {
                    // the capture was closed under us: what we have is what there is
                }
            }, "wirebook-capture");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Waits at least {@link #SETTLE_NANOS} after the traffic ended, and until no packet came for that long
         * (at most 2 s), then stops and closes. The first wait is unconditional: on a loaded machine the reader
         * thread may not have run since the traffic's first packets, and its last-packet time alone would stop
         * the capture with the rest still in libpcap's buffer.
         */
        void settleAndStop() throws InterruptedException {
            long ended = System.nanoTime(), deadline = ended + 2_000_000_000L;
            while (System.nanoTime() < deadline
                    && (System.nanoTime() - ended < SETTLE_NANOS || System.nanoTime() - lastPacket < SETTLE_NANOS)) {
                Thread.sleep(20);
            }
            cap.stop();
            reader.join(2000);
            dropped = cap.dropped();
            cap.close();
        }

        /** What the kernel dropped before the capture read it (after {@link #settleAndStop}). */
        long dropped;
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
