package io.wirebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's packages form one line, packets in on the left, pictures out on the right (STYLE.md):
 * a package may use the packages to its left and never one to its right, so a stage cannot depend on the
 * stages that consume it. A new package fails this test until it is given its place here.
 */
class LayeringTest {
    /**
     * Left to right. {@code text} (UTF-8 lines and digits) serves every stage that writes text; {@code jsonl} (the JSON Lines set-up) serves the stages that write or read JSON;
     * {@code calls} (the socket-call log) is an input beside the capture; {@code synth} makes captures; {@code bench} measures the commands as processes.
     */
    private static final List<String> ORDER = List.of(
            "text", "jsonl", "capture", "decode", "flow", "analysis", "annotate", "pipeline", "filter", "calls", "timeline", "render", "synth", "bench", "cli");

    private static final Pattern USE = Pattern.compile("\\bio\\.wirebook\\.([a-z]+)\\.");

    @Test
    void noPackageUsesOneToItsRight() throws IOException {
        Path root = Path.of("src/main/java/io/wirebook");
        List<String> wrong = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                if (!ORDER.contains(pkg)) {
                    unknown.add(pkg);
                    continue;
                }
                String text = Files.readString(f).replaceFirst("(?m)^package [^;]+;", "");
                Matcher m = USE.matcher(text);
                TreeSet<String> used = new TreeSet<>();
                while (m.find()) {
                    used.add(m.group(1));
                }
                for (String u : used) {
                    if (ORDER.indexOf(u) > ORDER.indexOf(pkg)) {
                        wrong.add(root.relativize(f) + " uses io.wirebook." + u);
                    }
                }
            }
        }
        assertEquals(List.of(), List.copyOf(unknown), "packages without a place in LayeringTest.ORDER");
        assertEquals(List.of(), wrong, "a package uses one to its right (order: " + ORDER + ")");
    }
}
