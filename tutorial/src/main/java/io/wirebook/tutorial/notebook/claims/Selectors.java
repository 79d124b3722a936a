package io.wirebook.tutorial.notebook.claims;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.decode.TcpHeader;
import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a selector's filters, {@code [name op value[|value...], ...]}. Values are literal: a bare word
 * that runs to the next space, comma, {@code |} or {@code ]} ({@code S.}, {@code *.proc_net_tcp.summary},
 * {@code 127.0.0.1:36363}), or a quoted string; {@code none} is no value.
 */
final class Selectors {
    private Selectors() {}

    /** tcpdump's flag letters, in its order, and their bits. */
    private static final String LETTERS = "FSRP.UEWe";
    private static final int[] BITS = {TcpHeader.FIN, TcpHeader.SYN, TcpHeader.RST, TcpHeader.PSH, TcpHeader.ACK,
            TcpHeader.URG, TcpHeader.ECE, TcpHeader.CWR, TcpHeader.AE};

    /** Reads {@code [...]} after a selector's name into {@code out}; returns the offset after the ']'. */
    static int filters(Tokenizer tokens, ItemKind kind, List<Filter> out) throws ParseError {
        tokens.next(); // '['
        if (tokens.peek().is(Sym.RBRACKET)) {
            return tokens.next().end();
        }
        while (true) {
            out.add(filter(tokens, kind));
            Token t = tokens.next();
            if (t.is(Sym.RBRACKET)) {
                return t.end();
            }
            if (!t.is(Sym.COMMA)) {
                throw new ParseError(t.start(), "expected ',' or ']' after the filter, found " + t.describe());
            }
        }
    }

    private static Filter filter(Tokenizer tokens, ItemKind kind) throws ParseError {
        Token name = tokens.next();
        if (!name.is(Sym.IDENT)) {
            throw new ParseError(name.start(), "expected a filter such as " + example(kind) + ", found " + name.describe());
        }
        String arg = null;
        if (tokens.peek().is(Sym.DOT)) {
            tokens.next();
            Token sub = tokens.next();
            if (!name.text().equals("args") || kind != ItemKind.CALL || !sub.is(Sym.IDENT)) {
                throw new ParseError(name.start(), "a filter names one field; only a call's args.NAME has a dot");
            }
            arg = sub.text();
        }
        String label = arg == null ? name.text() : "args." + arg;
        Token op = tokens.next();
        Sym sym = switch (op.sym()) {
            case EQ, EQEQ -> Sym.EQ;
            case NE, LT, LE, GT, GE -> op.sym();
            default -> throw new ParseError(op.start(), "expected '=', '!=', '<', '<=', '>' or '>=' after the filter '"
                    + label + "', found " + op.describe());
        };
        List<Token> words = new ArrayList<>();
        while (true) {
            Token w = tokens.filterWord();
            if (w == null) {
                throw new ParseError(tokens.position(), "expected a value after '" + label + op.text() + "', found "
                        + tokens.peek().describe());
            }
            words.add(w);
            if (!tokens.peek().is(Sym.PIPE)) {
                break;
            }
            Token pipe = tokens.next();
            if (sym != Sym.EQ && sym != Sym.NE) {
                throw new ParseError(pipe.start(), "alternatives (a|b) go only with '=' and '!='");
            }
        }
        if (arg != null) {
            return new Filter(Filter.How.ARG, null, arg, sym, texts(words, true));
        }
        return named(kind, name, op, sym, words);
    }

