package io.wirebook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code wirebook bench --capture}: {@code wirebook capture -w /dev/null} and {@code tcpdump -w /dev/null}, with
 * the same kernel buffer (32 MiB), each under the same loopback bulk transfer ({@link BulkTransfer}), in a
 * network namespace of the benchmark's own so that nothing else is on its {@code lo}, the tools taking turns
 * round by round (the first of a round alternates). Per run: the packets on the wire (the namespace's
 * {@code lo} counter in /proc/net/dev), those written, the kernel's count of those it dropped, the transfer's
 * speed, the capture's CPU time per packet written during the transfer, and its peak RSS. Optionally beside
 * {@code busy} CPU-bound processes, as on a loaded machine. Needs root, {@code unshare} and {@code ip}.
 *
 * <p>Each run is also checked as {@code CaptureLoadTest} checks it: every packet on the wire reached the
 * capture's filter (libpcap's "received by filter" is twice that on {@code lo}, which shows the filter each
 * packet going out and coming in), and every packet not written was counted as dropped.
 */
public final class CaptureBench {
    /**
     * What the benchmark is asked for. {@code bufferKiB}: both tools' -B, or 0 for each tool's own (no -B);
     * {@code java}: Wirebook's java command line; {@code tcpdump}: null when not installed.
     */
    public record Plan(long bytes, int rounds, int busy, int bufferKiB, List<String> java, Path tcpdump, Path work) {}

    /** One tool's run under one transfer. */
    public record Run(String tool, int round, long wire, long captured, long received, long dropped, long cpuTicks,
            long rssKiB, long bytes, double seconds) {
        /** Share of the packets on the wire that are not in the output. */
        public double lost() {
            return wire == 0 ? 0 : (double) (wire - captured) / wire;
        }

        public double cpuMicrosPerPacket(long ticksPerSecond) {
            return captured == 0 ? 0 : cpuTicks * 1e6 / ticksPerSecond / captured;
        }

        /** Null, or what is wrong with the run's counts. */
        public String failure() {
            if (received != 2 * wire) {
                return tool + " round " + round + ": " + received + " packets received by filter for " + wire
                        + " on the wire (twice that expected on lo)";
            }
            if (captured > wire || wire - captured > dropped) {
                return tool + " round " + round + ": " + (wire - captured) + " of " + wire + " packets not written, "
                        + dropped + " counted as dropped: packets lost silently";
            }
            return null;
        }
    }

    private static final String SCRIPT = """
            set -u
            ip link set lo up
            trap 'kill -KILL $(jobs -p) 2>/dev/null' EXIT
            rx() { awk '$1=="lo:"{print $3}' /proc/net/dev; }
            ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
            await_line() {
              for _ in $(seq 1500); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.02; done
              echo "no '$2' from $3 within 30 s: $(head -c 300 "$1")" >&2; return 1
            }
            for _ in $(seq "$BUSY"); do ( while :; do :; done ) & done
            one() { # TOOL ROUND: the tool capturing, the transfer, then SIGINT
              local tool=$1 r=$2 err="$OUT/$1.$2.err" p
              if [ "$tool" = wirebook ]; then
                "$OUT/wirebook" capture -i lo ${BUFFER:+-B "$BUFFER"} -w /dev/null 2>"$err" & p=$!
                await_line "$err" "Ctrl-C stops" wirebook || return 1
              else
                "$TCPDUMP" -i lo -n ${BUFFER:+-B "$BUFFER"} -w /dev/null -Z root 2>"$err" & p=$!
                await_line "$err" "listening on lo" tcpdump || return 1
              fi
              local r0 c0 t c1 r1 rss
              r0=$(rx); c0=$(ticks $p)
              t=$("$OUT/wirebook" bench --bulk "$BYTES") || return 1
              c1=$(ticks $p); r1=$(rx)
              rss=$(awk '/VmHWM/{print $2}' "/proc/$p/status")
              sleep 1.2 # tcpdump hands over its last block after its 1 s timeout, and reads no more after SIGINT
              kill -INT $p; wait $p
              echo "$tool $r $((r1 - r0)) $((c1 - c0)) $rss $t" >>"$OUT/runs"
            }
            for r in $(seq "$ROUNDS"); do
              if [ $((r % 2)) = 1 ]; then order="wirebook tcpdump"; else order="tcpdump wirebook"; fi
              for tool in $order; do
                if [ "$tool" = tcpdump ] && [ -z "$TCPDUMP" ]; then continue; fi
                one "$tool" "$r" || exit 1
              done
            done
            """;

    private CaptureBench() {}

