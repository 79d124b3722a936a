package io.wirebook.cli;

import io.wirebook.calls.Scenario;
import io.wirebook.calls.LabLauncher;
import io.wirebook.calls.LogEntry;
import io.wirebook.calls.Recording;
import io.wirebook.calls.ScenarioRunner;
import io.wirebook.capture.CaptureUnavailableException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import io.wirebook.render.TimelineJsonlWriter;
import io.wirebook.render.TimelinePcapng;
import io.wirebook.render.TimelineTextWriter;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import io.wirebook.timeline.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The scenario half of {@code wirebook capture}: --list, --scenario NAME, --all, --record, --replay. */
final class ScenarioCapture {
    private final CaptureCommand cmd;

    ScenarioCapture(CaptureCommand cmd) {
        this.cmd = cmd;
    }

    /**
     * Runs the scenarios. Output that cannot be written stops them: a closed standard output (e.g. piped
     * into head) quietly, anything else with one line and exit 5 (see {@link Output}).
     */
    int run() throws Exception {
        try {
            return show(Output.named(Output.STDOUT, cmd.stdout));
        } catch (IOException e) {
            Output.WriteFailed failed = Output.failure(e);
            if (failed == null) {
                throw e;
            }
            return Output.report(failed, cmd.stderr);
        }
    }

