package io.wirebook.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether the process was started with standard input closed ({@code wirebook read - <&-}).
 *
 * <p>A C program such as tcpdump then gets EBADF reading descriptor 0 ("Bad file descriptor"). The JVM
 * does not: the first file it opens while starting takes the lowest free descriptor, 0, so that
 * {@code System.in} reads the JDK's own {@code lib/modules}, which would be parsed as a capture. So on Linux
 * descriptor 0 counts as closed when it is not open, or when it names a file inside the running JDK
 * ({@code java.home}), which no user means to read as a capture. Elsewhere (no {@code /proc}) nothing is
 * known and it counts as open.
 */
final class StandardInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private StandardInput() {}

    static boolean isClosed() {
        if (!Files.isDirectory(FD0.getParent())) {
            return false;
        }
        try {
            Path target = Files.readSymbolicLink(FD0);
            return target.isAbsolute() && target.normalize().startsWith(Path.of(System.getProperty("java.home")).normalize());
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
