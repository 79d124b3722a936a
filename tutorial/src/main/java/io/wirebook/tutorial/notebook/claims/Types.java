package io.wirebook.tutorial.notebook.claims;

import io.wirebook.tutorial.notebook.claims.Token.Sym;

/**
 * The type rules checked while parsing: what may be compared with what, and what arithmetic gives. Text
 * read from the recording ({@link ValueType#STRING}) may stand for a number or a duration; such cases are
 * left to the check's run, which fails with a reason when the text is neither.
 */
final class Types {
    private Types() {}

    static void checkComparison(Token op, Expr left, Expr right, Expr tolerance) throws ParseError {
        ValueType l = left.type(), r = right.type();
        boolean ordering = !op.is(Sym.EQEQ) && !op.is(Sym.NE);
        if (ordering || tolerance != null) {
            numeric(left, op);
            numeric(right, op);
            sameDim(op, l, r);
            if (tolerance != null) {
                numeric(tolerance, op);
                Dim d = l.dim() != null ? l.dim() : r.dim();
                Dim td = tolerance.type().dim();
                if (d != null && td != null && td != (d == Dim.NUMBER ? Dim.NUMBER : Dim.DURATION)) {
                    throw new ParseError(tolerance.start(), "the tolerance of " + d.describe() + " must be "
                            + (d == Dim.NUMBER ? "a number" : "a duration") + ", not " + td.describe());
                }
            }
            return;
        }
        if (l.base() == ValueType.Base.NONE || r.base() == ValueType.Base.NONE) {
            return;
        }
        selectionHint(left, op);
        selectionHint(right, op);
        if (l.numericLike() && r.numericLike()) {
            sameDim(op, l, r);
            return;
        }
        boolean same = l.base() == r.base() && (l.kind() == r.kind());
        if (!same || l.base() == ValueType.Base.ARGS) {
            throw new ParseError(op.start(), "cannot compare " + l.describe() + " with " + r.describe());
        }
    }

    private static void numeric(Expr e, Token op) throws ParseError {
        selectionHint(e, op);
        if (!e.type().numericLike()) {
            throw new ParseError(e.start(), "'" + op.text() + "' compares numbers, times or durations; this is "
                    + e.type().describe());
        }
    }

    private static void selectionHint(Expr e, Token op) throws ParseError {
        if (e.type().base() == ValueType.Base.SELECTION) {
            throw new ParseError(e.start(), "'" + op.text() + "' cannot compare " + e.type().describe()
                    + "; take count(...), first(...), last(...) or nth(..., n) of it, or a field such as .ts");
        }
    }

    private static void sameDim(Token op, ValueType l, ValueType r) throws ParseError {
        if (l.dim() != null && r.dim() != null && l.dim() != r.dim()) {
            throw new ParseError(op.start(), "cannot compare " + l.describe() + " with " + r.describe());
        }
    }

    /** The type of {@code left op right} for {@code + - * /}. */
    static ValueType arith(Token op, Expr left, Expr right) throws ParseError {
        for (Expr e : new Expr[] {left, right}) {
            if (!e.type().numericLike()) {
                throw new ParseError(e.start(), "'" + op.text() + "' needs numbers, times or durations; this is "
                        + e.type().describe());
            }
        }
        Dim a = left.type().dim(), b = right.type().dim();
        if (a == null || b == null) {
            return ValueType.NUMERIC;
        }
        Dim d = Dim.of(op.text().charAt(0), a, b);
        if (d == null) {
            throw new ParseError(op.start(), "cannot " + Values.verb(op.text().charAt(0)) + " " + a.describe()
                    + " and " + b.describe());
        }
        return ValueType.of(d);
    }
}
