package io.wirebook.calls;

import io.wirebook.capture.CaptureUnavailableException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LiveCapture;
import java.io.IOException;
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

    private final String iface;

    public ScenarioRecorder(String iface) {
        this.iface = iface;
    }

    public Recording record(DemoScenario scenario) throws Exception {
        int max = Math.max(1, scenario.maxAttempts());
        Recording last = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            last = attempt(scenario, attempt, max);
            if (last.shown()) {
                break;
            }
        }
        return last;
    }

    private Recording attempt(DemoScenario scenario, int attempt, int max) throws Exception {
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
            try {
                outcome = run.execute();
            } finally {
                run.close();
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < deadline && System.nanoTime() - lastPacket[0] < SETTLE_NANOS) {
                    Thread.sleep(20);
                }
                cap.stop();
                reader.join(2000);
                cap.close();
            }
        } catch (CaptureUnavailableException e) {
            throw e;
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
        return new Recording(scenario.name(), kept, log.entries(), attempt, max, shown, outcome.summary());
    }
}
