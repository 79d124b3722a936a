package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.Recording;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import io.wirebook.tutorial.demo.proc.Sysctl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a claim is checked against: a scenario's timeline (its calls, packets, state changes and notes,
 * with causes and unblocking packets) and values read from the kernel of the machine that builds the
 * site ({@code net.ipv4.tcp_fin_timeout} → {@code 60}, {@code kernel.osrelease}), which may differ from the
 * kernel that made the recording (the recording's own readings are its notes: {@code kernel},
 * {@code sysctl.net.ipv4.*}).
 *
 * @param timeline the scenario's timeline
 * @param kernel   sysctl names to values on the building machine; may be empty
 */
public record Evidence(Timeline timeline, Map<String, String> kernel) {
    public Evidence {
        if (timeline == null) {
            timeline = new Timeline(List.of());
        }
        kernel = Collections.unmodifiableMap(new LinkedHashMap<>(kernel == null ? Map.of() : kernel));
    }

    /**
     * The values of these sysctls on this machine ({@code net.ipv4.tcp_fin_timeout}, {@code kernel.osrelease}),
     * read from /proc/sys; a name this kernel does not have is left out, so a claim about it fails with
     * "no kernel value matches ...".
     */
    public static Map<String, String> thisMachine(Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            Sysctl.read(n).ifPresent(v -> out.put(n, v));
        }
        return out;
    }

    /** The timeline of a recording, as {@code wirebook capture --replay} builds it. */
    public static Evidence of(Recording recording, Map<String, String> kernel) {
        return new Evidence(TimelineBuilder.build(recording.frames(), recording.log()), kernel);
    }

    /** The frozen recording {@code dir/NAME.pcapng} with {@code dir/NAME.calls.jsonl}. */
    public static Evidence load(Path dir, String scenario, Map<String, String> kernel) throws IOException {
        return of(Recording.load(dir, scenario), kernel);
    }
}
