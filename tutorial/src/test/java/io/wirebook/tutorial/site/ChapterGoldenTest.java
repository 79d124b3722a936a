package io.wirebook.tutorial.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.tutorial.notebook.Book;
import io.wirebook.tutorial.notebook.KernelValues;
import io.wirebook.tutorial.notebook.ScenarioLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake chapter's Markdown and its first ladder, against goldens in
 * {@code src/test/resources/golden/site/}. Kernel values come from a fixture {@code /proc/sys} tree, so
 * the goldens do not depend on the machine. Regenerate them only with
 * {@code tutorial/src/test/scripts/regen-site-goldens.sh} (it runs this test with {@code -Dwirebook.regen=true}).
 */
class ChapterGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/site");
    static final List<String> FILES = List.of("01-handshake.md", "01-handshake-c1-handshake.svg");

    @TempDir
    Path tmp;

    @Test
    void theHandshakeChapterRendersAsItsGoldens() throws Exception {
        new SiteBuilder(Book.read(Path.of("chapters")), new ScenarioLibrary(SiteBuilderTest.RECORDINGS),
                new KernelValues(Path.of("src/test/resources/proc-sys")), null, false).build(tmp);
        boolean regen = Boolean.getBoolean("wirebook.regen");
        for (String f : FILES) {
            String got = Files.readString(tmp.resolve("md").resolve(f), StandardCharsets.UTF_8);
            if (regen) {
                Files.createDirectories(GOLDEN);
                Files.writeString(GOLDEN.resolve(f), got, StandardCharsets.UTF_8);
            } else {
                assertEquals(Files.readString(GOLDEN.resolve(f), StandardCharsets.UTF_8), got,
                        f + " differs from its golden; if the change is meant, run tutorial/src/test/scripts/regen-site-goldens.sh");
            }
        }
    }
}