    /** Runs the plan; a run that could not be made is an IOException saying why. */
    public static List<Run> run(Plan plan) throws IOException, InterruptedException {
        Path self = plan.work().resolve("wirebook");
        Files.writeString(self, "#!/bin/sh\nexec " + plan.java().stream().map(CaptureBench::quote)
                .collect(Collectors.joining(" ")) + " \"$@\"\n", StandardCharsets.UTF_8);
        if (!self.toFile().setExecutable(true)) {
            throw new IOException(self + ": cannot make it executable");
        }
        ProcessBuilder pb = new ProcessBuilder("unshare", "--net", "bash", "-c", SCRIPT)
                .redirectErrorStream(true).redirectOutput(plan.work().resolve("script.out").toFile());
        pb.environment().put("OUT", plan.work().toString());
        pb.environment().put("BYTES", Long.toString(plan.bytes()));
        pb.environment().put("ROUNDS", Integer.toString(plan.rounds()));
        pb.environment().put("BUSY", Integer.toString(plan.busy()));
        pb.environment().put("BUFFER", plan.bufferKiB() == 0 ? "" : Integer.toString(plan.bufferKiB()));
        pb.environment().put("TCPDUMP", plan.tcpdump() == null ? "" : plan.tcpdump().toString());
        Process p = pb.start();
        // A round is a transfer (a few seconds at loopback speed) and two starts: an hour is far past any.
        if (!p.waitFor(1, TimeUnit.HOURS)) {
            p.destroyForcibly();
            throw new IOException("the capture benchmark did not end within an hour");
        }
        String said = Files.readString(plan.work().resolve("script.out"), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException("the capture benchmark's script failed (exit " + p.exitValue() + ")"
                    + (said.isEmpty() ? "" : ": " + said.lines().reduce((a, b) -> b).orElse("")));
        }
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(plan.work().resolve("runs"), StandardCharsets.UTF_8)) {
            String[] w = line.split(" ");
            String tool = w[0];
            int round = Integer.parseInt(w[1]);
            long[] counts = counts(plan.work().resolve(tool + "." + round + ".err"));
            runs.add(new Run(tool, round, Long.parseLong(w[2]), counts[0], counts[1], counts[2], Long.parseLong(w[3]),
                    Long.parseLong(w[4]), Long.parseLong(w[5]), Double.parseDouble(w[6])));
        }
        return runs;
    }

    /** "N packets captured", "received by filter" and "dropped by kernel" from a tool's last lines. */
    private static long[] counts(Path err) throws IOException {
        long[] c = {-1, -1, -1};
        String[] names = {"captured", "received by filter", "dropped by kernel"};
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            for (int i = 0; i < names.length; i++) {
                if (line.matches("\\d+ packets? " + names[i])) {
                    c[i] = Long.parseLong(line.split(" ")[0]);
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (c[i] < 0) {
                throw new IOException(err.getFileName() + ": no \"packets " + names[i] + "\" line in what the capture"
                        + " printed at its end");
            }
        }
        return c;
    }

    /** Every run's table, then one line per tool over all its rounds. */
    public static String table(List<Run> runs, long ticksPerSecond) {
        StringBuilder sb = new StringBuilder();
        String row = "%-6s %-9s %10s %10s %8s %8s %11s %11s %9s%n";
        sb.append(String.format(Locale.ROOT, row, "round", "tool", "on wire", "written", "lost", "counted", "transfer",
                "CPU/packet", "peak RSS"));
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, row, r.round(), r.tool(), group(r.wire()), group(r.captured()),
                    percent(r.lost()), group(r.dropped()), mbps(r.bytes(), r.seconds()),
                    micros(r.cpuMicrosPerPacket(ticksPerSecond)), r.rssKiB() / 1024 + " MiB"));
        }
        sb.append(String.format(Locale.ROOT, "%nall rounds:%n"));
        String sum = "%-9s %24s %18s %17s %19s %13s%n";
        sb.append(String.format(Locale.ROOT, sum, "tool", "lost (of the wire)", "runs with a loss", "transfer median",
                "CPU/packet median", "peak RSS max"));
        for (String tool : List.of("wirebook", "tcpdump")) {
            List<Run> of = runs.stream().filter(r -> r.tool().equals(tool)).toList();
            if (of.isEmpty()) {
                continue;
            }
            long wire = of.stream().mapToLong(Run::wire).sum();
            long lost = of.stream().mapToLong(r -> r.wire() - r.captured()).sum();
            long withLoss = of.stream().filter(r -> r.captured() < r.wire()).count();
            double[] speeds = of.stream().mapToDouble(r -> r.bytes() / r.seconds() / 1e6).toArray();
            double[] cpu = of.stream().mapToDouble(r -> r.cpuMicrosPerPacket(ticksPerSecond)).toArray();
            long rss = of.stream().mapToLong(Run::rssKiB).max().orElse(0);
            sb.append(String.format(Locale.ROOT, sum, tool,
                    percent(wire == 0 ? 0 : (double) lost / wire) + " (" + group(lost) + " of " + group(wire) + ")",
                    withLoss + " of " + of.size(), String.format(Locale.ROOT, "%,.0f MB/s", median(speeds)),
                    micros(median(cpu)), rss / 1024 + " MiB"));
        }
        return sb.toString();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.3f%%", 100 * share);
    }

    private static String mbps(long bytes, double seconds) {
        return String.format(Locale.ROOT, "%,.0f MB/s", bytes / seconds / 1e6);
    }

    private static String micros(double us) {
        return String.format(Locale.ROOT, "%.1f µs", us);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
