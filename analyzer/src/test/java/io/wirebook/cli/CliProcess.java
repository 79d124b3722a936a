package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs wirebook as a user does, in a JVM of its own, so that its standard output is a real file
 * descriptor: a file (on a full file system), {@code /dev/full}, or a pipe whose reader stops early. The
 * in-process {@link CliRunner} cannot show those: its standard output is a byte array that never fails.
 */
final class CliProcess {
    final int exitCode;
    final String stderr;
    /** What the test read of standard output (only when it read it through a pipe). */
    final byte[] stdout;

    private CliProcess(int exitCode, String stderr, byte[] stdout) {
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.stdout = stdout;
    }

    /** The java command line of wirebook with {@code jvmOptions} (e.g. -Djava.io.tmpdir=DIR) and {@code args}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AnalyzerOnlyMain.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs with standard output going to {@code stdout} (opened as the shell's {@code >} does). */
    static CliProcess toFile(Path stdout, List<String> jvmOptions, String... args) throws Exception {
        Path err = Files.createTempFile("wirebook-stderr-", ".txt");
        try {
            Process p = new ProcessBuilder(command(jvmOptions, args)).redirectOutput(stdout.toFile())
                    .redirectError(err.toFile()).start();
            return finish(p, err, null);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static CliProcess toFile(Path stdout, String... args) throws Exception {
        return toFile(stdout, List.of(), args);
    }

    /**
     * Runs with standard output into a pipe of which the test reads {@code bytes} bytes and then closes it,
     * as {@code | head -c BYTES} does.
     */
    static CliProcess closingPipeAfter(int bytes, String... args) throws Exception {
        Path err = Files.createTempFile("wirebook-stderr-", ".txt");
        try {
            Process p = new ProcessBuilder(command(List.of(), args)).redirectError(err.toFile()).start();
            byte[] read;
            try (InputStream in = p.getInputStream()) {
                read = in.readNBytes(bytes);
            }
            return finish(p, err, read);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static CliProcess finish(Process p, Path err, byte[] stdout) throws IOException, InterruptedException {
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "wirebook did not finish: " + p.info().commandLine().orElse("?"));
        return new CliProcess(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), stdout);
    }
}
