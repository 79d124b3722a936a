package io.wirebook.tutorial.notebook.claims;

import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses one check into an {@link Expr}, checking types as it goes. Recursive descent over this grammar
 * (lowest precedence first; {@code claims.md} has it with examples):
 *
 * <pre>
 * check      := or EOF                                  (must be true or false)
 * or         := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | comparison
 * comparison := sum [('&lt;' | '&lt;=' | '==' | '!=' | '&gt;=' | '&gt;') sum [('±' | '+-') sum]]
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*
 * unary      := '-' unary | postfix
 * postfix    := primary ('.' NAME)*
 * primary    := NUMBER | DURATION | STRING | 'true' | 'false' | 'none' | 'it' | '(' or ')'
 *             | KIND ['[' [filter (',' filter)*] ']']    KIND: packet call state note kernel
 *             | FUNCTION '(' or (',' or)* ')'
 * </pre>
 */
final class Parser {
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 500;

    private final Tokenizer tokens;
    private final Deque<ItemKind> its = new ArrayDeque<>();
    private int depth;
    private int nodes;
    /** The last token {@link #expect} consumed: the ')' that ends a function call. */
    private Token lastClose;

    private Parser(String line, int from) {
        this.tokens = new Tokenizer(line, from);
    }

    /** Any expression written in {@code line} from offset {@code from}, of whatever type (a frame selector's). */
    static Expr parseExpression(String line, int from) throws ParseError {
        Parser p = new Parser(line, from);
        if (p.tokens.peek().is(Sym.EOF)) {
            throw new ParseError(p.tokens.position(), "expected an expression");
        }
        Expr e = p.or();
        Token t = p.tokens.peek();
        if (!t.is(Sym.EOF)) {
            throw new ParseError(t.start(), "expected an operator or the end of the expression, found " + t.describe());
        }
        return e;
    }

    /** The check written in {@code line} from offset {@code from}. */
    static Expr parseCheck(String line, int from) throws ParseError {
        Parser p = new Parser(line, from);
        if (p.tokens.peek().is(Sym.EOF)) {
            throw new ParseError(p.tokens.position(), "expected an expression after 'check:'");
        }
        Expr e = p.or();
        Token t = p.tokens.peek();
        if (!t.is(Sym.EOF)) {
            throw new ParseError(t.start(), "expected an operator, 'and', 'or' or the end of the check, found " + t.describe());
        }
        if (e.type().base() != ValueType.Base.BOOL) {
            throw new ParseError(e.start(), "a check must be true or false, but this is " + e.type().describe()
                    + "; compare it with something (==, <, ...)");
        }
        return e;
    }

    private Expr or() throws ParseError {
        Expr left = and();
        while (tokens.peek().isWord("or")) {
            tokens.next();
            Expr right = and();
            left = node(new Expr.Logic(false, bool(left, "or"), bool(right, "or"), left.start(), right.end()));
        }
        return left;
    }

    private Expr and() throws ParseError {
        Expr left = not();
        while (tokens.peek().isWord("and")) {
            tokens.next();
            Expr right = not();
            left = node(new Expr.Logic(true, bool(left, "and"), bool(right, "and"), left.start(), right.end()));
        }
        return left;
    }

    private Expr not() throws ParseError {
        Token t = tokens.peek();
        if (t.isWord("not")) {
            tokens.next();
            enter(t);
            Expr e = not();
            depth--;
            return node(new Expr.Not(bool(e, "not"), t.start(), e.end()));
        }
        return comparison();
    }

    private static Expr bool(Expr e, String word) throws ParseError {
        if (e.type().base() != ValueType.Base.BOOL) {
            throw new ParseError(e.start(), "'" + word + "' needs conditions that are true or false; this is "
                    + e.type().describe());
        }
        return e;
    }

