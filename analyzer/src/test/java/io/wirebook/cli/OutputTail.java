package io.wirebook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The count of lines of a large text output and its last line, read as a stream (the memory tests' outputs
 * have a million lines and more).
 */
record OutputTail(long lines, String last) {
    static OutputTail of(Path out) throws IOException {
        long lines = 0;
        String last = "";
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            for (String l; (l = r.readLine()) != null; ) {
                lines++;
                last = l;
            }
        }
        return new OutputTail(lines, last);
    }

    /** The frame number that starts the last line of {@code read}'s text. */
    long lastFrame() {
        return Long.parseLong(last.trim().split(" ", 2)[0]);
    }
}
