package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.Note;
import io.wirebook.calls.SocketCall;
import io.wirebook.timeline.TimelineEvent;
import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Runs one check against the evidence, noting what it looked at (frames, calls, notes) and the values
 * it compared. Anything absent or of the wrong kind throws {@link EvalFailure} with the reason.
 */
final class Evaluator {
    private final Index index;
    private final String line;
    final Set<Long> frames = new TreeSet<>();
    final Set<SocketCall> calls = new LinkedHashSet<>();
    final Set<Note> notes = new LinkedHashSet<>();
    /** One line per comparison made: {@code TEXT: left X, right Y}. */
    List<String> values = new ArrayList<>();
    private final Deque<Value.Item> its = new ArrayDeque<>();

    Evaluator(Index index, String line) {
        this.index = index;
        this.line = line;
    }

    boolean holds(Expr e) {
        return bool(e);
    }

    private String text(Expr e) {
        return line.substring(e.start(), e.end());
    }

    private boolean bool(Expr e) {
        Value v = eval(e);
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        throw new EvalFailure(text(e) + " is " + Values.show(v) + ", not true or false");
    }

    Value eval(Expr e) {
        if (e instanceof Expr.Lit l) {
            return l.value();
        }
        if (e instanceof Expr.It) {
            return its.peek();
        }
        if (e instanceof Expr.Select s) {
            return select(s);
        }
        if (e instanceof Expr.Field f) {
            return field(f);
        }
        if (e instanceof Expr.Func f) {
            return function(f);
        }
        if (e instanceof Expr.Neg n) {
            Value.Num v = num(n.operand());
            if (v.dim() == Dim.TIME) {
                throw new EvalFailure("cannot negate " + text(n.operand()) + ", a time");
            }
            return new Value.Num(v.value().negate(), v.dim());
        }
        if (e instanceof Expr.Arith a) {
            return Values.arith(a.op(), num(a.left()), num(a.right()), text(a));
        }
        if (e instanceof Expr.Compare c) {
            return new Value.Bool(compare(c));
        }
        if (e instanceof Expr.Logic l) {
            boolean left = bool(l.left());
            return new Value.Bool(l.and() ? left && bool(l.right()) : left || bool(l.right()));
        }
        return new Value.Bool(!bool(((Expr.Not) e).operand()));
    }

    private Value.Selection select(Expr.Select s) {
        List<Value.Item> out = new ArrayList<>();
        for (Value.Item it : index.all(s.kind())) {
            boolean ok = true;
            for (Filter f : s.filters()) {
                ok &= f.matches(it, index);
            }
            if (ok) {
                out.add(it);
            }
        }
        return new Value.Selection(s.kind(), out, text(s));
    }

    private Value field(Expr.Field f) {
        Value target = eval(f.target());
        if (target instanceof Value.Args a) {
            return Value.text(a.call().arg(f.name()));
        }
        Value.Item item = target instanceof Value.Selection s ? only(s) : target instanceof Value.Item i ? i : null;
        if (item == null) {
            throw new EvalFailure(text(f.target()) + " is " + Values.show(target) + ", which has no ." + f.name());
        }
        saw(item);
        Value v = f.def().getter().get(item.event(), index);
        if (f.name().equals("unblocked_by") && v instanceof Value.Num n && index.packet(n.value().longValue()) != null) {
            saw(index.packet(n.value().longValue()));
        } else if (v instanceof Value.Item call) {
            saw(call);
        }
        return v;
    }

    /** The one item of a selection a field is read from: none or several is a failure that says which. */
    private Value.Item only(Value.Selection s) {
        if (s.items().size() == 1) {
            return s.items().get(0);
        }
        if (s.items().isEmpty()) {
            throw absent(s);
        }
        throw new EvalFailure(s.kind().count(s.items().size()) + " match " + s.text()
                + "; say which with first(...), last(...) or nth(..., n)");
    }

    private static EvalFailure absent(Value.Selection s) {
        return new EvalFailure("no " + s.kind().noun + " matches " + s.text());
    }

    void saw(Value.Item it) {
        Object e = it.event();
        if (e instanceof TimelineEvent.PacketSeen p) {
            frames.add(p.frame().number);
        } else if (e instanceof TimelineEvent.Call c) {
            calls.add(c.call());
        } else if (e instanceof TimelineEvent.StateChange s) {
            frames.add(s.frame());
        } else if (e instanceof TimelineEvent.Observation o) {
            notes.add(o.note());
        }
    }

