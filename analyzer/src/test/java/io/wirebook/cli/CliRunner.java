package io.wirebook.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs a wirebook command in-process with captured standard output and error. */
public final class CliRunner {
    public final int exitCode;
    public final String stdout;
    public final String stderr;

    private CliRunner(int exitCode, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static CliRunner run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof FileCommand) {
                    ((FileCommand) k).stdout = out;
                    ((FileCommand) k).stderr = errStream;
                } else if (k instanceof CaptureCommand) {
                    ((CaptureCommand) k).stdout = out;
                    ((CaptureCommand) k).stderr = errStream;
                }
                return k;
            }
        });
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int rc = cl.execute(args);
        return new CliRunner(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
