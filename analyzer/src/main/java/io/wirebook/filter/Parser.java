package io.wirebook.filter;

import static io.wirebook.filter.FilterSyntaxException.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Recursive descent over the grammar in the README ("Display filters"), tshark's precedence: {@code not}
 * binds tightest, then {@code and}, then {@code or}; a comparison binds tighter than all three. Each test
 * is checked against its field when it is read (a value the field cannot hold, an operator it does not
 * take), so a filter that compiles cannot fail on a packet.
 */
final class Parser {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "has", "in");
    /** tshark operators this language does not have: named in the error rather than "unknown field". */
    private static final Set<String> UNSUPPORTED = Set.of("contains", "matches", "xor", "any_eq", "all_eq", "any_ne",
            "all_ne", "bitwise_and", "bitand");
    static final String OPERATORS = "== != < <= > >= (eq ne lt le gt ge), has, in {...}, &, and or not (&& || !)";

    private final List<Token> tokens;
    private final FieldTable fields;
    private int pos;

    private Parser(List<Token> tokens, FieldTable fields) {
        this.tokens = tokens;
        this.fields = fields;
    }

    static Node parse(String expression, FieldTable fields) throws FilterSyntaxException {
        List<Token> tokens = Tokenizer.tokens(expression);
        Parser p = new Parser(tokens, fields);
        if (p.peek().kind() == Token.Kind.END) {
            throw new FilterSyntaxException("empty expression at column 1", 1);
        }
        Node n = p.or();
        Token t = p.peek();
        if (t.kind() != Token.Kind.END) {
            throw t.is(")") ? error(t, "unmatched \")\"")
                    : error(t, "expected \"and\", \"or\" or the end of the expression, found " + t.shown());
        }
        return n;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private static FilterSyntaxException error(Token at, String what) {
        return new FilterSyntaxException(what + " at column " + at.column(), at.column());
    }

    private static FilterSyntaxException error(Token at, String what, String after) {
        return new FilterSyntaxException(what + " at column " + at.column() + after, at.column());
    }

    // ---- logic ------------------------------------------------------------------------------------------

    private Node or() throws FilterSyntaxException {
        Node first = and();
        if (!isOr(peek())) {
            return first;
        }
        List<Node> parts = new ArrayList<>(List.of(first));
        while (isOr(peek())) {
            next();
            parts.add(and());
        }
        return new Node.Or(parts);
    }

    private Node and() throws FilterSyntaxException {
        Node first = unary();
        if (!isAnd(peek())) {
            return first;
        }
        List<Node> parts = new ArrayList<>(List.of(first));
        while (isAnd(peek())) {
            next();
            parts.add(unary());
        }
        return new Node.And(parts);
    }

    private static boolean isOr(Token t) {
        return t.is("||") || (t.kind() == Token.Kind.WORD && t.is("or"));
    }

    private static boolean isAnd(Token t) {
        return t.is("&&") || (t.kind() == Token.Kind.WORD && t.is("and"));
    }

    private Node unary() throws FilterSyntaxException {
        Token t = peek();
        if (t.is("!") || (t.kind() == Token.Kind.WORD && t.is("not"))) {
            next();
            return new Node.Not(unary());
        }
        if (t.is("(")) {
            next();
            Node inner = or();
            Token close = peek();
            if (!close.is(")")) {
                throw close.kind() == Token.Kind.END ? error(t, "unclosed \"(\"")
                        : error(close, "expected \")\" or \"and\"/\"or\", found " + close.shown());
            }
            next();
            return inner;
        }
        return test();
    }

    // ---- one test of one field --------------------------------------------------------------------------

    private Node test() throws FilterSyntaxException {
        Token name = next();
        if (name.kind() != Token.Kind.WORD || KEYWORDS.contains(name.text()) || !Character.isLetter(name.text().charAt(0))) {
            throw error(name, "expected a field, found " + name.shown());
        }
        Field f = fields.get(name.text());
        if (f == null) {
            throw error(name, "unknown field " + quote(name.text()), fields.unknownHint(name.text()));
        }
        Token op = peek();
        String cmp = comparison(op);
        if (cmp != null) {
            next();
            return compare(f, op, cmp);
        }
        if (op.kind() == Token.Kind.WORD && op.is("has")) {
            next();
            return has(f, op);
        }
        if (op.kind() == Token.Kind.WORD && op.is("in")) {
            next();
            return in(f, op);
        }
        if (op.is("&")) {
            next();
            return mask(f, op);
        }
        if (op.kind() == Token.Kind.WORD && UNSUPPORTED.contains(op.text())) {
            throw error(op, "operator " + quote(op.text()) + " is not supported", "; operators: " + OPERATORS);
        }
        return bare(f);
    }

    /** The comparison an operator token spells, as ==, !=, <, <=, >, >=; or null. */
    private static String comparison(Token t) {
        if (t.kind() == Token.Kind.SYMBOL) {
            switch (t.text()) {
                case "==": case "!=": case "<": case "<=": case ">": case ">=": return t.text();
                default: return null;
            }
        }
        if (t.kind() == Token.Kind.WORD) {
            switch (t.text()) {
                case "eq": return "==";
                case "ne": return "!=";
                case "lt": return "<";
                case "le": return "<=";
                case "gt": return ">";
                case "ge": return ">=";
                default: return null;
            }
        }
        return null;
    }

    private static Node bare(Field f) {
        Test t;
        if (f instanceof Field.Presence p) {
            t = p.present();
        } else if (f instanceof Field.Bool b) {
            t = b.set();
        } else if (f instanceof Field.Number n) {
            t = n.values()::present;
        } else if (f instanceof Field.Address a) {
            t = a.values()::present;
        } else {
            Field.TextValue v = ((Field.Text) f).value();
            t = r -> v.of(r) != null;
        }
        return new Node.Leaf(f.name(), t);
    }

    private Token value(Token after) throws FilterSyntaxException {
        Token v = next();
        if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.STRING) {
            throw error(v, "expected a value after " + after.shown() + ", found " + v.shown());
        }
        return v;
    }

    private Node compare(Field f, Token op, String cmp) throws FilterSyntaxException {
        if (f instanceof Field.Presence) {
            throw error(op, f.name() + " has no value to compare", ": test it alone, e.g. " + f.name() + " or !" + f.name());
        }
        Token v = value(op);
        String text = f.name() + " " + cmp + " " + v.text();
        if (f instanceof Field.Bool b) {
            boolean want = bool(v, b);
            equalityOnly(op, cmp, f, "a flag: compare it with 0 or 1");
            Test present = b.present();
            Test set = b.set();
            boolean eq = cmp.equals("==") == want;
            return new Node.Leaf(text, r -> present.test(r) && set.test(r) == eq);
        }
        if (f instanceof Field.Number n) {
            long lit = number(v, n);
            Field.Values values = n.values();
            if (cmp.equals("!=")) {
                LongPredicate eq = x -> x == lit;
                return new Node.Leaf(text, r -> values.present(r) && !values.any(r, eq));
            }
            LongPredicate p = order(cmp, lit);
            return new Node.Leaf(text, r -> values.any(r, p));
        }
        if (f instanceof Field.Address a) {
            AddressLiteral lit = address(v, a);
            equalityOnly(op, cmp, f, "addresses: for a range use a prefix, e.g. 10.0.0.0/8");
            Field.Addresses values = a.values();
            Field.AddressTest in = (version, b, i) -> version == lit.version && lit.matches(b, i);
            if (cmp.equals("!=")) {
                return new Node.Leaf(text, r -> values.present(r) && !values.any(r, in));
            }
            return new Node.Leaf(text, r -> values.any(r, in));
        }
        Field.Text t = (Field.Text) f;
        String lit = text(v, t);
        equalityOnly(op, cmp, f, "a word: compare it with == or !=");
        Field.TextValue value = t.value();
        boolean eq = cmp.equals("==");
        return new Node.Leaf(f.name() + " " + cmp + " " + quote(lit), r -> {
            String s = value.of(r);
            return s != null && s.equals(lit) == eq;
        });
    }

    private static void equalityOnly(Token op, String cmp, Field f, String why) throws FilterSyntaxException {
        if (!cmp.equals("==") && !cmp.equals("!=")) {
            throw error(op, f.name() + " takes == and != only, not " + op.shown(), " (" + why + ")");
        }
    }

    private static LongPredicate order(String cmp, long lit) {
        switch (cmp) {
            case "==": return x -> x == lit;
            case "<": return x -> x < lit;
            case "<=": return x -> x <= lit;
            case ">": return x -> x > lit;
            default: return x -> x >= lit;
        }
    }

    private Node has(Field f, Token op) throws FilterSyntaxException {
        Field.Names names = f instanceof Field.Presence p ? p.has() : f instanceof Field.Number n ? n.has() : null;
        if (names == null) {
            throw error(op, f.name() + " does not take \"has\"", "; it works on tcp.flags, tcp.analysis, tcp.options and tcp.states");
        }
        Token v = value(op);
        Test t = names.has(v.text());
        if (t == null) {
            throw error(v, quote(v.text()) + " is not one of " + f.name(), ": " + String.join(", ", names.all()));
        }
        return new Node.Leaf(f.name() + " has " + v.text(), t);
    }

    /** {@code FIELD in {v, lo..hi, ...}}: a value of the field is one of them (ranges for numbers). */
    private Node in(Field f, Token op) throws FilterSyntaxException {
        if (f instanceof Field.Presence) {
            throw error(op, f.name() + " has no value to compare", ": test it alone, e.g. " + f.name() + " or !" + f.name());
        }
        Token open = next();
        if (!open.is("{")) {
            throw error(open, "expected \"{\" after \"in\", found " + open.shown());
        }
        List<Token> items = new ArrayList<>();
        while (true) {
            items.add(value(items.isEmpty() ? open : tokens.get(pos - 1)));
            Token sep = next();
            if (sep.is("}")) {
                break;
            }
            if (!sep.is(",")) {
                throw error(sep, "expected \",\" or \"}\" in the set, found " + sep.shown());
            }
        }
        StringBuilder text = new StringBuilder(f.name()).append(" in {");
        for (int i = 0; i < items.size(); i++) {
            text.append(i > 0 ? ", " : "").append(items.get(i).text());
        }
        text.append('}');
        if (f instanceof Field.Number n) {
            long[] lo = new long[items.size()];
            long[] hi = new long[items.size()];
            for (int i = 0; i < items.size(); i++) {
                Token item = items.get(i);
                int dots = item.kind() == Token.Kind.WORD ? item.text().indexOf("..") : -1;
                if (dots >= 0) {
                    lo[i] = number(new Token(Token.Kind.WORD, item.text().substring(0, dots), item.column()), n);
                    hi[i] = number(new Token(Token.Kind.WORD, item.text().substring(dots + 2), item.column() + dots + 2), n);
                } else {
                    lo[i] = hi[i] = number(item, n);
                }
            }
            LongPredicate in = x -> {
                for (int i = 0; i < lo.length; i++) {
                    if (x >= lo[i] && x <= hi[i]) {
                        return true;
                    }
                }
                return false;
            };
            Field.Values values = n.values();
            return new Node.Leaf(text.toString(), r -> values.any(r, in));
        }
        if (f instanceof Field.Address a) {
            AddressLiteral[] lits = new AddressLiteral[items.size()];
            for (int i = 0; i < lits.length; i++) {
                lits[i] = address(items.get(i), a);
            }
            Field.AddressTest in = (version, b, i) -> {
                for (AddressLiteral l : lits) {
                    if (version == l.version && l.matches(b, i)) {
                        return true;
                    }
                }
                return false;
            };
            Field.Addresses values = a.values();
            return new Node.Leaf(text.toString(), r -> values.any(r, in));
        }
        if (f instanceof Field.Bool b) {
            boolean[] want = new boolean[2];
            for (Token item : items) {
                want[bool(item, b) ? 1 : 0] = true;
            }
            Test present = b.present();
            Test set = b.set();
            return new Node.Leaf(text.toString(), r -> present.test(r) && want[set.test(r) ? 1 : 0]);
        }
        Field.Text t = (Field.Text) f;
        Set<String> lits = new HashSet<>();
        for (Token item : items) {
            lits.add(text(item, t));
        }
        Field.TextValue value = t.value();
        return new Node.Leaf(text.toString(), r -> {
            String s = value.of(r);
            return s != null && lits.contains(s);
        });
    }

    /** {@code FIELD & MASK}: some bit of the mask is set; {@code FIELD & MASK == V}: the masked value compares so. */
    private Node mask(Field f, Token op) throws FilterSyntaxException {
        if (!(f instanceof Field.Number n) || n.seconds()) {
            throw error(op, f.name() + " does not take \"&\"", "; it masks whole numbers, e.g. tcp.flags & 0x12");
        }
        Token m = value(op);
        long mask = number(m, n);
        Field.Values values = n.values();
        String text = f.name() + " & " + m.text();
        Token cmpToken = peek();
        String cmp = comparison(cmpToken);
        if (cmp == null) {
            LongPredicate any = x -> (x & mask) != 0;
            return new Node.Leaf(text, r -> values.any(r, any));
        }
        next();
        Token v = value(cmpToken);
        long lit = number(v, n);
        text += " " + cmp + " " + v.text();
        if (cmp.equals("!=")) {
            LongPredicate eq = x -> (x & mask) == lit;
            return new Node.Leaf(text, r -> values.present(r) && !values.any(r, eq));
        }
        LongPredicate p = order(cmp, lit);
        LongPredicate masked = x -> p.test(x & mask);
        return new Node.Leaf(text, r -> values.any(r, masked));
    }

    // ---- values -----------------------------------------------------------------------------------------

    /**
     * A whole number as C's strtoul reads it with base 0, as tshark does: {@code 0x1F} hexadecimal,
     * {@code 017} octal, else decimal; for a field of seconds, decimal seconds ({@code 0.25}) in nanoseconds.
     */
    private static long number(Token v, Field.Number f) throws FilterSyntaxException {
        String s = v.text();
        if (v.kind() == Token.Kind.WORD) {
            try {
                if (f.seconds()) {
                    if (s.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
                        BigDecimal nanos = new BigDecimal(s).movePointRight(9);
                        return nanos.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
                    }
                } else if (s.startsWith("0x") || s.startsWith("0X")) {
                    return Long.parseLong(checkDigits(s.substring(2), 16), 16);
                } else if (s.length() > 1 && s.startsWith("0")) {
                    return Long.parseLong(checkDigits(s.substring(1), 8), 8);
                } else {
                    return Long.parseLong(checkDigits(s, 10));
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // fall through to the error
            }
        }
        String what = f.seconds() ? "a number of seconds (e.g. 0.2)" : "a whole number (e.g. 80, 0x12)";
        throw error(v, quote(s) + " is not " + what, " for " + f.name());
    }

    /** The digits themselves (Long.parseLong also takes a sign, which a filter value must not have). */
    private static String checkDigits(String s, int radix) {
        if (s.isEmpty()) {
            throw new NumberFormatException();
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), radix) < 0) {
                throw new NumberFormatException();
            }
        }
        return s;
    }

    private static boolean bool(Token v, Field.Bool f) throws FilterSyntaxException {
        switch (v.text().toLowerCase(Locale.ROOT)) {
            case "1": case "true": return true;
            case "0": case "false": return false;
            default: throw error(v, quote(v.text()) + " is not 0 or 1", " for " + f.name() + " (a flag)");
        }
    }

    private static AddressLiteral address(Token v, Field.Address f) throws FilterSyntaxException {
        AddressLiteral lit = v.kind() == Token.Kind.WORD ? AddressLiteral.parse(v.text()) : null;
        String kind = f.version() == 4 ? "an IPv4 address" : f.version() == 6 ? "an IPv6 address" : "an IP address";
        if (lit == null) {
            throw error(v, quote(v.text()) + " is not " + kind + " (with an optional /prefix)", " for " + f.name()
                    + "; names are not looked up");
        }
        if (f.version() != 0 && lit.version != f.version()) {
            String other = f.name().replace(f.version() == 4 ? "ip." : "ipv6.", f.version() == 4 ? "ipv6." : "ip.");
            throw error(v, quote(v.text()) + " is not " + kind, " for " + f.name() + " (try " + other + ")");
        }
        return lit;
    }

    private static String text(Token v, Field.Text f) throws FilterSyntaxException {
        if (!f.choices().isEmpty() && !f.choices().contains(v.text())) {
            throw error(v, quote(v.text()) + " is not a value of " + f.name(), ": " + String.join(", ", f.choices()));
        }
        return v.text();
    }
}
