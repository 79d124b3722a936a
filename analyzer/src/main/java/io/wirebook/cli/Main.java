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
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wirebook} command line, given the demo scenarios {@code wirebook capture --scenario} runs.
 * The analyzer has no scenarios of its own: the application, {@code io.wirebook.tutorial.Wirebook} in
 * the tutorial module, hands it the tutorial's.
 *
 * <p>The commands are added by {@link #addCommands}, not listed in the {@code @Command} annotation, so that
 * {@link #run} can build picocli's model of only the command a run names: building the model of every
 * command (their options, mixins and help text, by reflection) was most of a small file's {@code read}.
 */
@Command(name = "wirebook", versionProvider = Main.Version.class,
        description = "See TCP and UDP: decode, explain and analyse packet captures.",
        footer = ExitCodes.HELP, exitCodeOnInvalidInput = ExitCodes.USAGE)
public final class Main implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOptions helpOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The analyzer's commands in the order {@code wirebook --help} lists them, by the name each one's
     * {@code @Command} gives (MainTest checks they agree): a run that names one gets only that one's model.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("read", ReadCommand.class);
        m.put("conversations", ConversationsCommand.class);
        m.put("timeline", TimelineCommand.class);
        m.put("follow", FollowCommand.class);
        m.put("capture", CaptureCommand.class);
        m.put("generate", GenerateCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

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
        // No Groovy here: picocli's factory would otherwise look for groovy.lang.Closure on the class path,
        // a failed class load (and its exception) in every start.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        CommandLine cl = new CommandLine(main);
        addCommands(cl, commands, args);
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
     * The one command a run needs, when its first word names one (an analyzer command's class, or one of
     * the application's command objects); null when it needs them all: no words, an option first
     * ({@code --help}, {@code --version}), {@code help} (which lists them or finds one), or a word that is no
     * command (whose suggestion looks through them all). A command parses everything after its name on its
     * own, so it behaves and speaks exactly as it does among the others.
     */
    static Object onlyCommand(List<Object> commands, String... args) {
        if (args.length == 0 || args[0].equals("help")) {
            return null;
        }
        Class<?> c = COMMANDS.get(args[0]);
        if (c != null) {
            return c;
        }
        for (Object o : commands) {
            Command a = o.getClass().getAnnotation(Command.class);
            if (a != null && (a.name().equals(args[0]) || Arrays.asList(a.aliases()).contains(args[0]))) {
                return o;
            }
        }
        return null;
    }

    /**
     * Adds the commands a run with these words needs, the analyzer's and then the application's
     * {@code commands}: only the one {@link #onlyCommand} finds, else every one.
     */
    static void addCommands(CommandLine cl, List<Object> commands, String... args) {
        Object only = onlyCommand(commands, args);
        if (only instanceof Class<?> c) {
            cl.addSubcommand(args[0], c);
        } else if (only != null) {
            cl.addSubcommand(only);
        } else {
            addCommands(cl);
            for (Object c : commands) {
                cl.addSubcommand(c);
            }
        }
    }

    /**
     * Adds the analyzer's commands to a command line made of a {@link Main}, each made by the command line's
     * factory, in the order the help lists them; an application's own commands go after them. {@link #run}
     * calls it; so does a test that builds its own command line.
     */
    public static CommandLine addCommands(CommandLine cl) {
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            cl.addSubcommand(c.getKey(), c.getValue());
        }
        return cl;
    }

    /** The analyzer's command names and classes, in the help's order. */
    static Map<String, Class<?>> commandClasses() {
        return COMMANDS;
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