    private static Filter named(ItemKind kind, Token name, Token op, Sym sym, List<Token> words) throws ParseError {
        String n = name.text();
        boolean equality = sym == Sym.EQ || sym == Sym.NE;
        if (kind == ItemKind.PACKET && (n.equals("has") || n.equals("flags"))) {
            onlyEquality(equality, name, op);
            List<Value> masks = new ArrayList<>();
            for (Token w : words) {
                masks.add(Value.number(flagBits(w)));
            }
            return new Filter(n.equals("has") ? Filter.How.HAS : Filter.How.FLAGS, null, null, sym, masks);
        }
        if (kind == ItemKind.PACKET && n.equals("finding")) {
            onlyEquality(equality, name, op);
            for (Token w : words) {
                if (AnalysisFlags.bit(w.text()) == 0) {
                    throw new ParseError(w.start(), "unknown finding '" + w.text() + "'; expected one of " + findings());
                }
            }
            return new Filter(Filter.How.FINDING, null, null, sym, texts(words, false));
        }
        if (kind == ItemKind.NOTE && n.equals("contains")) {
            onlyEquality(equality, name, op);
            return new Filter(Filter.How.CONTAINS, null, null, sym, texts(words, false));
        }
        FieldDef def = Fields.of(kind, n);
        if (def == null) {
            throw new ParseError(name.start(), "unknown filter '" + n + "' for " + kind.word + "[...]; expected one of "
                    + Fields.filterNames(kind) + specials(kind));
        }
        List<Value> values = new ArrayList<>();
        for (Token w : words) {
            values.add(literal(def, w, op, equality));
        }
        return new Filter(Filter.How.FIELD, def, null, sym, values);
    }

    private static Value literal(FieldDef def, Token w, Token op, boolean equality) throws ParseError {
        String text = w.text();
        boolean bare = !w.is(Sym.STRING);
        if (bare && text.equals("none")) {
            return Value.None.NONE;
        }
        switch (def.type().base()) {
            case NUMBER:
            case DURATION: {
                Value.Num n = Units.parse(text);
                Dim want = def.type().dim();
                if (n == null || n.dim() != want) {
                    throw new ParseError(w.start(), "expected " + want.describe() + " after '" + def.name() + op.text() + "', found '" + text + "'");
                }
                return n;
            }
            case STRING:
                if (!equality && Units.parse(text) == null) {
                    throw new ParseError(w.start(), "'<', '<=', '>' and '>=' in a filter compare numbers or durations; '"
                            + text + "' is neither");
                }
                if (def.name().equals("side") && !text.equals("client") && !text.equals("server")) {
                    throw new ParseError(w.start(), "side is client or server (or none), found '" + text + "'");
                }
                return new Value.Str(text);
            default:
                throw new ParseError(w.start(), "'" + def.name() + "' is " + def.type().describe()
                        + " and cannot be compared with a literal in a filter; compare it in the check instead");
        }
    }

    private static int flagBits(Token w) throws ParseError {
        int bits = 0;
        for (int i = 0; i < w.text().length(); i++) {
            int k = LETTERS.indexOf(w.text().charAt(i));
            if (k < 0) {
                int col = w.is(Sym.STRING) ? w.start() + 1 + i : w.start() + i;
                throw new ParseError(col, "unknown TCP flag '" + w.text().charAt(i) + "' in '" + w.text()
                        + "'; tcpdump's letters are F S R P . U E W e (ACK is '.')");
            }
            bits |= BITS[k];
        }
        if (bits == 0) {
            throw new ParseError(w.start(), "expected TCP flag letters such as S. (tcpdump's F S R P . U E W e)");
        }
        return bits;
    }

    private static void onlyEquality(boolean equality, Token name, Token op) throws ParseError {
        if (!equality) {
            throw new ParseError(op.start(), "'" + name.text() + "' takes '=' or '!=', not '" + op.text() + "'");
        }
    }

    private static List<Value> texts(List<Token> words, boolean noneIsAbsent) {
        List<Value> out = new ArrayList<>();
        for (Token w : words) {
            boolean none = noneIsAbsent && !w.is(Sym.STRING) && w.text().equals("none");
            out.add(none ? Value.None.NONE : new Value.Str(w.text()));
        }
        return out;
    }

    private static String specials(ItemKind k) {
        return switch (k) {
            case PACKET -> ", has, finding";
            case CALL -> ", args.NAME";
            case NOTE -> ", contains";
            default -> "";
        };
    }

    private static String example(ItemKind k) {
        return switch (k) {
            case PACKET -> "flags=S.";
            case CALL -> "name=connect";
            case STATE -> "to=ESTABLISHED";
            case NOTE -> "key=kernel";
            case KERNEL -> "key=net.ipv4.tcp_fin_timeout";
        };
    }

    private static String findings() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < AnalysisFlags.COUNT; i++) {
            names.add(AnalysisFlags.name(i));
        }
        return String.join(", ", names);
    }
}
