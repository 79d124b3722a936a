package io.wirebook.filter;

/**
 * A display filter that cannot be compiled: a syntax error, an unknown field, a value a field cannot
 * hold. The message is one line that names the 1-based column it points at, e.g.
 * {@code unknown field "tcp.foo" at column 5; known: ...}; anything of the expression it quotes has its
 * control characters escaped, so the line is safe to print on a terminal.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int column;

    FilterSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    /** The 1-based column of the expression the message points at. */
    public int column() {
        return column;
    }

    /** {@code s} in double quotes, control characters (and quotes, backslashes) escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
