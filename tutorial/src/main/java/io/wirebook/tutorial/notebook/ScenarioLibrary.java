package io.wirebook.tutorial.notebook;

import io.wirebook.analysis.ConversationSummary;
import io.wirebook.calls.Recording;
import io.wirebook.capture.Frame;
import io.wirebook.flow.UdpFlow;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.timeline.TimelineBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario recordings a site is built from ({@code NAME.pcapng} + {@code NAME.calls.jsonl} in one
 * directory: the frozen {@code captures/scenarios/}, or the fresh captures of {@code ./wirebook all}),
 * each loaded and analysed once.
 */
public final class ScenarioLibrary {
    private final Path dir;
    private final Map<String, ScenarioEvidence> loaded = new HashMap<>();

    public ScenarioLibrary(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** True when the directory holds a recording of this scenario. */
    public boolean has(String name) {
        return Files.isRegularFile(Recording.capturePath(dir, name)) && Files.isRegularFile(Recording.callsPath(dir, name));
    }

    /** The scenario's evidence; loads and analyses it on first use. */
    public ScenarioEvidence get(String name) throws IOException {
        ScenarioEvidence e = loaded.get(name);
        if (e == null) {
            if (!has(name)) {
                throw new IOException("no recording of scenario \"" + name + "\" in " + dir
                        + " (NAME.pcapng and NAME.calls.jsonl)");
            }
            Recording r = Recording.load(dir, name);
            List<ConversationSummary> rows = new ArrayList<>();
            List<UdpFlow> flows = new ArrayList<>();
            PacketPipeline p = PacketPipeline.summarising(EvictionPolicy.defaults(), rows::add, flows::add);
            for (Frame f : r.frames()) {
                p.next(f);
            }
            p.finish();
            rows.sort(Comparator.comparingInt(s -> s.stream));
            flows.sort(Comparator.comparingInt(f -> f.index));
            e = new ScenarioEvidence(name, r, TimelineBuilder.build(r.frames(), r.log()), rows, flows);
            loaded.put(name, e);
        }
        return e;
    }
}
