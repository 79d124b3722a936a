package io.wirebook.tutorial.notebook.claims;

/**
 * A claim cell that is not in the language: the message is {@code FILE:LINE:COLUMN: what was expected},
 * e.g. {@code chapter.md:43:27: expected ')' after the argument of first(), found ','}, the form editors
 * and build logs link to.
 */
public final class ClaimSyntaxException extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    ClaimSyntaxException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The file part of {@code where}, e.g. {@code chapter.md}. */
    public String file() {
        return file;
    }

    /** 1-based line in the file. */
    public int line() {
        return line;
    }

    /** 1-based column in that line. */
    public int column() {
        return column;
    }

    /** What was expected, without the place. */
    public String reason() {
        return reason;
    }
}