    private Value function(Expr.Func f) {
        List<Expr> args = f.args();
        switch (f.name()) {
            case "first", "last", "nth": {
                Value.Selection s = (Value.Selection) eval(args.get(0));
                if (s.items().isEmpty()) {
                    throw absent(s);
                }
                int n = f.name().equals("first") ? 1 : f.name().equals("last") ? s.items().size() : position(args.get(1));
                if (n > s.items().size()) {
                    throw new EvalFailure("only " + s.kind().count(s.items().size()) + " match " + s.text()
                            + ", so there is no number " + n);
                }
                Value.Item it = s.items().get(n - 1);
                saw(it);
                return it;
            }
            case "count", "all", "any":
                return Quantifiers.run(this, f, (Value.Selection) eval(args.get(0)), args.size() > 1 ? args.get(1) : null);
            case "frame": {
                long n = position(args.get(0));
                Value.Item p = index.packet(n);
                if (p == null) {
                    throw new EvalFailure("no packet is frame " + n);
                }
                saw(p);
                return p;
            }
            case "match":
                return match(f);
            case "duration", "number": {
                Value v = eval(args.get(0));
                Value.Num n = Values.asNum(v);
                Dim want = f.name().equals("number") ? Dim.NUMBER : Dim.DURATION;
                if (n == null || n.dim() != want) {
                    throw new EvalFailure(text(args.get(0)) + " is " + Values.show(v) + ", not "
                            + (want == Dim.NUMBER ? "a number" : "a duration (such as 60s or 59990ms)"));
                }
                return n;
            }
            default: {
                Value.Num n = num(args.get(0));
                if (n.dim() == Dim.TIME) {
                    throw new EvalFailure("abs() of " + text(args.get(0)) + ", a time, means nothing; subtract another time");
                }
                return new Value.Num(n.value().abs(), n.dim());
            }
        }
    }

    private Value match(Expr.Func f) {
        Value v = eval(f.args().get(0));
        if (!(v instanceof Value.Str s)) {
            throw new EvalFailure(text(f.args().get(0)) + " is " + Values.show(v) + ", not text to match");
        }
        Matcher m = f.regex().matcher(s.text());
        if (!m.find()) {
            throw new EvalFailure(Values.show(v) + " does not match " + text(f.args().get(1)));
        }
        return Value.text(m.groupCount() > 0 ? m.group(1) : m.group());
    }

    /** A whole number of 1 or more: a position in a selection or a frame number. */
    private int position(Expr e) {
        Value.Num n = num(e);
        BigDecimal v = n.value();
        if (n.dim() != Dim.NUMBER || v.signum() <= 0 || v.stripTrailingZeros().scale() > 0
                || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new EvalFailure(text(e) + " is " + Values.show(n) + "; expected a whole number from 1");
        }
        return v.intValue();
    }

    Value.Num num(Expr e) {
        Value v = eval(e);
        Value.Num n = Values.asNum(v);
        if (n == null) {
            throw new EvalFailure(text(e) + " is " + Values.show(v) + ", not a number, time or duration");
        }
        return n;
    }

    private boolean compare(Expr.Compare c) {
        Value l = eval(c.left()), r = eval(c.right());
        Value t = c.tolerance() == null ? null : eval(c.tolerance());
        values.add(text(c) + ": left " + Values.show(l) + ", right " + Values.show(r)
                + (t == null ? "" : ", tolerance " + Values.show(t)));
        boolean eq = c.op() == Sym.EQEQ, ne = c.op() == Sym.NE;
        if ((eq || ne) && t == null) {
            return Values.equal(l, r) == eq;
        }
        Value.Num a = numeric(c.left(), l), b = numeric(c.right(), r);
        if (a.dim() != b.dim()) {
            throw new EvalFailure("cannot compare " + text(c.left()) + ", " + a.dim().describe() + ", with "
                    + text(c.right()) + ", " + b.dim().describe());
        }
        if (t != null) {
            Value.Num tol = numeric(c.tolerance(), t);
            Dim want = a.dim() == Dim.NUMBER ? Dim.NUMBER : Dim.DURATION;
            if (tol.dim() != want) {
                throw new EvalFailure("the tolerance " + text(c.tolerance()) + " must be " + want.describe());
            }
            boolean within = a.value().subtract(b.value()).abs().compareTo(tol.value().abs()) <= 0;
            return within == eq;
        }
        int k = a.value().compareTo(b.value());
        return switch (c.op()) {
            case LT -> k < 0;
            case LE -> k <= 0;
            case GT -> k > 0;
            default -> k >= 0;
        };
    }

    private Value.Num numeric(Expr e, Value v) {
        Value.Num n = Values.asNum(v);
        if (n == null) {
            throw new EvalFailure(v == Value.None.NONE ? text(e) + " has no value (none)"
                    : text(e) + " is " + Values.show(v) + ", not a number, time or duration");
        }
        return n;
    }

    /** Evaluates a condition on {@code it}; for quantifiers. */
    boolean holdsFor(Value.Item it, Expr condition) {
        its.push(it);
        try {
            return bool(condition);
        } finally {
            its.pop();
        }
    }

    String source(Expr e) {
        return text(e);
    }
}
