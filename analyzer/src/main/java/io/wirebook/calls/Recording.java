package io.wirebook.calls;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ScenarioRunner} kept of a scenario, its result: the last attempt's captured frames (none
 * without a capture), its socket-call log, which attempt it was of how many, whether it showed what the
 * scenario is for, and its outcome's summary. Saved as {@code NAME.pcapng} and {@code NAME.calls.jsonl}
 * (the frozen outputs in {@code captures/scenarios/}), so timelines rebuild without capture privileges.
 */
public record Recording(String scenario, List<Frame> frames, List<LogEntry> log, int attempt, int maxAttempts,
        boolean shown, String summary) {

    public static Path capturePath(Path dir, String scenario) {
        return dir.resolve(scenario + ".pcapng");
    }

    public static Path callsPath(Path dir, String scenario) {
        return dir.resolve(scenario + ".calls.jsonl");
    }

    /** Reads a saved recording (frames and calls); attempt facts come from the log's notes. */
    public static Recording load(Path dir, String scenario) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource src = CaptureFiles.open(capturePath(dir, scenario).toString())) {
            Frame f = new Frame();
            while (src.next(f)) {
                Frame c = f.copy();
                c.comments = null; // the comments are derived from the log; the log is the source
                frames.add(c);
            }
        }
        List<LogEntry> log;
        try (Reader r = Files.newBufferedReader(callsPath(dir, scenario), StandardCharsets.UTF_8)) {
            log = CallLogJson.read(r);
        }
        int attempt = 1, max = 1;
        boolean shown = true;
        String summary = "";
        for (LogEntry e : log) {
            if (e instanceof Note n) {
                switch (n.key()) {
                    case "attempt" -> attempt = Integer.parseInt(n.value());
                    case "max_attempts" -> max = Integer.parseInt(n.value());
                    case "shown" -> shown = Boolean.parseBoolean(n.value());
                    case "outcome" -> summary = n.value();
                    default -> { }
                }
            }
        }
        return new Recording(scenario, frames, log, attempt, max, shown, summary);
    }

    /** Writes the call log (the capture is written with its comments by the timeline's pcapng writer). */
    public void saveCalls(Path dir) throws IOException {
        try (var w = Files.newBufferedWriter(callsPath(dir, scenario), StandardCharsets.UTF_8)) {
            CallLogJson.write(log, w);
        }
    }
}
