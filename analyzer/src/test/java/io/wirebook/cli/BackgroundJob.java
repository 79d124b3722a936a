package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * wirebook started as a script starts it, as a background job of a non-interactive shell:
 * {@code bash -c 'wirebook ARGS >OUT 2>ERR & echo $!; wait $!; echo "exit $?"'}. bash starts such a job
 * with SIGINT and SIGQUIT ignored (no job control, so a Ctrl-C meant for the script spares its jobs); the
 * exit code is the one the shell's {@code wait} reports, 128 + N for a job killed by signal N.
 */
final class BackgroundJob implements AutoCloseable {
    final Process shell;
    final long pid;
    final Path stdout;
    final Path stderr;
    private final BufferedReader shellOut;

    private BackgroundJob(Process shell, long pid, Path stdout, Path stderr, BufferedReader shellOut) {
        this.shell = shell;
        this.pid = pid;
        this.stdout = stdout;
        this.stderr = stderr;
        this.shellOut = shellOut;
    }

    /** Starts {@code wirebook ARGS} in the background of {@code bash -c}, after {@code prefix} (e.g. nohup). */
    static BackgroundJob start(Path dir, String prefix, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "job-", ".out");
        Path err = Files.createTempFile(dir, "job-", ".err");
        String command = CliProcess.command(List.of(), args).stream().map(BackgroundJob::quote)
                .collect(Collectors.joining(" "));
        String script = prefix + " " + command + " >" + quote(out.toString()) + " 2>" + quote(err.toString())
                + " & echo $!; wait $!; echo \"exit $?\"";
        Process shell = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
        String first = r.readLine();
        assertTrue(first != null && first.matches("\\d+"), "bash did not give the job's pid: " + first);
        return new BackgroundJob(shell, Long.parseLong(first), out, err, r);
    }

    /** A shell word that stands for {@code s} as it is. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Waits (at most 30 s) until the job's standard error holds {@code text}. */
    void awaitStderr(String text) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!stderr().contains(text)) {
            if (!alive() || System.nanoTime() > until) {
                fail("no '" + text + "' from the job (alive: " + alive() + "): " + stderr());
            }
            Thread.sleep(20);
        }
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code kill -NAME PID}, as a user sends it. */
    void signal(String name) throws IOException, InterruptedException {
        Signals.send(name, pid);
    }

    /** The job's exit code as the shell's {@code wait} saw it; fails when it has not ended within {@code seconds}. */
    int exitCode(double seconds) throws IOException, InterruptedException {
        if (!shell.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            fail("the job did not end within " + seconds + " s: " + stderr());
        }
        String line = shellOut.readLine();
        assertTrue(line != null && line.startsWith("exit "), "the shell said: " + line);
        return Integer.parseInt(line.substring(5));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (alive()) {
            Signals.send("KILL", pid);
        }
        shell.destroyForcibly();
        shell.waitFor(5, TimeUnit.SECONDS);
    }

    /** Sending a signal by name with kill(1): Java can send only SIGTERM and SIGKILL itself. */
    static final class Signals {
        private Signals() {}

        static void send(String name, long pid) throws IOException, InterruptedException {
            int rc = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
            assertTrue(rc == 0, "kill -" + name + " " + pid + " failed");
        }
    }
}
