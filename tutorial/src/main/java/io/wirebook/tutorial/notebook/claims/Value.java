package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.SocketCall;
import java.math.BigDecimal;
import java.util.List;

/** What an expression evaluates to when a check runs. */
sealed interface Value permits Value.Num, Value.Str, Value.Bool, Value.None, Value.Item, Value.Selection, Value.Args {

    /** A number, an instant or a duration (both in nanoseconds), kept exact. */
    record Num(BigDecimal value, Dim dim) implements Value {}

    /** Text, as the recording has it. */
    record Str(String text) implements Value {}

    record Bool(boolean value) implements Value {}

    /** A field with no value: the errno of a call that succeeded, the unblocking frame of a call no packet woke. */
    enum None implements Value { NONE }

    /**
     * One event of the evidence: a {@code TimelineEvent.PacketSeen}, {@code Call}, {@code StateChange} or
     * {@code Observation}, or a {@link KernelValue}.
     */
    record Item(ItemKind kind, Object event) implements Value {}

    /** What a selector matched, in timeline order, with the selector as written (for messages). */
    record Selection(ItemKind kind, List<Item> items, String text) implements Value {}

    /** A call's arguments ({@code .args}); a missing argument is {@link None#NONE}. */
    record Args(SocketCall call) implements Value {}

    /** A value the kernel of the building machine reports ({@code kernel[key=net.ipv4.tcp_fin_timeout]}). */
    record KernelValue(String key, String value) {}

    static Num number(long n) {
        return new Num(BigDecimal.valueOf(n), Dim.NUMBER);
    }

    static Num time(long nanos) {
        return new Num(BigDecimal.valueOf(nanos), Dim.TIME);
    }

    static Num duration(long nanos) {
        return new Num(BigDecimal.valueOf(nanos), Dim.DURATION);
    }

    static Value text(String s) {
        return s == null ? None.NONE : new Str(s);
    }
}
