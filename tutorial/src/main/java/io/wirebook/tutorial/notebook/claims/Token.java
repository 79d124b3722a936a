package io.wirebook.tutorial.notebook.claims;

import java.math.BigDecimal;

/**
 * One token of a check: its symbol, its text as written, where it starts and ends in the line (0-based
 * character offsets), and for a number or duration its value (nanoseconds for a duration).
 */
record Token(Sym sym, String text, int start, int end, BigDecimal number) {
    enum Sym {
        IDENT, NUMBER, DURATION, STRING,
        LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT, PIPE,
        PLUS, MINUS, STAR, SLASH,
        LT, LE, GT, GE, EQEQ, NE, EQ, PLUSMINUS,
        EOF
    }

    Token withNumber(BigDecimal n) {
        return new Token(sym, text, start, end, n);
    }

    boolean is(Sym s) {
        return sym == s;
    }

    boolean isWord(String w) {
        return sym == Sym.IDENT && text.equals(w);
    }

    /** How a message names the token: {@code ','}, {@code 'first'}, "the end of the check". */
    String describe() {
        return sym == Sym.EOF ? "the end of the check" : "'" + text + "'";
    }
}
