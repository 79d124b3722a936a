package io.wirebook.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.CaptureFormatException;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.capture.FuzzSources;
import java.io.IOException;

/**
 * What a reader owes a user on any bytes: frames whose fields are sane, then either a clean end or one
 * {@link CaptureFormatException} (the only documented failure) whose one-line message names an offset
 * inside the input; memory that follows the input's size, not the lengths it claims.
 */
final class ReaderChecks {
    /**
     * Bytes a read may allocate besides its window: per input byte (a pcapng comment or interface name
     * becomes a String, a frame a few objects) and a constant for the reader itself. A block that claims
     * 2 GiB and is believed would be far over it.
     */
    static final long PER_INPUT_BYTE = 16;
    static final long FIXED = 256 * 1024;
    /** A read of any input up to libFuzzer's lengths: a few milliseconds per frame at most. */
    static final long NANOS_PER_FRAME = 5_000_000;

    private ReaderChecks() {}

    /** Reads {@code input} to its end or its fault, checking every frame; returns the frames read. */
    static long read(byte[] input) throws Exception {
        long[] frames = new long[1];
        long allocated = Bounds.measured("reading " + input.length + " bytes", NANOS_PER_FRAME * (1 + input.length / 16),
                () -> frames[0] = readOnce(input));
        long bound = FuzzSources.WINDOW + FIXED + PER_INPUT_BYTE * input.length;
        assertTrue(allocated <= bound,
                allocated + " bytes allocated reading " + input.length + " bytes (" + frames[0] + " frames)");
        return frames[0];
    }

    private static long readOnce(byte[] input) throws IOException {
        long frames = 0, number = 0;
        FrameSource source;
        try {
            source = FuzzSources.open("fuzz", input);
        } catch (CaptureFormatException e) {
            checkFault(e, input);
            return 0;
        }
        try (source) {
            Frame f = new Frame();
            while (source.next(f)) {
                frames++;
                assertTrue(f.offset >= 0 && f.capturedLength >= 0 && f.offset + f.capturedLength <= f.data.length,
                        "frame " + f.number + ": its bytes lie inside the array");
                assertTrue(f.nanos >= 0 && f.nanos < 1_000_000_000, "frame " + f.number + ": nanos " + f.nanos);
                assertTrue(f.fileOffset >= 0 && f.fileOffset < input.length, "frame " + f.number + ": offset");
                // Increasing, with gaps: pcapng Custom and systemd Journal blocks use up numbers, as in tshark.
                assertTrue(f.number > number && f.number >= frames, "frame " + f.number + " after " + number);
                number = f.number;
                assertTrue(frames <= input.length / 12 + 1, "no more frames than the bytes can hold");
            }
            assertFalse(source.next(f), "a source at its end stays at its end");
        } catch (CaptureFormatException e) {
            checkFault(e, input);
        }
        return frames;
    }

    private static void checkFault(CaptureFormatException e, byte[] input) {
        String m = e.getMessage();
        assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= input.length, "fault offset inside the input: " + m);
        TextChecks.terminalSafe("format error", m);
    }
}
