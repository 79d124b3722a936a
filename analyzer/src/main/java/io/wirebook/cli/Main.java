package io.wirebook.cli;

import io.wirebook.calls.Scenario;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wirebook} command line, given the demo scenarios {@code wirebook capture --scenario} runs.
 * The analyzer has no scenarios of its own: the application, {@code io.wirebook.tutorial.Wirebook} in
 * the tutorial module, hands it the tutorial's.
 */
@Command(name = "wirebook", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "See TCP and UDP: decode, explain and analyse packet captures.",
        subcommands = {ReadCommand.class, ConversationsCommand.class, TimelineCommand.class, CaptureCommand.class,
                GenerateCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP, exitCodeOnInvalidInput = ExitCodes.USAGE)
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<Scenario> scenarios;

    /** A command line whose {@code capture --list/--scenario/--all} know these scenarios, in this order. */
    public Main(List<? extends Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /** The scenarios {@code capture} can run. */
    List<Scenario> scenarios() {
        return scenarios;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: wirebook read FILE)");
    }

    /** Runs the command line with these scenarios and returns its exit code. */
    public static int run(List<? extends Scenario> scenarios, String... args) {
        return new CommandLine(new Main(scenarios)).execute(args);
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
