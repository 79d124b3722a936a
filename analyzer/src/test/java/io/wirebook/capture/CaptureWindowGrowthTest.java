package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read window starts at {@link CaptureInput#FIRST_WINDOW} and grows to its capacity when the input
 * outgrows it: every frame of a file several windows long, with records of 200,000 bytes that straddle the
 * first window's end, comes out whole and in order, from a file and from a stream alike.
 */
class CaptureWindowGrowthTest {
    private static final int RECORDS = 12;
    private static final int LENGTH = 200_000;

    private static byte[] capture() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(1);
        out.writeBytes(h.array());
        for (int i = 0; i < RECORDS; i++) {
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(1_700_000_000 + i).putInt(0).putInt(LENGTH).putInt(LENGTH);
            out.writeBytes(r.array());
            byte[] data = new byte[LENGTH];
            java.util.Arrays.fill(data, (byte) i);
            data[0] = (byte) 0x80; // first and last bytes mark the ends of the record
            data[LENGTH - 1] = (byte) 0x7f;
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    private static void readsEveryFrameWhole(FrameSource in) throws IOException {
        Frame f = new Frame();
        for (int i = 0; i < RECORDS; i++) {
            assertTrue(in.next(f), "frame " + i);
            assertEquals(LENGTH, f.capturedLength);
            assertEquals((byte) 0x80, f.data[f.offset]);
            assertEquals((byte) i, f.data[f.offset + 1]);
            assertEquals((byte) i, f.data[f.offset + LENGTH / 2]);
            assertEquals((byte) 0x7f, f.data[f.offset + LENGTH - 1]);
        }
        assertFalse(in.next(f));
    }

    @Test
    void aFileLongerThanTheFirstWindowReadsWhole(@TempDir Path dir) throws IOException {
        byte[] bytes = capture();
        assertTrue(bytes.length > 2 * CaptureInput.FIRST_WINDOW);
        Path file = dir.resolve("big-records.pcap");
        Files.write(file, bytes);
        try (FrameSource in = CaptureFiles.open(file.toString())) {
            readsEveryFrameWhole(in);
        }
        try (FrameSource in = CaptureFiles.open("stream.pcap", Reading.channel(bytes))) {
            readsEveryFrameWhole(in);
        }
    }
}
