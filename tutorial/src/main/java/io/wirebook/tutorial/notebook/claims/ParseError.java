package io.wirebook.tutorial.notebook.claims;

/** A syntax error inside one line: its 0-based offset and what was expected; {@link Claim} adds where. */
final class ParseError extends Exception {
    final int offset;

    ParseError(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }
}