    private int show(OutputStream out) throws Exception {
        List<Scenario> known = cmd.parent.scenarios();
        if (known.isEmpty()) {
            cmd.stderr.println(ErrorLine.of("wirebook: this command line has no demo scenarios (the application, io.wirebook.tutorial.Wirebook, gives it the tutorial's; run ./wirebook)"));
            return ExitCodes.USAGE;
        }
        if (cmd.list) {
            StringBuilder sb = new StringBuilder();
            for (Scenario s : known) {
                sb.append(String.format("%-20s %s%n", s.name(), s.description()));
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return ExitCodes.OK;
        }
        List<Scenario> chosen = new ArrayList<>();
        if (cmd.all) {
            chosen.addAll(known);
        }
        for (String name : cmd.scenarios) {
            Scenario s = known.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
            if (s == null) {
                cmd.stderr.println(ErrorLine.of("wirebook: no scenario named '" + name + "' (wirebook capture --list shows them)"));
                return ExitCodes.USAGE;
            }
            chosen.add(s);
        }
        if (cmd.output != null && chosen.size() != 1) {
            cmd.stderr.println(ErrorLine.of("wirebook: -w takes one scenario; use --record DIR for several"));
            return ExitCodes.USAGE;
        }
        if (cmd.recordDir != null) {
            Output.writing(cmd.recordDir.toString(), () -> Files.createDirectories(cmd.recordDir));
        }
        ScenarioRunner runner = ScenarioRunner.capturingOn(cmd.iface).withLabs(cmd.parent.labs());
        boolean many = chosen.size() > 1;
        for (Scenario s : chosen) {
            Recording r;
            LiveTimeline live = null;
            boolean headed = false;
            if (cmd.replayDir != null) {
                try {
                    r = Recording.load(cmd.replayDir, s.name());
                } catch (NoSuchFileException e) {
                    cmd.stderr.println(ErrorLine.of("wirebook: no recording of " + s.name() + " in " + cmd.replayDir + " (" + e.getFile() + ")"));
                    return ExitCodes.CANNOT_OPEN;
                }
            } else {
                live = new LiveTimeline(out, cmd.format.jsonl(), many ? s.name() : null);
                if (!cmd.format.jsonl() && s.maxAttempts() == 1) {
                    out.write(heading(s, null).getBytes(StandardCharsets.UTF_8));
                    headed = true;
                    out.flush();
                }
                try {
                    r = runner.run(s, live);
                } catch (CaptureUnavailableException e) {
                    cmd.stderr.println(ErrorLine.of("wirebook: " + e.getMessage()));
                    return ExitCodes.CAPTURE_UNAVAILABLE;
                } catch (LabLauncher.LabFailedException e) {
                    cmd.stderr.println(ErrorLine.of("wirebook: " + e.getMessage()));
                    return ExitCodes.SCENARIO_FAILED;
                } catch (LabLauncher.LabUnavailableException e) {
                    if (cmd.fallbackDir == null) {
                        cmd.stderr.println(ErrorLine.of("wirebook: " + e.getMessage() + " (--fallback DIR uses a recording instead)"));
                        return ExitCodes.LAB_UNAVAILABLE;
                    }
                    try {
                        r = Recording.load(cmd.fallbackDir, s.name());
                    } catch (NoSuchFileException nf) {
                        cmd.stderr.println(ErrorLine.of("wirebook: " + e.getMessage() + "; and " + cmd.fallbackDir + " has no recording of it"));
                        return ExitCodes.LAB_UNAVAILABLE;
                    }
                    cmd.stderr.println(ErrorLine.of("wirebook: " + e.getMessage() + "; using its recording from " + cmd.fallbackDir));
                    live = null;
                }
                if (!r.shown()) {
                    cmd.stderr.println(ErrorLine.of("wirebook: " + s.name() + ": not shown in " + r.attempt() + " attempts: " + r.summary()));
                    if (cmd.fallbackDir != null && Files.exists(Recording.capturePath(cmd.fallbackDir, s.name()))) {
                        // A race this machine lost every time: the book is built from a run that shows it, and says whose.
                        r = Recording.load(cmd.fallbackDir, s.name());
                        cmd.stderr.println(ErrorLine.of("wirebook: " + s.name() + ": using its recording from " + cmd.fallbackDir + " instead"));
                    }
                }
            }
            Timeline t = TimelineBuilder.build(r.frames(), r.log());
            if (live != null && live.started()) {
                // Shown live as it happened; the last tick printed the rest.
                if (!cmd.format.jsonl()) {
                    out.write(footer(r).getBytes(StandardCharsets.UTF_8));
                }
            } else if (cmd.format.jsonl()) {
                TimelineJsonlWriter.write(t, many ? s.name() : null, out);
            } else {
                String text = (headed ? "" : heading(s, r)) + TimelineTextWriter.render(t) + footer(r);
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            Recording rec = r;
            if (cmd.recordDir != null) {
                Path pcapng = Recording.capturePath(cmd.recordDir, s.name());
                Output.writing(pcapng.toString(), () -> TimelinePcapng.write(t, pcapng, linkType(rec), cmd.iface));
                Output.writing(Recording.callsPath(cmd.recordDir, s.name()).toString(), () -> rec.saveCalls(cmd.recordDir));
            }
            if (cmd.output != null) {
                Output.writing(cmd.output.toString(), () -> TimelinePcapng.write(t, cmd.output, linkType(rec), cmd.iface));
            }
        }
        return ExitCodes.OK;
    }


    private static int linkType(Recording r) {
        return r.frames().isEmpty() ? LinkType.EN10MB : r.frames().get(0).linkType;
    }

    private static String heading(Scenario s, Recording r) {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(s.name()).append(": ").append(s.description());
        if (r != null && r.maxAttempts() > 1) {
            sb.append(" (attempt ").append(r.attempt()).append(" of up to ").append(r.maxAttempts()).append(')');
        }
        return sb.append('\n').toString();
    }

    private static String footer(Recording r) {
        return (r.summary().isEmpty() ? "" : "   => " + r.summary() + "\n") + "\n";
    }

    /**
     * Prints a run's timeline while it happens: at each tick, the events before the runner's settled
     * time, which later packets and calls can no longer change (causes only look back; a call is settled
     * once it returned, and it returns after the packet that unblocked it), so each tick only appends.
     */
    static final class LiveTimeline implements ScenarioRunner.Progress {
        private final OutputStream out;
        private final boolean jsonl;
        private final String scenario;
        private String printed = "";
        private boolean revised;

        LiveTimeline(OutputStream out, boolean jsonl, String scenario) {
            this.out = out;
            this.jsonl = jsonl;
            this.scenario = scenario;
        }

        boolean started() {
            return !printed.isEmpty();
        }

        @Override
        public synchronized void tick(List<Frame> frames, List<LogEntry> log, long settledBefore) throws IOException {
            Timeline all = TimelineBuilder.build(frames, log);
            List<TimelineEvent> settled = all.events().stream().filter(e -> e.tsNanos() < settledBefore).toList();
            String text;
            if (jsonl) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                TimelineJsonlWriter.write(new Timeline(settled), scenario, b);
                text = b.toString(StandardCharsets.UTF_8);
            } else {
                text = TimelineTextWriter.render(new Timeline(settled));
            }
            if (text.startsWith(printed)) {
                out.write(text.substring(printed.length()).getBytes(StandardCharsets.UTF_8));
                printed = text;
            } else if (settledBefore == Long.MAX_VALUE && !revised) {
                // Should not happen; if it does, say so and give the timeline as captured.
                revised = true;
                out.write(("   (the live view above was revised; the whole timeline as captured:)\n" + text)
                        .getBytes(StandardCharsets.UTF_8));
                printed = text;
            }
            out.flush();
        }
    }
}
