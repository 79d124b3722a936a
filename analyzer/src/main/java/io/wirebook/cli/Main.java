package io.wirebook.cli;

import io.wirebook.calls.LabLauncher;
import io.wirebook.calls.Scenario;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wirebook} command line, given the demo scenarios {@code wirebook capture --scenario} runs.
 * The analyzer has no scenarios of its own: the application, {@code io.wirebook.tutorial.Wirebook} in
 * the tutorial module, hands it the tutorial's.
 */
@Command(name = "wirebook", versionProvider = Main.Version.class,
        description = "See TCP and UDP: decode, explain and analyse packet captures.",
        subcommands = {ReadCommand.class, ConversationsCommand.class, TimelineCommand.class, FollowCommand.class, CaptureCommand.class,
                GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP, exitCodeOnInvalidInput = ExitCodes.USAGE)
public final class Main implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<? extends List<? extends Scenario>> catalogue;
    private List<Scenario> scenarios;
    private LabLauncher labs;

    /** A command line whose {@code capture --list/--scenario/--all} know these scenarios, in this order. */
    public Main(List<? extends Scenario> scenarios) {
        this(() -> scenarios);
    }

    /**
     * The same, with the scenarios made only when {@code capture} asks for them: making them loads the
     * socket classes, which a {@code read} of a small file should not wait for.
     */
    public Main(Supplier<? extends List<? extends Scenario>> scenarios) {
        this.catalogue = scenarios;
    }

    /** Starts the lab scenarios in their own network namespace (null: this command line cannot). */
    LabLauncher labs() {
        return labs;
    }

    /** The scenarios {@code capture} can run. */
    List<Scenario> scenarios() {
        if (scenarios == null) {
            scenarios = List.copyOf(catalogue.get());
        }
        return scenarios;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: wirebook read FILE,"
                + " or wirebook --help for the list)");
    }

    /**
     * Runs the command line with these scenarios and returns its exit code. Help and version text go
     * through a PrintWriter, which keeps write errors to itself; the stream under it remembers them, so a
     * full disk is reported (exit 5) here as in every command.
     */
    public static int run(Supplier<? extends List<? extends Scenario>> scenarios, String... args) {
        return run(scenarios, List.of(), args);
    }

    /**
     * The same, with the application's own commands beside the analyzer's (the tutorial's {@code site}):
     * each a picocli {@code @Command} object.
     */
    public static int run(Supplier<? extends List<? extends Scenario>> scenarios, List<Object> commands, String... args) {
        return run(scenarios, null, commands, args);
    }

    /**
     * The same, with the launcher that runs lab scenarios ({@link Scenario#network()}) in a network
     * namespace of their own: a new process of the application, so the application gives it.
     */
    public static int run(Supplier<? extends List<? extends Scenario>> scenarios, LabLauncher labs, List<Object> commands,
            String... args) {
        OutputStream stdout = Output.named(Output.STDOUT, new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        Main main = new Main(scenarios);
        main.labs = labs;
        CommandLine cl = new CommandLine(main);
        for (Object c : commands) {
            cl.addSubcommand(c);
        }
        configure(cl);
        int code;
        try {
            code = cl.setOut(out).execute(args);
        } catch (OutOfMemoryError e) {
            // A command that reads a file says where it was (FileCommand); any other gets the same line, bare.
            System.err.println(OutOfMemory.line());
            return ExitCodes.OUT_OF_MEMORY;
        }
        out.flush();
        try {
            stdout.flush();
        } catch (IOException e) {
            Output.WriteFailed failed = Output.failure(e);
            int written = Output.report(failed != null ? failed : Output.failed(Output.STDOUT, e), System.err);
            return written == ExitCodes.OK ? code : written;
        }
        return code;
    }

    /**
     * What every wirebook command line gets once its subcommands are added: {@code --version} on every
     * command, help wrapped at the terminal's width, and suggestions for a word that is not a command.
     */
    public static CommandLine configure(CommandLine cl) {
        everyCommand(cl, c -> {
            c.getCommandSpec().versionProvider(new Version()); // --version on every command, not only the top one
            // Help wraps at word boundaries at the terminal's width (picocli asks the terminal), else 80 columns.
            c.setUsageHelpWidth(80);
            c.setUsageHelpAutoWidth(true);
        });
        cl.setParameterExceptionHandler(new Suggestions(cl.getParameterExceptionHandler()));
        return cl;
    }

    private static void everyCommand(CommandLine c, java.util.function.Consumer<CommandLine> f) {
        f.accept(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            everyCommand(sub, f);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"wirebook " + (v != null ? v : "(development build)"),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
