package io.wirebook.tutorial.notebook.claims;

import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.math.BigDecimal;

/**
 * Cuts one check line into tokens, on demand, so the parser can read a filter's value as a bare word
 * ({@code flags=S.}, {@code key=*.proc_net_tcp.summary}) where the rest of the language has operators.
 *
 * <p>Numbers are decimal ({@code 2}, {@code 1.5}); a unit written right after one makes a duration
 * ({@code 60s}, {@code 200ms}, {@code 1.5s}; units {@code ns us µs ms s min}). Strings are in double
 * quotes; inside them {@code \"} is a quote and {@code \\} a backslash, and any other backslash stays as
 * written, so a regular expression reads as it would in grep ({@code "timer=\S+ (\d+)ms"}).
 * {@code +-} is one token, the tolerance (the same as {@code ±}): write {@code + -1s} to add a negative.
 */
final class Tokenizer {
    private final String line;
    private int pos;
    private Token peeked;

    /** Tokens of {@code line} from offset {@code from} to its end. */
    Tokenizer(String line, int from) {
        this.line = line;
        this.pos = from;
    }

    Token peek() throws ParseError {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() throws ParseError {
        Token t = peek();
        peeked = null;
        return t;
    }

    /**
     * The literal value of a filter, read from the current position: a quoted string, or a bare word that
     * runs to the next space, {@code ,}, {@code ]}, {@code |}, bracket or quote. Null when there is none.
     */
    Token filterWord() throws ParseError {
        if (peeked != null) {
            throw new IllegalStateException("filterWord after peek");
        }
        skipSpaces();
        if (pos < line.length() && line.charAt(pos) == '"') {
            return next();
        }
        int start = pos;
        while (pos < line.length() && " \t,]|[()\"".indexOf(line.charAt(pos)) < 0) {
            pos++;
        }
        return start == pos ? null : new Token(Sym.IDENT, line.substring(start, pos), start, pos, null);
    }

    /** The offset where the next token will start (after spaces). */
    int position() {
        if (peeked != null) {
            return peeked.start();
        }
        skipSpaces();
        return pos;
    }

    private void skipSpaces() {
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
    }

    private Token scan() throws ParseError {
        skipSpaces();
        int start = pos;
        if (pos >= line.length()) {
            return new Token(Sym.EOF, "", start, start, null);
        }
        char c = line.charAt(pos);
        if (isIdentStart(c)) {
            while (pos < line.length() && isIdentPart(line.charAt(pos))) {
                pos++;
            }
            return token(Sym.IDENT, start);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '"') {
            return string(start);
        }
        pos++;
        char n = pos < line.length() ? line.charAt(pos) : 0;
        switch (c) {
            case '(': return token(Sym.LPAREN, start);
            case ')': return token(Sym.RPAREN, start);
            case '[': return token(Sym.LBRACKET, start);
            case ']': return token(Sym.RBRACKET, start);
            case ',': return token(Sym.COMMA, start);
            case '.': return token(Sym.DOT, start);
            case '|': return token(Sym.PIPE, start);
            case '*': return token(Sym.STAR, start);
            case '/': return token(Sym.SLASH, start);
            case '-': return token(Sym.MINUS, start);
            case '\u00B1': return token(Sym.PLUSMINUS, start);
            case '+': return n == '-' ? two(Sym.PLUSMINUS, start) : token(Sym.PLUS, start);
            case '<': return n == '=' ? two(Sym.LE, start) : token(Sym.LT, start);
            case '>': return n == '=' ? two(Sym.GE, start) : token(Sym.GT, start);
            case '=': return n == '=' ? two(Sym.EQEQ, start) : token(Sym.EQ, start);
            case '!':
                if (n == '=') {
                    return two(Sym.NE, start);
                }
                throw new ParseError(start, "unexpected '!': write 'not' for negation or '!=' for inequality");
            default:
                throw new ParseError(start, "unexpected character '" + printable(c) + "'");
        }
    }

    private Token two(Sym s, int start) {
        pos++;
        return token(s, start);
    }

    private Token token(Sym s, int start) {
        return new Token(s, line.substring(start, pos), start, pos, null);
    }

    private Token number(int start) throws ParseError {
        while (pos < line.length() && Character.isDigit(line.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < line.length() && line.charAt(pos) == '.' && Character.isDigit(line.charAt(pos + 1))) {
            pos++;
            while (pos < line.length() && Character.isDigit(line.charAt(pos))) {
                pos++;
            }
        }
        BigDecimal value = new BigDecimal(line.substring(start, pos));
        int unitStart = pos;
        while (pos < line.length() && isIdentPart(line.charAt(pos))) {
            pos++;
        }
        if (unitStart == pos) {
            return token(Sym.NUMBER, start).withNumber(value);
        }
        String unit = line.substring(unitStart, pos);
        BigDecimal perUnit = Units.nanosPer(unit);
        if (perUnit == null) {
            throw new ParseError(unitStart, "unknown unit '" + unit + "' after " + line.substring(start, unitStart)
                    + "; expected " + Units.NAMES);
        }
        return token(Sym.DURATION, start).withNumber(value.multiply(perUnit));
    }

    private Token string(int start) throws ParseError {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return new Token(Sym.STRING, sb.toString(), start, pos, null);
            }
            if (c == '\\' && pos < line.length() && (line.charAt(pos) == '"' || line.charAt(pos) == '\\')) {
                c = line.charAt(pos++);
            }
            sb.append(c);
        }
        throw new ParseError(start, "unterminated string: expected a closing '\"'");
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '\u00B5';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