    private Expr comparison() throws ParseError {
        Expr left = sum();
        Token op = tokens.peek();
        if (op.is(Sym.EQ)) {
            throw new ParseError(op.start(), "'=' compares only inside a selector's [...]; write '==' here");
        }
        if (!isComparison(op)) {
            if (op.is(Sym.PLUSMINUS)) {
                throw new ParseError(op.start(), "a tolerance (" + op.text() + ") only follows '==' or '!='");
            }
            return left;
        }
        tokens.next();
        Expr right = sum();
        Expr tolerance = null;
        Token pm = tokens.peek();
        if (pm.is(Sym.PLUSMINUS)) {
            if (!op.is(Sym.EQEQ) && !op.is(Sym.NE)) {
                throw new ParseError(pm.start(), "a tolerance (" + pm.text() + ") only follows '==' or '!=', not '" + op.text() + "'");
            }
            tokens.next();
            tolerance = sum();
        }
        Token after = tokens.peek();
        if (isComparison(after)) {
            throw new ParseError(after.start(), "comparisons do not chain: join them with 'and'");
        }
        Types.checkComparison(op, left, right, tolerance);
        return node(new Expr.Compare(op.sym(), left, right, tolerance, left.start(),
                (tolerance != null ? tolerance : right).end()));
    }

    private static boolean isComparison(Token t) {
        return switch (t.sym()) {
            case LT, LE, GT, GE, EQEQ, NE -> true;
            default -> false;
        };
    }

    private Expr sum() throws ParseError {
        Expr left = product();
        while (tokens.peek().is(Sym.PLUS) || tokens.peek().is(Sym.MINUS)) {
            Token op = tokens.next();
            Expr right = product();
            left = node(new Expr.Arith(op.text().charAt(0), left, right, Types.arith(op, left, right), left.start(), right.end()));
        }
        return left;
    }

    private Expr product() throws ParseError {
        Expr left = unary();
        while (tokens.peek().is(Sym.STAR) || tokens.peek().is(Sym.SLASH)) {
            Token op = tokens.next();
            Expr right = unary();
            left = node(new Expr.Arith(op.text().charAt(0), left, right, Types.arith(op, left, right), left.start(), right.end()));
        }
        return left;
    }

    private Expr unary() throws ParseError {
        Token t = tokens.peek();
        if (t.is(Sym.MINUS)) {
            tokens.next();
            enter(t);
            Expr e = unary();
            depth--;
            if (!e.type().numericLike() || e.type().base() == ValueType.Base.TIME) {
                throw new ParseError(t.start(), "cannot negate " + e.type().describe());
            }
            return node(new Expr.Neg(e, e.type(), t.start(), e.end()));
        }
        return postfix();
    }

    private Expr postfix() throws ParseError {
        Expr e = primary();
        while (tokens.peek().is(Sym.DOT)) {
            Token dot = tokens.next();
            Token name = tokens.next();
            if (!name.is(Sym.IDENT)) {
                throw new ParseError(name.start(), "expected a field name after '.', found " + name.describe());
            }
            e = node(field(e, dot, name));
        }
        return e;
    }

    private static Expr field(Expr target, Token dot, Token name) throws ParseError {
        ValueType t = target.type();
        if (t.base() == ValueType.Base.ARGS) {
            return new Expr.Field(target, name.text(), null, ValueType.STRING, target.start(), name.end());
        }
        if (t.base() != ValueType.Base.ITEM && t.base() != ValueType.Base.SELECTION) {
            throw new ParseError(dot.start(), t.describe() + " has no fields");
        }
        FieldDef def = Fields.of(t.kind(), name.text());
        if (def == null) {
            throw new ParseError(name.start(), "unknown field '" + name.text() + "' of a " + t.kind().noun
                    + "; expected one of " + Fields.names(t.kind()));
        }
        return new Expr.Field(target, name.text(), def, def.type(), target.start(), name.end());
    }

    private Expr primary() throws ParseError {
        Token t = tokens.next();
        switch (t.sym()) {
            case NUMBER:
                return node(new Expr.Lit(new Value.Num(t.number(), Dim.NUMBER), ValueType.NUMBER, t.start(), t.end()));
            case DURATION:
                return node(new Expr.Lit(new Value.Num(t.number(), Dim.DURATION), ValueType.DURATION, t.start(), t.end()));
            case STRING:
                return node(new Expr.Lit(new Value.Str(t.text()), ValueType.STRING, t.start(), t.end()));
            case LPAREN: {
                enter(t);
                Expr e = or();
                expect(Sym.RPAREN, "expected ')' to close the '(' at column " + (t.start() + 1));
                depth--;
                return e;
            }
            case IDENT:
                return word(t);
            default:
                throw new ParseError(t.start(), "expected an expression, found " + t.describe());
        }
    }

