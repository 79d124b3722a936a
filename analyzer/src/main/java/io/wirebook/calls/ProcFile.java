package io.wirebook.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a /proc file whole.
 *
 * <p>Not {@link Files#readString}: /proc files report size 0, so it reads one byte, then asks for the rest
 * at offset 1, and a sysctl file answers any read at a non-zero offset with end-of-file
 * ({@code proc_dointvec}), so {@code net.core.somaxconn = 4096} comes back as "4". A first read with a
 * large buffer gets the whole value; seq_file tables such as /proc/net/tcp continue correctly at any offset.
 */
public final class ProcFile {
    private static final int FIRST_READ = 64 * 1024;

    private ProcFile() {}

    public static String read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] first = new byte[FIRST_READ];
            int n = in.read(first); // one read(2) of 64 KiB: a whole sysctl value
            if (n < 0) {
                return "";
            }
            StringBuilder sb = new StringBuilder(new String(first, 0, n, StandardCharsets.US_ASCII));
            sb.append(new String(in.readAllBytes(), StandardCharsets.US_ASCII)); // the rest of a long table
            return sb.toString();
        }
    }

    /** A sysctl's value ({@code net.core.somaxconn}) under {@code procSys}, whitespace runs made single spaces. */
    public static String sysctl(Path procSys, String dotted) throws IOException {
        return read(procSys.resolve(dotted.replace('.', '/'))).trim().replaceAll("\\s+", " ");
    }
}
