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
            List<String> notShown = new ArrayList<>();
            for (int attempt = 1; attempt <= max; attempt++) {
                r = labs.run(scenario, iface, attempt, max);
                if (r.shown()) {
                    break;
                }
                notShown.add(whyNotShown(r));
                if (attempt == max && max < CAPTURE_RETRIES && r.log().stream().anyMatch(ScenarioRunner::isDropNote)) {
                    max++;
                }
            }
            r = withEarlierAttempts(r, notShown);
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
        List<String> notShown = new ArrayList<>();
        for (int attempt = 1; attempt <= max; attempt++) {
            last = attempt(scenario, attempt, max, max == 1 ? progress : null);
            if (last.shown()) {
                break;
            }
            notShown.add(whyNotShown(last));
            if (attempt == max && max < CAPTURE_RETRIES && last.log().stream().anyMatch(ScenarioRunner::isDropNote)) {
                max++; // the capture lost packets on a loaded machine: not the scenario's doing, so try again
            }
        }
        return withEarlierAttempts(last, notShown);
    }

    /** Why an attempt was not kept, in a few words: what its log says. */
    static String whyNotShown(Recording r) {
        for (LogEntry e : r.log()) {
            if (isDropNote(e)) {
                return "the capture dropped " + ((Note) e).value() + " packets";
            }
        }
        return "it did not show what the scenario is for (" + r.summary() + ")";
    }

    /**
     * The kept attempt, with a note for each earlier one that was not kept ({@code attempt.N.not_kept}), so
     * a recording says how many tries it took and why: nothing of a run is lost without a word.
     */
    static Recording withEarlierAttempts(Recording r, List<String> reasons) {
        if (r == null || r.attempt() <= 1) {
            return r;
        }
        List<LogEntry> log = new ArrayList<>(r.log());
        Instant at = log.isEmpty() ? Instant.EPOCH : log.get(log.size() - 1).ts();
        for (int i = 0; i < r.attempt() - 1 && i < reasons.size(); i++) {
            log.add(new Note(null, "attempt." + (i + 1) + ".not_kept", reasons.get(i), "main", at));
        }
        return new Recording(r.scenario(), r.frames(), log, r.attempt(), r.maxAttempts(), r.shown(), r.summary());
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
            capture = iface == null ? null : new Capture(iface, run.bpfFilter(), snaplen(scenario.network()), frames);
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

    /**
     * The snaplen of a scenario's capture: {@link #SNAPLEN}, or in a lab whose {@code lo} has a small MTU
     * and one segment per packet, that MTU plus the Ethernet header: every frame fits, and the ring holds
     * 40 times as many of them (a lab pinned to one CPU shares it with the capture's reader, which must
     * not fall behind: measured, loss's capture dropped 14 packets with 65550-byte slots).
     */
    static int snaplen(NetworkLab lab) {
        if (lab != null && lab.loopbackMtu() > 0 && lab.loopbackGsoMaxSegs() == 1) {
            return Math.min(SNAPLEN, lab.loopbackMtu() + 14);
        }
        return SNAPLEN;
    }

    /** A live capture whose reader thread adds a copy of every frame to a list. */
    private static final class Capture {
        private final LiveCapture cap;
        private final Thread reader;
        private volatile long lastPacket = System.nanoTime();

        Capture(String iface, String filter, int snaplen, List<Frame> frames) throws CaptureUnavailableException {
            cap = LiveCapture.on(iface).filter(filter).snaplen(snaplen).open();
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
