package io.wirebook.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A bash script run in a network and mount namespace of its own ({@code unshare --net --mount}), with its own
 * {@code lo} up: what a fault test does there (a link deleted, a tmpfs mounted, a kernel setting) is gone
 * when the script ends, and no other test's traffic reaches its {@code lo}. The script finds
 * {@code $WIREBOOK} (a script that runs the CLI from the test classpath), {@code $TRAFFIC} ({@link LabTraffic}) and
 * {@code $OUT} (a directory of the test's, outside any mount the script makes) in its environment, and the
 * helpers {@code await_line FILE TEXT} (wait, at most 30 s, for TEXT in FILE) and {@code await_size FILE N}.
 * Needs root, as CI runs; elsewhere the test is skipped.
 */
public final class Netns {
    public final int exitCode;
    public final String output;

    private Netns(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    public static boolean canRun() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    private static final String PRELUDE = String.join("\n",
            "set -u",
            "ip link set lo up",
            "trap 'kill -KILL $(jobs -p) 2>/dev/null' EXIT",
            "await_line() { for _ in $(seq 1500); do grep -qF -- \"$2\" \"$1\" 2>/dev/null && return 0; sleep 0.02; done;"
                    + " echo \"no '$2' in $1: $(cat \"$1\" 2>/dev/null)\"; exit 97; }",
            "await_size() { for _ in $(seq 1500); do [ \"$(stat -c %s \"$1\" 2>/dev/null || echo 0)\" -ge \"$2\" ] && return 0;"
                    + " sleep 0.02; done; echo \"$1 did not reach $2 bytes: $(stat -c %s \"$1\" 2>&1)\"; exit 98; }",
            "");

    /**
     * Runs {@code script} and returns its exit code and what it printed (standard output and error); fails
     * the test when it does not end within {@code seconds}.
     */
    public static Netns run(Path out, String script, double seconds) throws IOException, InterruptedException {
        assumeTrue(canRun(), "a network namespace of the test's own needs root (run the tests as root, as CI does)");
        ProcessBuilder pb = new ProcessBuilder("unshare", "--net", "--mount", "--propagation", "private", "bash", "-c",
                PRELUDE + script).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("WIREBOOK", launcher(out, "wirebook", java(List.of(), "io.wirebook.cli.AnalyzerOnlyMain")));
        env.put("TRAFFIC", launcher(out, "traffic", java(List.of(), LabTraffic.class.getName())));
        env.put("OUT", out.toString());
        // To a file, not a pipe: a process the script left running would hold a pipe open, and reading it block.
        Path said = Files.createTempFile(out, "netns-", ".out");
        pb.redirectOutput(said.toFile());
        Process p = pb.start();
        if (!p.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail("the namespace's script did not end within " + seconds + " s: " + Files.readString(said));
        }
        // What the script started and left running (a failed step's background jobs) ends with it.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        return new Netns(p.exitValue(), Files.readString(said, StandardCharsets.UTF_8));
    }

    /** Like {@link #run} and asserts that the script ended with 0. */
    public static Netns check(Path out, String script, double seconds) throws IOException, InterruptedException {
        Netns n = run(out, script, seconds);
        assertTrue(n.exitCode == 0, "the namespace's script ended with " + n.exitCode + ": " + n.output);
        return n;
    }

    /**
     * A script {@code OUT/.bin/NAME} that execs {@code command} with its arguments and the JVM options in
     * {@code WIREBOOK_JAVA_OPTS} (exec: the pid a script's
     * {@code $!} gives is the JVM's, which is what a {@code kill -9} must hit).
     */
    private static String launcher(Path out, String name, List<String> command) throws IOException {
        Path bin = Files.createDirectories(out.resolve(".bin")).resolve(name);
        // WIREBOOK_JAVA_OPTS: JVM options, as the launcher ./wirebook takes them.
        Files.writeString(bin, "#!/bin/bash\nexec " + quote(command.get(0)) + " ${WIREBOOK_JAVA_OPTS:-} "
                + shell(command.subList(1, command.size())) + " \"$@\"\n", StandardCharsets.UTF_8);
        bin.toFile().setExecutable(true);
        return bin.toString();
    }

    /** The java command line of {@code mainClass} on the test classpath. */
    public static List<String> java(List<String> jvmOptions, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    /** Shell words for {@code words}, each quoted. */
    public static String shell(List<String> words) {
        return words.stream().map(Netns::quote).collect(Collectors.joining(" "));
    }

    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Lines of a file the script wrote into {@code $OUT}. */
    public static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
