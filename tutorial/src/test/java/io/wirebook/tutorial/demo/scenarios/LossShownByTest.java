package io.wirebook.tutorial.demo.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.Recording;
import io.wirebook.capture.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code loss} keeps an attempt only when its capture holds a first copy of every byte sent. */
class LossShownByTest {
    @Test
    void theRecordingIsCompleteAndACaptureMissingASegmentIsNot() throws Exception {
        Recording r = Recording.load(Path.of("../captures/scenarios"), "loss");
        Loss loss = new Loss();
        assertTrue(loss.shownBy(r.frames()), "the frozen recording holds every byte");
        List<Frame> missing = new ArrayList<>(r.frames());
        // Take out the first full-sized data segment (frame 10 onwards are the bulk's): as if the capture missed it.
        for (int i = 3; i < missing.size(); i++) {
            if (missing.get(i).capturedLength > 1400) {
                missing.remove(i);
                break;
            }
        }
        assertFalse(loss.shownBy(missing), "a segment missed by the capture");
    }
}
