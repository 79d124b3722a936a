package io.wirebook.tutorial.demo.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's protocol counters, as {@code nstat -a} shows them: /proc/net/netstat ({@code TcpExt},
 * {@code IpExt}) and /proc/net/snmp ({@code Tcp}, {@code Ip}...), each a header line of names followed by a
 * line of values. Both files belong to the reading process's network namespace, so inside a lab they count
 * the lab's traffic alone, from zero.
 */
public final class KernelCounters {
    private final Map<String, Long> values;

    private KernelCounters(Map<String, Long> values) {
        this.values = values;
    }

    /** The counters now, keyed {@code TcpExt.TCPTimeWaitOverflow}, {@code Tcp.RetransSegs}... */
    public static KernelCounters snapshot() throws IOException {
        Map<String, Long> v = new LinkedHashMap<>();
        parse(ProcFiles.read(Path.of("/proc/net/snmp")), v);
        parse(ProcFiles.read(Path.of("/proc/net/netstat")), v);
        return new KernelCounters(v);
    }

    /** Parses pairs of lines {@code Group: Name1 Name2 ...} / {@code Group: 1 2 ...} into {@code out}. */
    static void parse(String text, Map<String, Long> out) {
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split("\\s+");
            String[] nums = lines[i + 1].trim().split("\\s+");
            if (names.length != nums.length || !names[0].equals(nums[0]) || !names[0].endsWith(":")) {
                continue;
            }
            String group = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < names.length; k++) {
                try {
                    out.put(group + "." + names[k], Long.parseLong(nums[k]));
                } catch (NumberFormatException e) {
                    // a counter this reader does not understand is left out
                }
            }
        }
    }

    /** The counter's value, empty when this kernel has no such counter. */
    public Optional<Long> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The counter's value, 0 when this kernel has no such counter (nstat shows none that are 0). */
    public long count(String key) {
        return values.getOrDefault(key, 0L);
    }
}
