package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read every frame of a source, keeping copies, and stop at the first fault. */
final class Reading {
    private Reading() {}

    /** The frames delivered before the end or the fault, and the fault (null at a clean end). */
    record Result(List<Frame> frames, CaptureFormatException fault) {}

    static Result readAll(FrameSource source) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame f = new Frame();
        try (source) {
            while (source.next(f)) {
                frames.add(f.copy());
            }
        } catch (CaptureFormatException e) {
            // A damaged file keeps failing: the reader must not resume past the fault.
            CaptureFormatException again = assertThrows(CaptureFormatException.class, () -> source.next(f));
            assertEquals(e.getMessage(), again.getMessage());
            return new Result(frames, e);
        }
        assertFalse(source.next(f), "a source at its end stays at its end");
        return new Result(frames, null);
    }

    static Result readAll(String name, byte[] bytes) throws IOException {
        return readAll(CaptureFiles.open(name, channel(bytes)));
    }

    static ReadableByteChannel channel(byte[] bytes) {
        return Channels.newChannel(new ByteArrayInputStream(bytes));
    }

    /** A channel that returns at most {@code perRead} bytes per read, as a pipe can. */
    static ReadableByteChannel trickle(byte[] bytes, int perRead) {
        return new ReadableByteChannel() {
            private int at;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) {
                if (at == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(perRead, dst.remaining()), bytes.length - at);
                dst.put(bytes, at, n);
                at += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    /** Asserts the fault's numbers and that its message is one line that names the file first. */
    static void assertFault(Result r, String file, String kind, long record, long offset, String reason) {
        CaptureFormatException e = r.fault();
        assertNotNull(e, "expected a fault after " + r.frames().size() + " frames");
        assertEquals(file, e.file());
        assertEquals(kind, e.recordKind());
        assertEquals(record, e.record(), e.getMessage());
        assertEquals(offset, e.byteOffset(), e.getMessage());
        assertEquals(reason, e.reason());
        assertEquals(file + ": " + kind + " " + record + " at byte offset " + offset + ": " + reason, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getMessage().startsWith(file + ": "));
    }
}
