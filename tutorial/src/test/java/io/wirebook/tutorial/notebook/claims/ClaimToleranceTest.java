package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.fails;
import static io.wirebook.tutorial.notebook.claims.Checks.holds;
import static io.wirebook.tutorial.notebook.claims.Checks.reason;
import static io.wirebook.tutorial.notebook.claims.Checks.run;
import static io.wirebook.tutorial.notebook.claims.Checks.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code a == b ± t}: |a - b| ≤ t; with {@code !=}, outside it; {@code +-} is the same. */
class ClaimToleranceTest {
    private static final Evidence SMALL = TestTimelines.small();

    @Test
    void withinTheToleranceIncludingItsEdges() {
        holds(SMALL, "59990ms == 60s \u00B1 1s");
        holds(SMALL, "59s == 60s \u00B1 1s and 61s == 60s \u00B1 1s");
        fails(SMALL, "58999ms == 60s \u00B1 1s");
        fails(SMALL, "61001ms == 60s \u00B1 1s");
    }

    @Test
    void plusMinusWrittenInAscii() {
        holds(SMALL, "59990ms == 60s +- 1s");
        holds(SMALL, "59990ms == 60s+-1s");
    }

    @Test
    void notEqualWithAToleranceMeansOutsideIt() {
        holds(SMALL, "58s != 60s \u00B1 1s");
        fails(SMALL, "59990ms != 60s \u00B1 1s");
    }

    @Test
    void numbersTakeANumberAsTolerance() {
        holds(SMALL, "count(call) == 8 \u00B1 1");
        holds(SMALL, "note[key=client.timer_ms].value == 60000 \u00B1 10");
    }

    @Test
    void timesTakeADuration() {
        holds(SMALL, "call[name=accept].ts == call[name=listen].ts \u00B1 2us");
        fails(SMALL, "call[name=accept].ts == call[name=listen].ts \u00B1 1999ns");
    }

    @Test
    void theToleranceIsShownWithTheValues() {
        assertEquals("59990ms == 60s \u00B1 1s: left 59.99 s, right 60 s, tolerance 1 s",
                run(SMALL, "59990ms == 60s \u00B1 1s").values().get(0));
    }

    @Test
    void theToleranceBindsLooserThanArithmetic() {
        holds(SMALL, "59s + 990ms == 30s * 2 \u00B1 500ms + 500ms");
    }

    @Test
    void wrongTolerancesAreSyntaxErrors() {
        assertEquals("test.md:11:20: the tolerance of a duration must be a duration, not a number", syntax("1s == 60s \u00B1 1"));
        assertEquals("test.md:11:18: the tolerance of a number must be a number, not a duration", syntax("1 == 60 \u00B1 1s"));
        assertEquals("test.md:11:14: a tolerance (\u00B1) only follows '==' or '!=', not '<'", syntax("1 < 2 \u00B1 1"));
        assertEquals("test.md:11:10: a tolerance (+-) only follows '==' or '!='", syntax("1 +- 1"));
        assertEquals("test.md:11:8: '==' compares numbers, times or durations; this is true or false",
                syntax("true == false \u00B1 1"));
    }

    @Test
    void textThatTurnsOutToBeTheWrongKindFailsWhenChecked() {
        assertEquals("the tolerance note[key=client.timer_ms].value must be a duration",
                reason(SMALL, "note[key=client.timer_ms].value * 1ms == 60s \u00B1 note[key=client.timer_ms].value"));
    }
}
