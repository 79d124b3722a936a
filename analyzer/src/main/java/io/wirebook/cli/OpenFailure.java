package io.wirebook.cli;

import io.wirebook.capture.CaptureFormatException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The one line for a capture file that cannot be opened (exit {@link ExitCodes#CANNOT_OPEN}), for every command. */
public final class OpenFailure {
    private OpenFailure() {}

    /** "wirebook: FILE: no such file", "...: permission denied", the format error, or "...: cannot open: why". */
    public static String line(String file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "wirebook: " + file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "wirebook: " + file + ": permission denied";
        }
        if (e instanceof CaptureFormatException) {
            return "wirebook: " + e.getMessage();
        }
        return "wirebook: " + file + ": cannot open: " + e.getMessage();
    }
}
