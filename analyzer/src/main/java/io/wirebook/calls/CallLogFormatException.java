package io.wirebook.calls;

import java.io.IOException;

/** A line of a socket-call log that is not what {@link CallLogJson} writes. */
public final class CallLogFormatException extends IOException {
    private final int line;

    public CallLogFormatException(int line, String message, Throwable cause) {
        super("call log line " + line + ": " + message, cause);
        this.line = line;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }
}
