package io.wirebook.tutorial.demo.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a sysctl from /proc/sys ({@code net.ipv4.tcp_syn_linear_timeouts}); empty when this kernel has none. */
public final class Sysctl {
    private Sysctl() {}

    public static Optional<String> read(String dottedName) {
        Path p = Path.of("/proc/sys", dottedName.replace('.', '/'));
        try {
            return Optional.of(ProcFiles.read(p).trim().replaceAll("\\s+", " "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The running kernel's release, as {@code uname -r} prints it. */
    public static String kernelRelease() {
        return read("kernel.osrelease").orElse(System.getProperty("os.version"));
    }
}
