package io.wirebook.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's attempts, without a capture: a fresh log each, kept when the outcome is achieved. */
class ScenarioRunnerTest {
    /** A scenario that sends nothing and achieves its aim from attempt {@code winsAt} on. */
    static final class Flaky implements Scenario {
        final int winsAt;
        final int max;
        final List<String> events = new ArrayList<>();
        int prepared;
        int closed;

        Flaky(int winsAt, int max) {
            this.winsAt = winsAt;
            this.max = max;
        }

        @Override public String name() {
            return "flaky";
        }

        @Override public String description() {
            return "wins at attempt " + winsAt;
        }

        @Override public Duration timeBound() {
            return Duration.ofSeconds(1);
        }

        @Override public int maxAttempts() {
            return max;
        }

        /** A capture could not tell: without one, only the outcome counts. */
        @Override public boolean shownBy(List<Frame> frames) {
            return false;
        }

        @Override public PreparedScenario prepare(CallLog log) {
            int attempt = ++prepared;
            events.add("prepare " + attempt);
            return new PreparedScenario() {
                @Override public String bpfFilter() {
                    return "tcp port " + (40000 + attempt);
                }

                @Override public Outcome execute() {
                    events.add("execute " + attempt);
                    return attempt >= winsAt ? Outcome.achieved("won") : Outcome.missed("lost");
                }

                @Override public void close() {
                    closed++;
                }
            };
        }
    }

    private static String note(Recording r, String key) {
        String value = null;
        for (LogEntry e : r.log()) {
            if (e instanceof Note n && n.key().equals(key)) {
                value = n.value();
            }
        }
        return value;
    }

    @Test
    void retriesWithAFreshLogUntilAnAttemptIsAchieved() throws Exception {
        Flaky f = new Flaky(3, 5);
        Recording r = ScenarioRunner.withoutCapture().run(f);
        assertEquals(3, r.attempt());
        assertEquals(5, r.maxAttempts());
        assertTrue(r.shown());
        assertEquals("won", r.summary());
        assertEquals("3", note(r, "attempt"));
        assertEquals("5", note(r, "max_attempts"));
        assertEquals("won", note(r, "outcome"));
        assertEquals("true", note(r, "shown"));
        assertTrue(r.frames().isEmpty());
        assertEquals(List.of("prepare 1", "execute 1", "prepare 2", "execute 2", "prepare 3", "execute 3"), f.events);
        assertTrue(f.closed >= 3, "every attempt is closed");
    }

    @Test
    void whenAttemptsRunOutTheLastIsKeptAsNotShown() throws Exception {
        Flaky f = new Flaky(10, 4);
        Recording r = ScenarioRunner.withoutCapture().run(f);
        assertEquals(4, r.attempt());
        assertFalse(r.shown());
        assertEquals("lost", r.summary());
        assertEquals("false", note(r, "shown"));
    }

    @Test
    void aScenarioThatAlwaysWorksRunsOnceAndShowsItsProgress() throws Exception {
        Flaky f = new Flaky(1, 1);
        List<Long> ticks = new ArrayList<>();
        Recording r = ScenarioRunner.withoutCapture().run(f, (frames, log, settledBefore) -> ticks.add(settledBefore));
        assertEquals(1, r.attempt());
        assertEquals(List.of("prepare 1", "execute 1"), f.events);
        assertEquals(Long.MAX_VALUE, (long) ticks.get(ticks.size() - 1), "the last tick shows everything");
    }
}
