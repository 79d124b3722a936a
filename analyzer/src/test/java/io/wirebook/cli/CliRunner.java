package io.wirebook.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** Runs a wirebook command in-process with captured standard output and error. */
public final class CliRunner {
    public final int exitCode;
    public final String stdout;
    /** Standard output as bytes, for commands that write binary (generate -o -). */
    public final byte[] stdoutBytes;
    public final String stderr;

    private CliRunner(int exitCode, byte[] stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdoutBytes = stdout;
        this.stdout = new String(stdout, StandardCharsets.UTF_8);
        this.stderr = stderr;
    }

    public static CliRunner run(String... args) {
        return run(command -> { }, args);
    }

    /** The same, with {@code set} applied to each command object after its streams are captured. */
    public static CliRunner run(java.util.function.Consumer<Object> set, String... args) {
        return run(true, set, args);
    }

    /**
     * The same with only the commands {@code wirebook} itself builds for these words ({@link Main#run}: only
     * the command they name, when they name one), where {@link #run} builds every command.
     */
    public static CliRunner runAsMain(String... args) {
        return run(false, command -> { }, args);
    }

    private static CliRunner run(boolean everyCommand, java.util.function.Consumer<Object> set, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new Main(List.<io.wirebook.calls.Scenario>of()), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof FileCommand) {
                    ((FileCommand) k).stdout = out;
                    ((FileCommand) k).stderr = errStream;
                } else if (k instanceof CaptureCommand) {
                    ((CaptureCommand) k).stdout = out;
                    ((CaptureCommand) k).stderr = errStream;
                } else if (k instanceof GenerateCommand) {
                    ((GenerateCommand) k).stdout = java.nio.channels.Channels.newChannel(out);
                    ((GenerateCommand) k).stderr = errStream;
                } else if (k instanceof BenchCommand b) {
                    b.stdout = out;
                    b.stderr = errStream;
                }
                set.accept(k);
                return k;
            }
        });
        if (everyCommand) {
            Main.addCommands(cl);
        } else {
            Main.addCommands(cl, List.of(), args);
        }
        Main.configure(cl);
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int rc = cl.execute(args);
        return new CliRunner(rc, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
