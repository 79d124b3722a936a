package io.wirebook.cli;

import io.wirebook.calls.DemoScenario;
import io.wirebook.calls.DemoScenarioProvider;
import io.wirebook.calls.Recording;
import io.wirebook.calls.ScenarioRecorder;
import io.wirebook.capture.CaptureUnavailableException;
import io.wirebook.capture.LinkType;
import io.wirebook.render.TimelineJsonlWriter;
import io.wirebook.render.TimelinePcapng;
import io.wirebook.render.TimelineTextWriter;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** The scenario half of {@code wirebook capture}: --list, --scenario NAME, --all, --record, --replay. */
final class ScenarioCapture {
    private final CaptureCommand cmd;

    ScenarioCapture(CaptureCommand cmd) {
        this.cmd = cmd;
    }

    int run() throws Exception {
        List<DemoScenario> known = DemoScenarioProvider.all();
        if (known.isEmpty()) {
            cmd.stderr.println("wirebook: no demo scenarios on the class path (they are in the tutorial module; run ./wirebook from the repository)");
            return ExitCodes.USAGE;
        }
        OutputStream out = cmd.stdout;
        if (cmd.list) {
            StringBuilder sb = new StringBuilder();
            for (DemoScenario s : known) {
                sb.append(String.format("%-20s %s%n", s.name(), s.description()));
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return ExitCodes.OK;
        }
        List<DemoScenario> chosen = new ArrayList<>();
        if (cmd.all) {
            chosen.addAll(known);
        }
        for (String name : cmd.scenarios) {
            DemoScenario s = known.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
            if (s == null) {
                cmd.stderr.println("wirebook: no scenario named '" + name + "' (wirebook capture --list shows them)");
                return ExitCodes.USAGE;
            }
            chosen.add(s);
        }
        if (cmd.output != null && chosen.size() != 1) {
            cmd.stderr.println("wirebook: -w takes one scenario; use --record DIR for several");
            return ExitCodes.USAGE;
        }
        if (cmd.recordDir != null) {
            Files.createDirectories(cmd.recordDir);
        }
        ScenarioRecorder recorder = new ScenarioRecorder(cmd.iface);
        boolean many = chosen.size() > 1;
        for (DemoScenario s : chosen) {
            Recording r;
            if (cmd.replayDir != null) {
                try {
                    r = Recording.load(cmd.replayDir, s.name());
                } catch (NoSuchFileException e) {
                    cmd.stderr.println("wirebook: no recording of " + s.name() + " in " + cmd.replayDir + " (" + e.getFile() + ")");
                    return ExitCodes.CANNOT_OPEN;
                }
            } else {
                try {
                    r = recorder.record(s);
                } catch (CaptureUnavailableException e) {
                    cmd.stderr.println("wirebook: " + e.getMessage());
                    return ExitCodes.CAPTURE_UNAVAILABLE;
                }
                if (!r.shown()) {
                    cmd.stderr.println("wirebook: " + s.name() + ": not shown in " + r.attempt() + " attempts: " + r.summary());
                }
            }
            Timeline t = TimelineBuilder.build(r.frames(), r.log());
            if (cmd.format == ReadCommand.Format.jsonl) {
                TimelineJsonlWriter.write(t, many ? s.name() : null, out);
            } else {
                StringBuilder sb = new StringBuilder();
                sb.append("== ").append(s.name()).append(": ").append(s.description());
                if (r.maxAttempts() > 1) {
                    sb.append(" (attempt ").append(r.attempt()).append(" of up to ").append(r.maxAttempts()).append(')');
                }
                sb.append('\n').append(TimelineTextWriter.render(t));
                if (!r.summary().isEmpty()) {
                    sb.append("   => ").append(r.summary()).append('\n');
                }
                sb.append('\n');
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            if (cmd.recordDir != null) {
                TimelinePcapng.write(t, Recording.capturePath(cmd.recordDir, s.name()), linkType(r), cmd.iface);
                r.saveCalls(cmd.recordDir);
            }
            if (cmd.output != null) {
                TimelinePcapng.write(t, cmd.output, linkType(r), cmd.iface);
            }
        }
        return ExitCodes.OK;
    }


    private static int linkType(Recording r) {
        return r.frames().isEmpty() ? LinkType.EN10MB : r.frames().get(0).linkType;
    }
}
