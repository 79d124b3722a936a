package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.fails;
import static io.wirebook.tutorial.notebook.claims.Checks.holds;
import static io.wirebook.tutorial.notebook.claims.Checks.reason;
import static io.wirebook.tutorial.notebook.claims.Checks.run;
import static io.wirebook.tutorial.notebook.claims.Checks.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** first, last, nth, count, all, any, frame, match, duration, number, abs. */
class ClaimFunctionTest {
    private static final Evidence HANDSHAKE = Recordings.of("handshake");
    private static final Evidence SMALL = TestTimelines.small();

    @Test
    void firstAndLastInTimelineOrder() {
        holds(HANDSHAKE, "first(packet).frame == 1 and last(packet).frame == 11");
        holds(HANDSHAKE, "first(packet[has=F]).side == \"client\" and last(packet[has=F]).side == \"server\"");
        CheckResult r = run(HANDSHAKE, "first(packet[has=F]).frame == 8");
        assertEquals(List.of(8L), r.frames());
    }

    @Test
    void firstOfNothingFailsSayingWhatMatchedNothing() {
        assertEquals("no call matches call[name=accept, side=server]",
                reason(Recordings.of("no-accept"), "first(call[name=accept, side=server]).ts > first(packet).ts"));
        assertEquals("no packet matches packet[has=R]", reason(HANDSHAKE, "last(packet[has=R]).frame == 1"));
    }

    @Test
    void nthCountsFromOne() {
        holds(HANDSHAKE, "nth(packet[flags=.], 1).frame == 3 and nth(packet[flags=.], 2).frame == 5");
        holds(HANDSHAKE, "nth(packet, 11) == last(packet)");
        holds(HANDSHAKE, "nth(packet, 1 + 1).frame == 2");
        assertEquals("only 2 packets match packet[has=F], so there is no number 3", reason(HANDSHAKE, "nth(packet[has=F], 3).frame == 1"));
        assertEquals("0 is 0; expected a whole number from 1", reason(HANDSHAKE, "nth(packet, 0).frame == 1"));
        assertEquals("1.5 is 1.5; expected a whole number from 1", reason(HANDSHAKE, "nth(packet, 1.5).frame == 1"));
    }

    @Test
    void countWithAndWithoutACondition() {
        holds(HANDSHAKE, "count(packet[len>0]) == 2");
        holds(HANDSHAKE, "count(packet, it.len > 0) == 2");
        holds(HANDSHAKE, "count(packet[side=server], it.cause == \"kernel\") == 3");
        holds(Recordings.of("no-accept"), "count(call[name=accept]) == 0");
        CheckResult r = run(HANDSHAKE, "count(packet[len>0]) == 2");
        assertEquals(List.of(4L, 6L), r.frames());
    }

    @Test
    void allHoldsWhenEveryItemDoesAndShowsTheFirstThatDoesNot() {
        holds(HANDSHAKE, "all(packet[len>0], it.cause == \"write\")");
        CheckResult r = run(HANDSHAKE, "all(packet[side=client], it.cause == \"kernel\")");
        assertEquals("it is false", r.reason());
        assertEquals(List.of("all(packet[side=client], it.cause == \"kernel\"): fails for #1 client [S] seq 0 len 0",
                "  it.cause == \"kernel\": left \"connect\", right \"kernel\""), r.values());
        assertEquals(List.of(1L), r.frames());
    }

    @Test
    void allOfNothingFailsRatherThanHoldingVacuously() {
        assertEquals("no packet matches packet[has=R], so all(...) has nothing to check",
                reason(HANDSHAKE, "all(packet[has=R], it.cause == \"kernel\")"));
    }

    @Test
    void anyHoldsOnTheFirstItemThatDoes() {
        CheckResult r = run(HANDSHAKE, "any(packet, it.flags == \"F.\" and it.side == \"server\")");
        assertEquals(true, r.holds());
        assertEquals("any(packet, it.flags == \"F.\" and it.side == \"server\"): holds for #10 server [F.] seq 7 ack 8 len 0",
                r.values().get(0));
        fails(HANDSHAKE, "any(packet, it.flags == \"R.\")");
        fails(HANDSHAKE, "any(packet[has=R], it.len == 0)");
    }

