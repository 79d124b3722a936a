package io.wirebook.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a display filter into {@link Token}s. A word is a run of letters, digits and {@code _ . : / -},
 * which covers field names ({@code tcp.analysis.lost_segment}), numbers ({@code 0x12}), addresses with a
 * prefix ({@code 10.0.0.0/8}, {@code fe80::/10}), ranges ({@code 1..100}) and names ({@code SYN},
 * {@code tcp-ao}); what a word is, the parser decides from where it stands.
 */
final class Tokenizer {
    private Tokenizer() {}

    private static final String[] SYMBOLS = {"==", "!=", "<=", ">=", "&&", "||", "<", ">", "&", "!", "(", ")", "{", "}", ","};

    static List<Token> tokens(String s) throws FilterSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        outer:
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, s.substring(start, i), start + 1));
                continue;
            }
            if (c == '"') {
                i = string(s, i, out);
                continue;
            }
            for (String sym : SYMBOLS) {
                if (s.startsWith(sym, i)) {
                    out.add(new Token(Token.Kind.SYMBOL, sym, i + 1));
                    i += sym.length();
                    continue outer;
                }
            }
            String hint = c == '=' ? " (comparisons use ==)" : c == '|' ? " (or is || or \"or\")" : "";
            throw new FilterSyntaxException("unexpected character " + FilterSyntaxException.quote(String.valueOf(c))
                    + " at column " + (i + 1) + hint, i + 1);
        }
        out.add(new Token(Token.Kind.END, "", n + 1));
        return out;
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == ':' || c == '/' || c == '-';
    }

    /** A double-quoted string with the escapes \" and \\; returns the index after its closing quote. */
    private static int string(String s, int open, List<Token> out) throws FilterSyntaxException {
        StringBuilder sb = new StringBuilder();
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                out.add(new Token(Token.Kind.STRING, sb.toString(), open + 1));
                return i + 1;
            }
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
            i++;
        }
        throw new FilterSyntaxException("unclosed string at column " + (open + 1), open + 1);
    }
}
