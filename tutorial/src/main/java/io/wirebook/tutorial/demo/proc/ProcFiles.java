package io.wirebook.tutorial.demo.proc;

import io.wirebook.calls.ProcFile;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a /proc file in one go: {@link ProcFile#read}, which says why {@code Files.readString} will not do. */
final class ProcFiles {
    private ProcFiles() {}

    static String read(Path p) throws IOException {
        return ProcFile.read(p);
    }
}