    private Expr word(Token t) throws ParseError {
        String w = t.text();
        switch (w) {
            case "true", "false":
                return node(new Expr.Lit(new Value.Bool(w.equals("true")), ValueType.BOOL, t.start(), t.end()));
            case "none":
                return node(new Expr.Lit(Value.None.NONE, ValueType.NONE, t.start(), t.end()));
            case "it":
                if (its.isEmpty()) {
                    throw new ParseError(t.start(), "'it' is the item being looked at, only inside all(...), any(...) "
                            + "or count(..., ...)");
                }
                return node(new Expr.It(ValueType.item(its.peek()), t.start(), t.end()));
            case "and", "or", "not":
                throw new ParseError(t.start(), "expected an expression, found " + t.describe());
            default:
                break;
        }
        ItemKind kind = ItemKind.byWord(w);
        if (kind != null) {
            List<Filter> filters = new ArrayList<>();
            int end = t.end();
            if (tokens.peek().is(Sym.LBRACKET)) {
                end = Selectors.filters(tokens, kind, filters);
            }
            return node(new Expr.Select(kind, filters, ValueType.selection(kind), t.start(), end));
        }
        if (Functions.isFunction(w)) {
            if (!tokens.peek().is(Sym.LPAREN)) {
                throw new ParseError(tokens.position(), "expected '(' after " + w + ", found " + tokens.peek().describe());
            }
            return function(t);
        }
        throw new ParseError(t.start(), "unknown name '" + w + "'; expected a selector (packet, call, state, note, "
                + "kernel), a function (" + Functions.NAMES + "), it, none, true or false");
    }

    private Expr function(Token name) throws ParseError {
        Token open = tokens.next();
        enter(open);
        String f = name.text();
        List<Expr> args = new ArrayList<>();
        int max = Functions.maxArgs(f), min = Functions.minArgs(f);
        boolean pushed = false;
        while (true) {
            Expr a = or();
            args.add(a);
            if (args.size() == 1 && Functions.takesCondition(f) && a.type().base() == ValueType.Base.SELECTION) {
                its.push(a.type().kind());
                pushed = true;
            }
            Token sep = tokens.peek();
            if (args.size() < min) {
                expect(Sym.COMMA, "expected ',' and " + Functions.argument(f, args.size()) + " after "
                        + Functions.argument(f, args.size() - 1) + " of " + f + "()");
            } else if (args.size() < max && sep.is(Sym.COMMA)) {
                tokens.next();
            } else {
                expect(Sym.RPAREN, "expected ')' after the argument" + (args.size() > 1 ? "s" : "") + " of " + f + "()");
                break;
            }
        }
        if (pushed) {
            its.pop();
        }
        depth--;
        Token close = lastClose;
        Pattern regex = null;
        if (f.equals("match")) {
            regex = regex(args.get(1));
        }
        ValueType type = Functions.check(f, args);
        return node(new Expr.Func(f, args, regex, type, name.start(), close.end()));
    }

    private static Pattern regex(Expr e) throws ParseError {
        if (!(e instanceof Expr.Lit lit) || !(lit.value() instanceof Value.Str s)) {
            throw new ParseError(e.start(), "match() takes its pattern as a quoted string, such as \"timer=\\S+ (\\S+)\"");
        }
        try {
            return Pattern.compile(s.text());
        } catch (PatternSyntaxException x) {
            throw new ParseError(e.start(), "bad regular expression: " + x.getDescription() + " near index " + x.getIndex());
        }
    }

    private void expect(Sym s, String message) throws ParseError {
        Token t = tokens.peek();
        if (!t.is(s)) {
            throw new ParseError(t.start(), message + ", found " + t.describe());
        }
        lastClose = tokens.next();
    }

    private void enter(Token t) throws ParseError {
        if (++depth > MAX_DEPTH) {
            throw new ParseError(t.start(), "the check nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Expr node(Expr e) throws ParseError {
        if (++nodes > MAX_NODES) {
            throw new ParseError(e.start(), "the check has more than " + MAX_NODES + " parts; split it into several check: lines");
        }
        return e;
    }
}
