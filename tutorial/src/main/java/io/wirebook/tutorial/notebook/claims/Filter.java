package io.wirebook.tutorial.notebook.claims;

import io.wirebook.timeline.TimelineEvent;
import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One condition inside a selector's brackets, {@code name op value[|value...]}: a field compared with
 * literals ({@code len>0}, {@code side=server}, {@code key=*.summary}), or one of the filters that are not
 * fields: {@code has=F} (a packet has these flag bits), {@code finding=retransmission} (a packet has this
 * expert finding), {@code contains=TIME_WAIT} (a note's value contains the text), {@code args.NAME=...}
 * (a call's argument). A filter never fails: an item it cannot judge (a UDP packet's {@code seq}) just does
 * not match.
 *
 * @param how    which sort of filter
 * @param field  the field compared, for {@code FIELD}
 * @param arg    the argument's name, for {@code ARG}
 * @param op     {@code EQ NE LT LE GT GE}
 * @param values the literals: any one matches for {@code =}, none may for {@code !=}, one for the others
 */
record Filter(How how, FieldDef field, String arg, Sym op, List<Value> values) {
    enum How { FIELD, FLAGS, HAS, FINDING, CONTAINS, ARG }

    boolean matches(Value.Item item, Index index) {
        if (op == Sym.EQ || op == Sym.NE) {
            boolean any = false;
            for (Value lit : values) {
                any |= equal(item, index, lit);
            }
            return any == (op == Sym.EQ);
        }
        Value v = value(item, index);
        Value.Num a = Values.asNum(v), b = Values.asNum(values.get(0));
        if (a == null || b == null || a.dim() != b.dim()) {
            return false;
        }
        int c = a.value().compareTo(b.value());
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    private Value value(Value.Item item, Index index) {
        return how == How.ARG ? Value.text(((TimelineEvent.Call) item.event()).call().arg(arg))
                : field.getter().get(item.event(), index);
    }

    private boolean equal(Value.Item item, Index index, Value lit) {
        switch (how) {
            case FLAGS:
                return Fields.flagBits(item.event()) == ((Value.Num) lit).value().intValue();
            case HAS: {
                int bits = Fields.flagBits(item.event()), want = ((Value.Num) lit).value().intValue();
                return bits >= 0 && (bits & want) == want;
            }
            case FINDING:
                return Fields.findingNames(item.event()).contains(((Value.Str) lit).text());
            case CONTAINS:
                return ((TimelineEvent.Observation) item.event()).note().value()
                        .contains(((Value.Str) lit).text());
            default:
                break;
        }
        Value v = value(item, index);
        if (lit == Value.None.NONE || v == Value.None.NONE) {
            return lit == v;
        }
        if (lit instanceof Value.Str s && v instanceof Value.Str t) {
            return s.text().indexOf('*') >= 0 ? glob(s.text()).matcher(t.text()).matches() : s.text().equals(t.text());
        }
        Value.Num a = Values.asNum(v), b = Values.asNum(lit);
        return a != null && b != null && a.dim() == b.dim() && a.value().compareTo(b.value()) == 0;
    }

    /** {@code *} stands for any text, everything else for itself. */
    static Pattern glob(String g) {
        String[] parts = g.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            if (!parts[i].isEmpty()) {
                re.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
