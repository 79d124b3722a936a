package io.wirebook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wirebook} command line. */
@Command(name = "wirebook", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "See TCP and UDP: decode, explain and analyse packet captures.",
        subcommands = {ReadCommand.class, ConversationsCommand.class, TimelineCommand.class, CaptureCommand.class,
                GenerateCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCodes.HELP, exitCodeOnInvalidInput = ExitCodes.USAGE)
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: wirebook read FILE)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this directly). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
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
