package io.wirebook.tutorial.notebook;

import io.wirebook.calls.ProcFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values read from the kernel that builds the site: {@code /proc/sys} settings by their sysctl names
 * ({@code net.ipv4.tcp_fin_timeout}, {@code kernel.osrelease}, {@code fs.file-max}), each read once.
 */
public final class KernelValues {
    private final Path procSys;
    private final Map<String, Optional<String>> read = new HashMap<>();

    public KernelValues() {
        this(Path.of("/proc/sys"));
    }

    /** Values from another tree shaped like {@code /proc/sys} (tests). */
    public KernelValues(Path procSys) {
        this.procSys = procSys;
    }

    /** The setting's value, trimmed, or empty when it is not there or not readable. */
    public Optional<String> get(String sysctl) {
        return read.computeIfAbsent(sysctl, k -> {
            if (!k.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+")) { // fs.file-max has a hyphen; no slash, no ".."
                return Optional.empty();
            }
            try {
                return Optional.of(ProcFile.sysctl(procSys, k)); // not Files.readString: it reads "4096" as "4"
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Every value asked for so far that was there, for claims. */
    public Map<String, String> known() {
        Map<String, String> m = new HashMap<>();
        read.forEach((k, v) -> v.ifPresent(s -> m.put(k, s)));
        return m;
    }
}
