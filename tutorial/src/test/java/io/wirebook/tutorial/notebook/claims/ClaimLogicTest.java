package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.fails;
import static io.wirebook.tutorial.notebook.claims.Checks.holds;
import static io.wirebook.tutorial.notebook.claims.Checks.reason;
import static io.wirebook.tutorial.notebook.claims.Checks.run;
import static io.wirebook.tutorial.notebook.claims.Checks.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** and, or, not, parentheses, true/false, none; short-circuits; absent things fail whatever surrounds them. */
class ClaimLogicTest {
    private static final Evidence SMALL = TestTimelines.small();

    @Test
    void andOrNot() {
        holds(SMALL, "true and true");
        fails(SMALL, "true and false");
        holds(SMALL, "false or true");
        fails(SMALL, "false or false");
        holds(SMALL, "not false");
        holds(SMALL, "not not true");
        fails(SMALL, "not 1 == 1");
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        holds(SMALL, "true or true and false");
        fails(SMALL, "(true or true) and false");
        holds(SMALL, "not false and true");
        fails(SMALL, "not (false or true)");
    }

    @Test
    void comparisonsBindTighterThanLogic() {
        holds(SMALL, "1 < 2 and 2 < 3 or 5 == 6");
        holds(SMALL, "(1 == 1) == true and (1 == 2) != true");
    }

    @Test
    void andStopsAtTheFirstFalseAndOrAtTheFirstTrue() {
        CheckResult r = run(SMALL, "1 == 2 and call[name=nothing].ts > call[name=listen].ts");
        assertEquals("it is false", r.reason());
        assertEquals(List.of("1 == 2: left 1, right 2"), r.values());
        holds(SMALL, "count(call[name=nothing]) == 0 or first(call[name=nothing]).ts > call[name=listen].ts");
    }

    @Test
    void somethingAbsentFailsTheCheckEvenUnderNot() {
        assertEquals("no call matches call[name=nothing]", reason(SMALL, "not (first(call[name=nothing]).ts > call[name=listen].ts)"));
        assertEquals("no call matches call[name=nothing]", reason(SMALL, "first(call[name=nothing]).ts > call[name=listen].ts or true"));
    }

    @Test
    void noneEqualsOnlyNone() {
        holds(SMALL, "none == none");
        holds(SMALL, "call[name=write].errno == none and call[name=write].result != none");
        fails(SMALL, "call[name=write].errno == \"\"");
    }

    @Test
    void itemsCompareByIdentity() {
        holds(SMALL, "first(call[name=connect]) == first(call[sock=client])");
        holds(SMALL, "first(call[name=connect]) != last(call[name=connect])");
    }

    @Test
    void logicNeedsConditions() {
        assertEquals("test.md:11:19: 'and' needs conditions that are true or false; this is a number", syntax("1 == 1 and 2"));
        assertEquals("test.md:11:12: 'not' needs conditions that are true or false; this is a number", syntax("not 2"));
        assertEquals("test.md:11:8: a check must be true or false, but this is a number; compare it with something (==, <, ...)",
                syntax("1 + 1"));
        assertEquals("test.md:11:20: cannot compare a call with a packet", syntax("first(call) == first(packet)"));
        assertEquals("test.md:11:13: cannot compare true or false with a number", syntax("true == 1"));
    }
}
