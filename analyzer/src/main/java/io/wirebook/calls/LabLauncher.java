package io.wirebook.calls;

import io.wirebook.capture.CaptureUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a lab scenario (one whose {@link Scenario#network()} is set) in a process of its own inside a fresh
 * network namespace: {@code unshare --net -- java ... MAIN capture --scenario NAME --record TMP}, with
 * {@link NetworkLab#INSIDE_PROPERTY} set so that the process sets its lab up before the traffic. The new
 * namespace has its own {@code lo} and its own {@code net.*} sysctls, so nothing the lab changes reaches
 * the host, and it is gone when the process ends. The parent loads the recording the process wrote.
 *
 * <p>A process of its own, and not {@code unshare(CLONE_NEWNET)} in this JVM: a namespace is per thread,
 * and the sockets a scenario opens from the JDK's own threads would stay on the host.
 */
public final class LabLauncher {
    /** The lab could not be made here: no privilege for a namespace, no {@code unshare}, no {@code ip}/{@code nft}. */
    public static final class LabUnavailableException extends Exception {
        public LabUnavailableException(String message) {
            super(message);
        }
    }

    /** The lab's process ran and failed: its last line of standard error says why. */
    public static final class LabFailedException extends IOException {
        public LabFailedException(String message) {
            super(message);
        }
    }

    /** The application's entry point; its java command line is made at the first lab run ({@link #java()}). */
    private final Class<?> main;
    private List<String> java;

    private LabLauncher(Class<?> main) {
        this.main = main;
    }

    /**
     * A launcher that starts {@code main} (the application's entry point, which knows the scenarios) on
     * this JVM's class path, with this JVM's java and the {@code wirebook.home} of this process. Cheap: every
     * CLI run makes one, and asking for this process's java (ProcessHandle) and building the command were a
     * twentieth of a small file's {@code read}, so that waits for a lab to run.
     */
    public static LabLauncher of(Class<?> main) {
        return new LabLauncher(main);
    }

    private synchronized List<String> java() {
        if (java == null) {
            String javaBin = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>(List.of(javaBin));
            String home = System.getProperty("wirebook.home");
            if (home != null) {
                cmd.add("-Dwirebook.home=" + home);
            }
            // As the jar's manifest does for java -jar (Add-Opens): the socket log's fd numbers need sun.nio.ch.
            cmd.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
            java = List.copyOf(cmd);
        }
        return java;
    }

    /** Runs the scenario in its namespace and returns its recording. */
    public Recording run(Scenario s, String iface)
            throws LabUnavailableException, CaptureUnavailableException, IOException, InterruptedException {
        return run(s, iface, 1, 1);
    }

    /** System properties that tell the lab's process which attempt of how many it is. */
    static final String ATTEMPT_PROPERTY = "wirebook.lab.attempt", MAX_ATTEMPTS_PROPERTY = "wirebook.lab.max_attempts";

    /**
     * One attempt of the scenario, in a namespace of its own: every attempt gets a fresh one, so that no
     * kernel counter, nftables counter ({@code numgen}) or TIME_WAIT entry of an earlier attempt is left.
     */
    public Recording run(Scenario s, String iface, int attempt, int maxAttempts)
            throws LabUnavailableException, CaptureUnavailableException, IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wirebook-lab-");
        try {
            List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--"));
            if (s.network().oneCpu()) {
                cmd.addAll(List.of("taskset", "--cpu-list", NetworkLab.firstAllowedCpu())); // util-linux, as unshare
            }
            cmd.addAll(java().subList(0, java().size() - 3));
            cmd.add("-D" + NetworkLab.INSIDE_PROPERTY + "=" + s.name());
            // A scenario's own settings (wirebook.lab.NAME...), such as a shorter retry count for a live test.
            System.getProperties().stringPropertyNames().stream().sorted()
                    .filter(k -> k.startsWith(NetworkLab.SETTING_PREFIX) && !k.equals(NetworkLab.INSIDE_PROPERTY)
                            && !k.equals(ATTEMPT_PROPERTY) && !k.equals(MAX_ATTEMPTS_PROPERTY))
                    .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
            cmd.add("-D" + ATTEMPT_PROPERTY + "=" + attempt);
            cmd.add("-D" + MAX_ATTEMPTS_PROPERTY + "=" + maxAttempts);
            cmd.addAll(java().subList(java().size() - 3, java().size()));
            cmd.addAll(List.of("capture", "-i", iface, "--scenario", s.name(), "--record", dir.toString()));
            Path err = dir.resolve("stderr.txt");
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new LabUnavailableException(s.name() + " runs in a network namespace of its own, and unshare "
                        + "(util-linux) cannot be run here: " + e.getMessage());
            }
            long bound = s.timeBound().toMillis() + 30_000;
            if (!p.waitFor(bound, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(s.name() + ": its lab process did not end within " + bound / 1000 + " s");
            }
            String said = Files.readString(err, StandardCharsets.UTF_8).strip();
            if (said.startsWith("unshare:")) {
                // unshare itself failed: no CAP_SYS_ADMIN (not root), or namespaces disabled here.
                throw new LabUnavailableException(s.name() + " runs in a network namespace of its own, which cannot be made here ("
                        + firstLine(said) + "); run as root");
            }
            if (p.exitValue() == 4) {
                throw new CaptureUnavailableException(CaptureUnavailableException.Reason.NO_PRIVILEGE,
                        s.name() + " (in its lab): " + firstLine(said.replaceFirst("^wirebook: ", "")), null);
            }
            if (p.exitValue() != 0) {
                throw new LabFailedException(s.name() + ": its lab process failed (exit " + p.exitValue() + ")"
                        + (said.isEmpty() ? "" : ": " + reason(said)));
            }
            return Recording.load(dir, s.name());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The line of the lab's standard error that says what went wrong: its own "wirebook:" line, or the exception's. */
    private static String reason(String said) {
        for (String line : said.split("\n")) {
            if (line.startsWith("wirebook: ")) {
                return line.substring("wirebook: ".length());
            }
        }
        return firstLine(said);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
