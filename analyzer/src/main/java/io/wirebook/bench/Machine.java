package io.wirebook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on, as the table's heading says it. */
public final class Machine {
    private Machine() {}

    /** "2 cores (AMD EPYC ...), 23.4 GiB, Linux 6.1.0-... amd64, OpenJDK 64-Bit Server VM 17.0.15+6". */
    public static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        StringBuilder sb = new StringBuilder();
        sb.append(Runtime.getRuntime().availableProcessors()).append(" cores");
        if (cpu != null) {
            sb.append(" (").append(cpu).append(')');
        }
        if (mem != null && mem.endsWith(" kB")) {
            try {
                long kib = Long.parseLong(mem.substring(0, mem.length() - 3).trim());
                sb.append(String.format(Locale.ROOT, ", %.1f GiB", kib / 1048576.0));
            } catch (NumberFormatException e) {
                // Left out: the figure is not what /proc/meminfo usually says.
            }
        }
        sb.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch"));
        sb.append(", ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"));
        return sb.toString();
    }

    /** The 1-, 5- and 15-minute load averages ("5.71 2.42 1.02"), or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether this process runs with effective user id 0 (the second field of /proc/self/status's Uid). */
    public static boolean isRoot() {
        String uid = firstValue(Path.of("/proc/self/status"), "Uid");
        String[] ids = uid == null ? new String[0] : uid.split("\\s+"); // real, effective, saved, filesystem
        return ids.length > 1 && ids[1].equals("0");
    }

    /**
     * The unit of the CPU times in /proc/PID/stat (USER_HZ, what {@code getconf CLK_TCK} says): 100 on every
     * architecture Linux and this JDK run on but Alpha and IA-64, which neither does any more.
     */
    public static long clockTicksPerSecond() {
        return 100;
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
