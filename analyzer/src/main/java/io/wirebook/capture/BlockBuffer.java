package io.wirebook.capture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer in which writers assemble one record before writing it whole. */
final class BlockBuffer {
    byte[] b = new byte[4096];
    int n;

    void reset() {
        n = 0;
    }

    private void ensure(int more) {
        if (n + more > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
        }
    }

    void u8(int v) {
        ensure(1);
        b[n++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        b[n++] = (byte) v;
        b[n++] = (byte) (v >>> 8);
    }

    void u32(long v) {
        ensure(4);
        b[n++] = (byte) v;
        b[n++] = (byte) (v >>> 8);
        b[n++] = (byte) (v >>> 16);
        b[n++] = (byte) (v >>> 24);
    }

    void u64(long v) {
        u32(v);
        u32(v >>> 32);
    }

    void bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, b, n, len);
        n += len;
    }

    /** {@code len} bytes from {@code src}'s position, which stays where it was. */
    void bytes(java.nio.ByteBuffer src, int len) {
        ensure(len);
        src.get(src.position(), b, n, len);
        n += len;
    }

    /** Zeros up to the next multiple of 4 of {@code length}: a pcapng field's padding. */
    void pad4(int length) {
        for (int i = -length & 3; i > 0; i--) {
            u8(0);
        }
    }

    void pad4() {
        while ((n & 3) != 0) {
            u8(0);
        }
    }

    void putU32(int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /**
     * A pcapng option: code, length, value padded to 32 bits (padded by the value's length, not by this
     * buffer's: a record's tail starts where its packet's bytes end, not at a multiple of 4 of the buffer).
     */
    void option(int code, byte[] value) {
        u16(code);
        u16(value.length);
        bytes(value, 0, value.length);
        pad4(value.length);
    }

    void option(int code, String value) {
        option(code, value.getBytes(StandardCharsets.UTF_8));
    }
}
