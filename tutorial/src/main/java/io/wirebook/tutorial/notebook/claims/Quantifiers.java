package io.wirebook.tutorial.notebook.claims;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code count(sel[, cond])}, {@code all(sel, cond)} and {@code any(sel, cond)}. Every item looked at is
 * evidence. The values compared are kept only for the item that decides: the first for which
 * {@code all}'s condition is false, the first for which {@code any}'s is true; else the check would print
 * one line per packet. {@code all} of nothing fails: a claim about every data segment of a recording
 * without any says nothing, and the book should not say it.
 */
final class Quantifiers {
    private Quantifiers() {}

    static Value run(Evaluator ev, Expr.Func f, Value.Selection s, Expr condition) {
        String name = f.name();
        if (name.equals("all") && s.items().isEmpty()) {
            throw new EvalFailure("no " + s.kind().noun + " matches " + s.text() + ", so all(...) has nothing to check");
        }
        List<String> outer = ev.values;
        int count = 0;
        try {
            for (Value.Item it : s.items()) {
                ev.saw(it);
                if (condition == null) {
                    count++;
                    continue;
                }
                ev.values = new ArrayList<>();
                boolean holds = ev.holdsFor(it, condition);
                count += holds ? 1 : 0;
                if (name.equals("all") && !holds || name.equals("any") && holds) {
                    outer.add(ev.source(f) + ": " + (holds ? "holds" : "fails") + " for " + Values.describe(it));
                    for (String v : ev.values) {
                        outer.add("  " + v);
                    }
                    return new Value.Bool(holds);
                }
            }
        } finally {
            ev.values = outer;
        }
        if (name.equals("count")) {
            return Value.number(count);
        }
        int n = s.items().size();
        String which = n == 1 ? "the only " + s.kind().noun : (name.equals("all") ? "all " : "none of ") + s.kind().count(n);
        outer.add(ev.source(f) + ": " + (name.equals("all") || n != 1 ? "holds for " : "fails for ") + which + " of " + s.text());
        return new Value.Bool(name.equals("all"));
    }
}
