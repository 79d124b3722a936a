package io.wirebook.tutorial.notebook.claims;

import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed check: a tree of expressions, each with its static type and its span in the line (0-based,
 * end exclusive), so a failure can quote the part of the check it is about.
 */
sealed interface Expr {
    int start();

    int end();

    ValueType type();

    /** A number, duration, quoted string, {@code true}, {@code false} or {@code none}. */
    record Lit(Value value, ValueType type, int start, int end) implements Expr {}

    /** {@code it}: the item a quantifier is looking at. */
    record It(ValueType type, int start, int end) implements Expr {}

    /** {@code packet[flags=S., side=server]}: every item of a kind that passes all the filters. */
    record Select(ItemKind kind, List<Filter> filters, ValueType type, int start, int end) implements Expr {}

    /** {@code target.name}; {@code def} is null for an argument ({@code .args.backlog}). */
    record Field(Expr target, String name, FieldDef def, ValueType type, int start, int end) implements Expr {}

    /** {@code first(...)}, {@code count(...)}, {@code match(...)}...; {@code regex} for match's pattern. */
    record Func(String name, List<Expr> args, Pattern regex, ValueType type, int start, int end) implements Expr {}

    record Neg(Expr operand, ValueType type, int start, int end) implements Expr {}

    /** {@code + - * /}. */
    record Arith(char op, Expr left, Expr right, ValueType type, int start, int end) implements Expr {}

    /** {@code left op right}, with {@code tolerance} (or null) after {@code ±} for {@code ==} and {@code !=}. */
    record Compare(Sym op, Expr left, Expr right, Expr tolerance, int start, int end) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    /** {@code and} (when {@code and} is true) or {@code or}. */
    record Logic(boolean and, Expr left, Expr right, int start, int end) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    record Not(Expr operand, int start, int end) implements Expr {
        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }
}
