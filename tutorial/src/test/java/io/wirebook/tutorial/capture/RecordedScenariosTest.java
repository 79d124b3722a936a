package io.wirebook.tutorial.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.Recording;
import io.wirebook.timeline.Timeline;
import io.wirebook.timeline.TimelineBuilder;
import io.wirebook.tutorial.demo.scenarios.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frozen recordings in captures/scenarios (written by tutorial/src/main/sh/record-scenarios.sh)
 * replayed without capture privileges: each timeline must show what its scenario is for.
 */
class RecordedScenariosTest {
    static Path dir() {
        return Paths.get(System.getProperty("wirebook.captures", "../captures")).resolve("scenarios");
    }

    static Stream<String> scenarios() {
        return Scenarios.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordingShowsWhatTheScenarioIsFor(String name) throws Exception {
        assertTrue(Files.exists(Recording.capturePath(dir(), name)),
                "no recording of " + name + ": run tutorial/src/main/sh/record-scenarios.sh " + name);
        Recording r = Recording.load(dir(), name);
        assertTrue(r.shown(), name + " was recorded without showing what it is for: " + r.summary());
        Timeline t = TimelineBuilder.build(r.frames(), r.log());
        ScenarioExpectations.check(name, t);
    }
}
