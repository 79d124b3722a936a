package io.wirebook.capture;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/**
 * Capture bytes as a {@link FrameSource}, for the fuzz targets: through the reader's own opening code, with
 * a window of {@link #WINDOW} bytes (the default 16 MiB one would be most of an execution's time) and a
 * channel that hands over a third of the bytes a read, as a pipe can.
 */
public final class FuzzSources {
    /** Room for the largest record the readers take (256 KiB snaplen) and a block header, as in files. */
    public static final int WINDOW = 256 * 1024 + 64 * 1024;

    private FuzzSources() {}

    public static FrameSource open(String name, byte[] bytes) throws IOException {
        int perRead = 1 + bytes.length / 3;
        ReadableByteChannel channel = Reading.trickle(bytes, perRead); // a third at a time, as a pipe gives
        return CaptureFiles.open(name, channel, WINDOW);
    }
}
