package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.fails;
import static io.wirebook.tutorial.notebook.claims.Checks.holds;
import static io.wirebook.tutorial.notebook.claims.Checks.reason;
import static io.wirebook.tutorial.notebook.claims.Checks.run;
import static io.wirebook.tutorial.notebook.claims.Checks.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Numbers, times and durations: units, what arithmetic gives, precedence, text that reads as a number. */
class ClaimArithmeticTest {
    private static final Evidence SMALL = TestTimelines.small();

    @Test
    void unitsAreTheSameDurationWrittenDifferently() {
        holds(SMALL, "1min == 60s and 60s == 60000ms and 1ms == 1000us and 1us == 1\u00B5s and 1us == 1000ns");
        holds(SMALL, "1.5s == 1500ms and 0.5ms == 500us");
    }

    @Test
    void aTimeMinusATimeIsADuration() {
        holds(SMALL, "call[name=accept].ts - call[name=listen].ts == 2us");
        holds(SMALL, "call[name=listen].ts - call[name=accept].ts == -2us");
        holds(SMALL, "call[name=listen].ts + 2us == call[name=accept].ts");
        holds(SMALL, "2us + call[name=listen].ts == call[name=accept].ts");
        holds(SMALL, "call[name=accept].ts - 2us == call[name=listen].ts");
    }

    @Test
    void durationsScaleByNumbersAndDivideIntoNumbers() {
        holds(SMALL, "2 * 30s == 1min and 30s * 2 == 1min and 1min / 2 == 30s");
        holds(SMALL, "1min / 1s == 60");
        holds(SMALL, "(call[name=accept].end - call[name=accept].ts) / 1us == 897");
        holds(SMALL, "1s / 3 * 3 == 1s +- 1ns");
    }

    @Test
    void numbersFollowTheUsualPrecedence() {
        holds(SMALL, "1 + 2 * 3 == 7 and (1 + 2) * 3 == 9 and 10 - 4 - 3 == 3 and 8 / 4 / 2 == 1");
        holds(SMALL, "-2 * -3 == 6 and - (1 + 1) == -2 and 1 - -1 == 2");
        holds(SMALL, "0.1 + 0.2 == 0.3");
    }

    @Test
    void textFromTheRecordingBecomesANumberOrADuration() {
        holds(SMALL, "call[name=listen].args.backlog + 1 == 5");
        holds(SMALL, "note[key=client.timer_ms].value * 1ms == 59990ms");
        holds(SMALL, "note[key=client.timer_ms].value * 1ms == 60s \u00B1 1s");
        holds(SMALL, "match(note[contains=TIME_WAIT].value, \"timer=\\S+ (\\S+)\") + 10ms == 1min");
        holds(SMALL, "kernel[key=net.ipv4.tcp_fin_timeout].value * 1s == 1min");
    }

    @Test
    void textThatIsNoNumberFailsWithTheText() {
        assertEquals("note[key=outcome].value is \"done\", not a number, time or duration",
                reason(SMALL, "note[key=outcome].value + 1 == 2"));
        assertEquals("match(note[contains=TIME_WAIT].value, \"timer=\\S+ (\\S+)\") * 2 * 1s: cannot multiply a duration and a duration",
                reason(SMALL, "match(note[contains=TIME_WAIT].value, \"timer=\\S+ (\\S+)\") * 2 * 1s == 1s"));
    }

    @Test
    void textComparedWithANumberIsEqualOnlyWhenItReadsAsThatNumber() {
        holds(SMALL, "call[name=write].result == 6 and call[name=write].result != 7");
        fails(SMALL, "call[name=accept].result == 6");
        holds(SMALL, "call[name=write].result > 5");
    }

    @Test
    void divisionByZeroFailsTheCheck() {
        assertEquals("1s / 0: division by zero", reason(SMALL, "1s / 0 == 1s"));
    }

    @Test
    void timesPrintAsEpochSecondsAndDurationsInTheirLargestUnit() {
        assertEquals("call[name=listen].ts == call[name=listen].ts - 59990ms: left 1795596652.000001000 s, right 1795596592.010001000 s",
                run(SMALL, "call[name=listen].ts == call[name=listen].ts - 59990ms").values().get(0));
        assertEquals("59990ms == 1.5us: left 59.99 s, right 1.5 \u00B5s", run(SMALL, "59990ms == 1.5us").values().get(0));
        assertEquals("3ns == 2ms: left 3 ns, right 2 ms", run(SMALL, "3ns == 2ms").values().get(0));
        assertEquals("10 / 4 == 2: left 2.5, right 2", run(SMALL, "10 / 4 == 2").values().get(0));
    }

    @Test
    void dimensionsThatDoNotMixAreSyntaxErrors() {
        assertEquals("test.md:11:25: cannot add a time and a time", syntax("first(packet).ts + first(packet).ts > first(packet).ts"));
        assertEquals("test.md:11:10: cannot subtract a number and a duration", syntax("2 - 1s > 0s"));
        assertEquals("test.md:11:25: cannot multiply a time and a number", syntax("first(packet).ts * 2 > 0s"));
        assertEquals("test.md:11:10: cannot divide a number and a duration", syntax("2 / 1s > 0"));
        assertEquals("test.md:11:8: cannot negate a time", syntax("-first(packet).ts > 0s"));
        assertEquals("test.md:11:8: '+' needs numbers, times or durations; this is a packet", syntax("first(packet) + 1 > 0"));
        assertEquals("test.md:11:25: cannot compare a time with a number", syntax("first(packet).ts < 5"));
        assertEquals("test.md:11:25: cannot compare a time with a duration", syntax("first(packet).ts < 5s"));
    }
}
