package io.wirebook.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Display filters" section documents the language as it is: its field table names every
 * field and alias there is and no other, its examples compile, and its error lines are the ones given.
 */
class ReadmeFieldsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static String section() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Display filters: `-Y`");
        assertTrue(start >= 0, "README has no section \"Display filters\"");
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end);
    }

    @Test
    void theFieldTableNamesEveryFieldAndAliasThereIs() throws IOException {
        TreeSet<String> fields = new TreeSet<>();
        TreeSet<String> aliases = new TreeSet<>();
        for (String line : section().split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            fields.addAll(codes(cells[1]));
            aliases.addAll(codes(cells[2]));
        }
        assertEquals(new TreeSet<>(PacketFields.TABLE.names()), fields);
        TreeSet<String> known = new TreeSet<>();
        for (String n : PacketFields.TABLE.names()) {
            known.addAll(PacketFields.TABLE.aliases(n));
        }
        assertEquals(known, aliases);
    }

    @Test
    void theExamplesCompileAndTheErrorLinesAreTheOnesGiven() throws IOException, FilterSyntaxException {
        String s = section();
        Matcher example = Pattern.compile("\\./wirebook read .*?(?:-Y|--display-filter) ('([^']*)'|(\\S+))").matcher(s);
        int examples = 0;
        while (example.find()) {
            DisplayFilter.compile(example.group(2) != null ? example.group(2) : example.group(3));
            examples++;
        }
        assertEquals(4, examples);
        List<String> errors = new ArrayList<>();
        for (String line : s.split("\n")) {
            if (line.startsWith("-Y: ")) {
                errors.add(line.substring(4));
            }
        }
        String[] expressions = {"tcp and tcp.foo", "ip.src == 10.0.0.256", "(tcp"};
        assertEquals(expressions.length, errors.size());
        for (int i = 0; i < expressions.length; i++) {
            String message = message(expressions[i]);
            String shown = errors.get(i);
            assertTrue(shown.endsWith("...") ? message.startsWith(shown.substring(0, shown.length() - 3)) : message.equals(shown),
                    shown + " vs " + message);
        }
    }

    private static String message(String expression) {
        try {
            DisplayFilter.compile(expression);
            throw new AssertionError("compiles: " + expression);
        } catch (FilterSyntaxException e) {
            return e.getMessage();
        }
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
