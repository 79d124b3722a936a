package io.wirebook.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of frames from a file, standard input or a live interface.
 *
 * <p>Sources stream: memory does not grow with the size of the input. A format error is raised only after
 * every frame before it has been delivered, so callers lose nothing that decoded.
 */
public interface FrameSource extends Closeable {
    /**
     * Fills {@code frame} with the next record.
     *
     * @return false at a clean end of input
     * @throws CaptureFormatException when the input is damaged; frames already returned stay valid
     */
    boolean next(Frame frame) throws IOException;

    /** Human-readable name of the input (a path, {@code <stdin>}, or an interface name). */
    String name();

    /** "pcap" or "pcapng" or "live". */
    String format();

    /**
     * Bytes of the input consumed before the current file began: 0 for a single file; for several read one
     * after the other ({@link ConcatenatedSource}), the sizes of those before, so that a frame's
     * {@link Frame#fileOffset} plus this is its place in the whole input (the progress line's).
     */
    default long bytesBefore() {
        return 0;
    }
}