    @Test
    void quantifiersNestAndItIsTheInnermostItem() {
        holds(HANDSHAKE, "all(call[name=read, result=0], any(packet[has=F], it.frame == 8))");
        holds(HANDSHAKE, "all(packet[len>0], it.cause_call.end >= it.ts or it.cause_call.ts <= it.ts)");
    }

    @Test
    void frameIsThePacketWithThatNumber() {
        holds(HANDSHAKE, "frame(2).flags == \"S.\"");
        holds(HANDSHAKE, "frame(call[name=connect].unblocked_by) == first(packet[flags=S.])");
        holds(HANDSHAKE, "frame(call[name=accept].unblocked_by).flags == \".\"");
        assertEquals("no packet is frame 99", reason(HANDSHAKE, "frame(99).len == 0"));
    }

    @Test
    void matchGivesTheFirstGroupOrTheWholeMatch() {
        holds(SMALL, "match(note[contains=TIME_WAIT].value, \"timer=\\S+ (\\S+)\") == \"59990ms\"");
        holds(SMALL, "match(note[contains=TIME_WAIT].value, \"TIME_\\w+\") == \"TIME_WAIT\"");
        holds(SMALL, "match(note[contains=TIME_WAIT].value, \"rx=(\\d+)\") == 0");
        assertEquals("\"done\" does not match \"x(\\d)\"", reason(SMALL, "match(note[key=outcome].value, \"x(\\d)\") == 1"));
    }

    @Test
    void matchTakesItsPatternAsAQuotedString() {
        assertEquals("test.md:11:33: match() takes its pattern as a quoted string, such as \"timer=\\S+ (\\S+)\"",
                syntax("match(note[key=x].value, note[key=y].value) == 1"));
        assertEquals("test.md:11:33: bad regular expression: Unclosed group near index 1", syntax("match(note[key=x].value, \"(\") == 1"));
    }

    @Test
    void durationAndNumberReadText() {
        holds(SMALL, "duration(match(note[contains=TIME_WAIT].value, \"timer=\\S+ (\\S+)\")) == 59990ms");
        holds(SMALL, "duration(\"60 s\") == 1min");
        holds(SMALL, "number(note[key=client.timer_ms].value) == 59990");
        holds(SMALL, "number(\"1.5\") * 2 == 3");
        assertEquals("note[key=outcome].value is \"done\", not a duration (such as 60s or 59990ms)",
                reason(SMALL, "duration(note[key=outcome].value) > 1s"));
        assertEquals("\"59990\" is \"59990\", not a duration (such as 60s or 59990ms)",
                reason(SMALL, "duration(\"59990\") > 1s"));
        assertEquals("test.md:11:15: number() takes text such as \"6\", but this is a duration", syntax("number(1s) == 1"));
    }

    @Test
    void absOfNumbersAndDurations() {
        holds(SMALL, "abs(-3) == 3");
        holds(SMALL, "abs(call[name=listen].ts - call[name=accept].ts) == 2us");
        assertEquals("test.md:11:12: abs() takes a number or duration, but this is a time", syntax("abs(first(packet).ts) == 1s"));
    }

    @Test
    void functionsCheckTheirArguments() {
        assertEquals("test.md:11:14: first() takes a selection, but this is a number", syntax("first(1).ts > 0"));
        assertEquals("test.md:11:18: expected ',' and a position (1 is the first) after a selection of nth(), found ')'",
                syntax("nth(packet) == 1"));
        assertEquals("test.md:11:20: all() takes a condition on it as argument 2, but this is a number",
                syntax("all(packet, it.len)"));
        assertEquals("test.md:11:20: expected ')' after the argument of count(), found the end of the check",
                syntax("count(packet"));
        assertEquals("test.md:11:26: expected ')' after the arguments of count(), found ','", syntax("count(packet, true, 1) == 1"));
        assertEquals("test.md:11:14: expected '(' after first, found '=='", syntax("first == 1"));
    }
}
