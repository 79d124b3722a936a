package io.wirebook.tutorial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.cli.Main;
import io.wirebook.tutorial.report.ReportCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command of the application, the tutorial's too, ends its help with its exit codes, and each
 * lists 9: any command can run out of memory, and the one line it then prints is exit 9.
 */
class HelpExitCodesTest {
    @Test
    void everyCommandListsTheOutOfMemoryCode() {
        CommandLine cl = Main.addCommands(new CommandLine(new Main(List.of())));
        cl.addSubcommand(new SiteCommand());
        cl.addSubcommand(new ReportCommand());
        Main.configure(cl);
        Map<String, CommandLine> commands = cl.getSubcommands();
        assertTrue(commands.keySet().containsAll(List.of("read", "conversations", "timeline", "follow", "capture",
                "generate", "site", "report")), commands.keySet().toString());
        for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
            if (c.getKey().equals("help")) {
                continue;
            }
            StringWriter help = new StringWriter();
            c.getValue().usage(new PrintWriter(help));
            String text = help.toString().replace("\r", "");
            assertTrue(text.contains("\nExit codes:\n  0  ok\n"), c.getKey() + ":\n" + text);
            assertTrue(text.contains("\n  9  out of memory (one line says where; WIREBOOK_JAVA_OPTS=-Xmx2g gives more)\n"),
                    c.getKey() + " lists exit code 9:\n" + text);
        }
    }
}
