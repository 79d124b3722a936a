package io.wirebook.tutorial.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The book covers its seed: every section of the seed text (tutorial/chapters/seed-sections.tsv) is listed
 * by at least one chapter that checks at least one claim, and every chapter's seed: entry names a section.
 */
class SeedCoverageTest {
    @Test
    void everySectionOfTheSeedHasAChapterWithClaims() throws Exception {
        Book book = Book.read(Path.of("chapters"));
        SeedSections seed = SeedSections.of(book);
        assertNotNull(seed, "tutorial/chapters/seed-sections.tsv");
        assertEquals(24, seed.sections().size(), "the seed's sections");
        assertEquals(List.of(), seed.unknownEntries(book));
        List<String> uncovered = new ArrayList<>();
        for (SeedSections.Coverage c : seed.coverage(book)) {
            if (c.chapters().isEmpty() || c.claims() == 0) {
                uncovered.add(c.section().name() + " (" + c.section().about() + "): "
                        + (c.chapters().isEmpty() ? "no chapter" : "no claim in " + c.chapters().get(0).slug()));
            }
        }
        assertEquals(List.of(), uncovered, "sections of the seed the book does not teach with evidence");
        assertTrue(book.chapters().size() >= 9, "at least nine chapters: " + book.chapters().size());
    }
}
