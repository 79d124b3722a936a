package io.wirebook.tutorial.demo;

import io.wirebook.calls.Outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.CallLog;
import io.wirebook.tutorial.demo.sockets.Loopback;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
    /** A scenario that sends nothing and achieves its aim from attempt {@code winsAt} on. */
    static final class Flaky implements Scenario {
        final int winsAt;
        final int max;
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

        @Override public ScenarioRun prepare(CallLog log) {
            int attempt = ++prepared;
            Scenario self = this;
            return new ScenarioRun() {
                @Override public Scenario scenario() {
                    return self;
                }

                @Override public CallLog log() {
                    return log;
                }

                @Override public List<Endpoint> endpoints() {
                    return List.of(Endpoint.tcp(new InetSocketAddress(Loopback.V4, 40000 + attempt), "listener"));
                }

                @Override public boolean expectsIcmp() {
                    return false;
                }

                @Override public Outcome execute() {
                    return attempt >= winsAt ? Outcome.achieved("won") : Outcome.missed("lost");
                }

                @Override public void close() {
                    closed++;
                }
            };
        }
    }

    @Test
    void retriesWithAFreshLogUntilAnAttemptIsAchieved() throws Exception {
        Flaky f = new Flaky(3, 5);
        List<String> events = new ArrayList<>();
        RunReport r = ScenarioRunner.run(f, new AttemptHook() {
            @Override public void beforeTraffic(int attempt, ScenarioRun run) {
                events.add("before " + attempt + " " + run.bpfFilter());
            }

            @Override public boolean afterTraffic(int attempt, ScenarioRun run, Outcome outcome) {
                events.add("after " + attempt + " " + outcome.achieved());
                return outcome.achieved();
            }
        });
        assertEquals(3, r.attempts());
        assertTrue(r.kept());
        assertEquals("won", r.outcome().summary());
        assertEquals("3", r.log().noteValue("attempt").orElseThrow());
        assertEquals("5", r.log().noteValue("max_attempts").orElseThrow());
        assertEquals(3, f.closed);
        assertEquals(List.of("before 1 tcp port 40001", "after 1 false", "before 2 tcp port 40002", "after 2 false",
                "before 3 tcp port 40003", "after 3 true"), events);
    }

    @Test
    void aHookCanRejectAnAchievedAttemptAndAttemptsRunOut() throws Exception {
        Flaky f = new Flaky(1, 4);
        RunReport r = ScenarioRunner.run(f, new AttemptHook() {
            @Override public boolean afterTraffic(int attempt, ScenarioRun run, Outcome outcome) {
                return false; // say, the capture did not see FIN, FIN, ACK, ACK
            }
        });
        assertEquals(4, r.attempts());
        assertFalse(r.kept());
        assertTrue(r.outcome().achieved());
        assertEquals(4, f.closed);
    }

    @Test
    void aScenarioThatAlwaysWorksRunsOnce() throws Exception {
        Flaky f = new Flaky(1, 1);
        assertEquals(1, ScenarioRunner.run(f).attempts());
    }

    @Test
    void runScenarioSaysHowToUseIt() throws Exception {
        assertEquals(2, RunScenario.run(new String[0]));
        assertEquals(2, RunScenario.run(new String[] {"no-such-scenario"}));
        assertEquals(0, RunScenario.run(new String[] {"--list"}));
        assertThrows(IllegalStateException.class, () -> {
            CallLog log = new CallLog();
            try (ScenarioRun run = io.wirebook.tutorial.demo.scenarios.Scenarios.byName("refused").orElseThrow()
                    .prepare(log)) {
                run.execute();
                run.execute();
            }
        });
    }
}
