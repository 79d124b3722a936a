package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.fails;
import static io.wirebook.tutorial.notebook.claims.Checks.holds;

import org.junit.jupiter.api.Test;

/** Statements the book makes about the queues and TIME_WAIT, on the frozen recordings, and their false variants. */
class BookClaimsTest {
    @Test
    void exactlyBacklogPlusOneHandshakesComplete() {
        Evidence e = Recordings.of("backlog");
        holds(e, "count(state[side=server, to=ESTABLISHED]) == number(first(call[name=listen]).args.backlog) + 1");
        fails(e, "count(state[side=server, to=ESTABLISHED]) == number(first(call[name=listen]).args.backlog)");
    }

    @Test
    void theTimeWaitTimerIsSixtySeconds() {
        Evidence e = Recordings.of("time-wait");
        holds(e, "duration(match(first(note[contains=TIME_WAIT]).value, \"timer=time_wait (\\\\d+ms)\")) == 60s \u00b1 1s");
        fails(e, "duration(match(first(note[contains=TIME_WAIT]).value, \"timer=time_wait (\\\\d+ms)\")) == 30s \u00b1 1s");
    }
}
