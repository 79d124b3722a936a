package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.wirebook.TestCaptures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@link Main#run} builds only the command its first word names (a small file's {@code read} starts in
 * half the time), and every run behaves and speaks exactly as it does with every command built.
 */
class MainTest {
    private static final String SLL2 = TestCaptures.get("kernel/sll2_any.pcap").toString();

    @Test
    void eachCommandIsListedUnderTheNameItsAnnotationGives() {
        for (Map.Entry<String, Class<?>> c : Main.commandClasses().entrySet()) {
            Command a = c.getValue().getAnnotation(Command.class);
            assertEquals(c.getKey(), a.name());
            assertEquals(0, a.aliases().length, c.getKey());
        }
        CommandLine every = Main.addCommands(new CommandLine(new Main(List.of())));
        assertEquals(List.copyOf(Main.commandClasses().keySet()), List.copyOf(every.getSubcommands().keySet()));
    }

    @Test
    void onlyACommandsOwnNameBuildsItAlone() {
        assertSame(ReadCommand.class, Main.onlyCommand(List.of(), "read", "x.pcap"));
        assertSame(CommandLine.HelpCommand.class, Main.commandClasses().get("help"));
        for (String[] args : new String[][] {{}, {"help"}, {"help", "read"}, {"--help"}, {"--version"}, {"raed"},
                {"x.pcap"}, {"-r", "x.pcap"}, {"READ"}}) {
            assertNull(Main.onlyCommand(List.of(), args), String.join(" ", args));
        }
        Object site = new Site();
        assertSame(site, Main.onlyCommand(List.of(site), "site"));
        assertSame(site, Main.onlyCommand(List.of(site), "book"));
        assertNotNull(Main.onlyCommand(List.of(site), "conversations"));
    }

    @Command(name = "site", aliases = "book")
    static final class Site implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void everyRunSaysTheSameWithOnlyItsCommandBuilt() {
        List<String[]> runs = new ArrayList<>();
        for (String c : Main.commandClasses().keySet()) {
            runs.add(new String[] {c, "--help"});
            runs.add(new String[] {c, "-h"});
            runs.add(new String[] {c, "--version"});
            runs.add(new String[] {c, "--no-such-option"});
            if (!c.equals("capture") && !c.equals("bench")) { // bare, these capture live or bench for minutes
                runs.add(new String[] {c});
            }
        }
        runs.add(new String[] {});
        runs.add(new String[] {"--help"});
        runs.add(new String[] {"--version"});
        runs.add(new String[] {"help", "read"});
        runs.add(new String[] {"raed", SLL2});
        runs.add(new String[] {SLL2});
        runs.add(new String[] {"read", SLL2});
        runs.add(new String[] {"read", "-c", "0", SLL2});
        runs.add(new String[] {"read", "--format", "xml", SLL2});
        runs.add(new String[] {"read", SLL2, "tcp port"});
        runs.add(new String[] {"read", "read", SLL2});
        runs.add(new String[] {"read", "help"});
        runs.add(new String[] {"conversations", "--format", "jsonl", SLL2});
        runs.add(new String[] {"timeline", "--stream", "x", SLL2});
        runs.add(new String[] {"follow", SLL2});
        runs.add(new String[] {"generate", "-n", "3", "-o", "-"});
        runs.add(new String[] {"capture", "--list"});
        for (String[] args : runs) {
            CliRunner every = CliRunner.run(args);
            CliRunner only = CliRunner.runAsMain(args);
            String what = "wirebook " + String.join(" ", args);
            assertEquals(every.exitCode, only.exitCode, what);
            assertEquals(every.stdout, only.stdout, what);
            assertEquals(every.stderr, only.stderr, what);
        }
    }
}
