package io.wirebook.calls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The private network a lab scenario runs in: a network namespace of its own (so the host's settings are
 * never touched), its own {@code lo} brought up, per-namespace sysctls ({@code net.ipv4.tcp_synack_retries},
 * {@code net.core.somaxconn}, ...), the MTU of {@code lo}, and nftables rules that drop chosen packets
 * (by flags, by port, or every Nth with {@code numgen inc}, so that a run is repeatable).
 *
 * <p>{@link LabLauncher} starts the scenario's own process inside {@code unshare --net}; there
 * {@link #apply} sets everything up and records what it set as notes of the call log
 * ({@code lab.netns}, {@code lab.lo_mtu}, {@code sysctl.NAME} read back after writing, {@code lab.nft}),
 * so a chapter can show the settings the capture was made with.
 */
public final class NetworkLab {
    /** The system property that tells a process it is the lab's, inside its own namespace. */
    public static final String INSIDE_PROPERTY = "wirebook.lab.inside";

    /**
     * System properties under this prefix are a lab scenario's own settings ({@code wirebook.lab.synack_retries});
     * {@link LabLauncher} passes them on to the scenario's process.
     */
    public static final String SETTING_PREFIX = "wirebook.lab.";

    private final Map<String, String> sysctls;
    private final int loopbackMtu;
    private final int loopbackGsoMaxSegs;
    private final String nftables;
    private final boolean oneCpu;

    private NetworkLab(Map<String, String> sysctls, int loopbackMtu, int loopbackGsoMaxSegs, String nftables, boolean oneCpu) {
        this.sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
        this.loopbackMtu = loopbackMtu;
        this.loopbackGsoMaxSegs = loopbackGsoMaxSegs;
        this.nftables = nftables;
        this.oneCpu = oneCpu;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NetworkLab}. */
    public static final class Builder {
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private int mtu;
        private int gsoMaxSegs;
        private String nft = "";
        private boolean oneCpu;

        /** A per-namespace sysctl, dotted ({@code net.ipv4.tcp_synack_retries}), and its value. */
        public Builder sysctl(String name, Object value) {
            if (!name.matches("net\\.[a-z0-9_.]+")) {
                throw new IllegalArgumentException("not a per-namespace sysctl: " + name);
            }
            sysctls.put(name, String.valueOf(value));
            return this;
        }

        /** The MTU of the namespace's {@code lo} (its default is 65536). */
        public Builder loopbackMtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        /**
         * How many MSS-sized segments one packet through {@code lo} may carry ({@code ip link set dev lo
         * gso_max_segs N}). {@code lo} does segmentation offload, so a small MTU alone still lets TCP hand
         * it (and the capture and nftables see) packets of up to 64 KiB; 1 makes every packet one segment.
         */
        public Builder loopbackGsoMaxSegs(int segments) {
            this.gsoMaxSegs = segments;
            return this;
        }

        /** An nftables ruleset ({@code nft -f} syntax), loaded after the namespace's ruleset is flushed. */
        public Builder nftables(String ruleset) {
            this.nft = ruleset;
            return this;
        }

        /**
         * Runs the scenario's process on one CPU ({@code taskset}), so that {@code lo} delivers every packet
         * in the order it was sent. {@code lo} hands each packet to the backlog queue of the CPU that sent it;
         * with two CPUs, a segment sent by the program's write() on one and the next one sent from the ACK
         * processing (a softirq) on the other are delivered, and captured, in either order: measured here, a
         * third of the {@code loss} runs saw a segment arrive after its successor (TCPSACKReorder 2-3), which
         * tshark then calls out of order and the sender answers with extra retransmissions.
         */
        public Builder oneCpu() {
            this.oneCpu = true;
            return this;
        }

        public NetworkLab build() {
            return new NetworkLab(sysctls, mtu, gsoMaxSegs, nft, oneCpu);
        }
    }

    public Map<String, String> sysctls() {
        return sysctls;
    }

    public int loopbackMtu() {
        return loopbackMtu;
    }

    /** 0: as the kernel has it (65535). */
    public int loopbackGsoMaxSegs() {
        return loopbackGsoMaxSegs;
    }

    public String nftables() {
        return nftables;
    }

    /** True when the scenario's process runs on one CPU (see {@link Builder#oneCpu}). */
    public boolean oneCpu() {
        return oneCpu;
    }

    /**
     * The first CPU this process may run on ({@code Cpus_allowed_list} of /proc/self/status, "0" when it
     * cannot be read): the one a lab pinned to one CPU gets.
     */
    static String firstAllowedCpu() {
        String list = allowedCpus();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)").matcher(list);
        return m.find() ? m.group(1) : "0";
    }

    private static String allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring("Cpus_allowed_list:".length()).strip();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /** True in the process {@link LabLauncher} started inside the lab's namespace. */
    public static boolean inside() {
        return System.getProperty(INSIDE_PROPERTY) != null;
    }

    /**
     * Sets the lab up in this process's network namespace and records it in {@code log}: {@code lo} up
     * (with its MTU), the sysctls written and read back, the nftables rules loaded. Only ever called
     * {@link #inside()} a namespace of our own: on the host it would change the host.
     *
     * @throws IOException when a step fails (the tool's message included)
     */
    public void apply(CallLog log) throws IOException {
        if (!inside()) {
            throw new IllegalStateException("a network lab is set up only inside its own namespace");
        }
        List<String> ip = new ArrayList<>(List.of("ip", "link", "set", "dev", "lo"));
        if (loopbackMtu > 0) {
            ip.addAll(List.of("mtu", Integer.toString(loopbackMtu)));
        }
        if (loopbackGsoMaxSegs > 0) {
            ip.addAll(List.of("gso_max_segs", Integer.toString(loopbackGsoMaxSegs)));
        }
        ip.add("up");
        run(ip, null);
        log.note(null, "lab.netns", "private (unshare --net)");
        // From ip, not /sys/class/net/lo/mtu: unshare --net keeps the host's /sys mounted, and sysfs shows the
        // devices of the namespace that mounted it, so that file says the host's lo (65536) whatever the lab set.
        String link = run(List.of("ip", "-d", "link", "show", "dev", "lo"), null);
        log.note(null, "lab.lo_mtu", linkField(link, "mtu"));
        if (loopbackGsoMaxSegs > 0) {
            log.note(null, "lab.lo_gso_max_segs", linkField(link, "gso_max_segs"));
        }
        for (Map.Entry<String, String> e : sysctls.entrySet()) {
            Path p = Path.of("/proc/sys", e.getKey().replace('.', '/'));
            try {
                Files.writeString(p, e.getValue() + "\n");
            } catch (IOException ex) {
                throw new IOException("cannot set " + e.getKey() + " = " + e.getValue() + " in the lab: " + ex.getMessage(), ex);
            }
            String now = readProc(p).trim().replaceAll("\\s+", " ");
            if (!now.equals(e.getValue().trim().replaceAll("\\s+", " "))) {
                throw new IOException(e.getKey() + " reads " + now + " after writing " + e.getValue());
            }
            log.note(null, "sysctl." + e.getKey(), now);
        }
        if (!nftables.isBlank()) {
            run(List.of("nft", "-f", "-"), "flush ruleset\n" + nftables);
            log.note(null, "lab.nft", nftables.strip());
        }
        if (oneCpu) {
            log.note(null, "lab.cpus", allowedCpus()); // what taskset left this process: one CPU
        }
    }

    /** A /proc/sys value in one read: {@link ProcFile#read} (Files.readString would read "4096" as "4"). */
    static String readProc(Path p) throws IOException {
        return ProcFile.read(p);
    }

    /** The number after {@code name} in {@code ip -d link show} output, or {@code unknown}. */
    static String linkField(String ipOutput, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + name + " (\\d+)").matcher(ipOutput);
        return m.find() ? m.group(1) : "unknown";
    }

    private static String run(List<String> cmd, String stdin) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is not installed (" + e.getMessage() + "); the set-up installs it", e);
        }
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no answer in 10 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + ": interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }
}
