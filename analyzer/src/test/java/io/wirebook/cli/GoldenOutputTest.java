package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.StrictJson;
import io.wirebook.TestCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code wirebook read} on every bundled capture, text and JSONL, against the golden outputs that
 * {@code analyzer/src/test/scripts/regen-goldens.sh} wrote. A change in output is either a bug or an
 * improvement to review in the golden diff. Every JSONL line is also parsed with duplicate keys rejected.
 */
class GoldenOutputTest {
    static Path golden() {
        return Paths.get(System.getProperty("wirebook.golden", "src/test/resources/golden"));
    }

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> s = Files.walk(TestCaptures.root())) {
            List<Path> all = s.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .filter(f -> !TestCaptures.isSynthetic(f))
                    .sorted().collect(Collectors.toList());
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void textAndJsonlMatchTheGoldenFiles(Path capture) throws IOException {
        String rel = TestCaptures.name(capture);
        String base = rel.substring(0, rel.lastIndexOf('.'));
        Path txt = golden().resolve(base + ".txt");
        assertTrue(Files.exists(txt), "no golden output for " + rel + ": run analyzer/src/test/scripts/regen-goldens.sh");
        CliRunner text = CliRunner.run("read", capture.toString());
        assertEquals(Files.readString(txt, StandardCharsets.UTF_8), text.stdout, "text output of " + rel);
        int exit = Integer.parseInt(Files.readString(golden().resolve(base + ".exit")).trim());
        assertEquals(exit, text.exitCode, "exit code for " + rel + ": " + text.stderr);
        Path err = golden().resolve(base + ".txt.stderr");
        if (Files.exists(err)) {
            // The file name in the message is the path as given, so compare from the name onwards.
            String expected = Files.readString(err, StandardCharsets.UTF_8);
            String tail = expected.substring(expected.indexOf(capture.getFileName().toString()));
            assertTrue(text.stderr.endsWith(tail), "error line for " + rel + ": " + text.stderr);
        } else {
            assertEquals("", text.stderr);
        }
        CliRunner jsonl = CliRunner.run("read", "--format", "jsonl", capture.toString());
        assertEquals(Files.readString(golden().resolve(base + ".jsonl"), StandardCharsets.UTF_8), jsonl.stdout,
                "JSONL output of " + rel);
        // Equal to the golden file is not enough: the golden must be JSON Lines a strict reader accepts
        // (it once froze an object with the key "kind" twice).
        assertEquals(jsonl.stdout.lines().count(), StrictJson.lines(jsonl.stdout).size(), "JSONL lines of " + rel);
        assertTrue(jsonl.stdout.isEmpty() || jsonl.stdout.endsWith("\n"), "the last JSONL line of " + rel + " ends");
    }
}
