package io.wirebook.filter;

/** One token of a display filter, with the 1-based column it starts at. */
record Token(Kind kind, String text, int column) {
    enum Kind {
        /** A field name, a keyword ({@code and}, {@code has}, ...) or an unquoted value (80, 10.0.0.0/8, SYN, ::1). */
        WORD,
        /** A double-quoted string; {@link #text} is its value, escapes resolved. */
        STRING,
        /** {@code == != < <= > >= & && || ! ( ) { } ,}. */
        SYMBOL,
        END
    }

    boolean is(String symbolOrWord) {
        return kind != Kind.END && kind != Kind.STRING && text.equals(symbolOrWord);
    }

    /** How an error message names it: the word or symbol in quotes, or "the end of the expression". */
    String shown() {
        return kind == Kind.END ? "the end of the expression" : FilterSyntaxException.quote(text);
    }
}
