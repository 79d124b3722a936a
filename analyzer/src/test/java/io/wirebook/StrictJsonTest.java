package io.wirebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The tests' JSON reader rejects what a lenient reader would let through. */
class StrictJsonTest {
    @Test
    void aKeyTwiceInOneObjectFails() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> StrictJson.lines("{\"tcp\":{\"options\":[{\"kind\":\"exp\",\"kind\":\"tfo\",\"len\":4}]}}\n"));
        assertTrue(e.getMessage().contains("Duplicate field 'kind'"), e.getMessage());
    }

    @Test
    void linesAreObjectsAndEmptyLinesAreSkipped() {
        assertEquals(2, StrictJson.lines("{\"a\":{\"k\":1},\"b\":{\"k\":1}}\n\n{\"k\":2}\n").size());
        assertThrows(IllegalArgumentException.class, () -> StrictJson.lines("[1]\n"));
    }
}
