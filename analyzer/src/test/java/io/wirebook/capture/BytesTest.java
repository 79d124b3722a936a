package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shared reader of multi-byte fields, both byte orders, with the sign bit set to catch sign extension. */
class BytesTest {
    private static final byte[] B = {(byte) 0xF1, (byte) 0xE2, (byte) 0xD3, (byte) 0xC4, (byte) 0xB5, (byte) 0xA6,
            (byte) 0x97, (byte) 0x88, 0x01};

    @Test
    void bigEndian() {
        assertEquals(0xF1, Bytes.u8(B, 0));
        assertEquals(0xF1E2, Bytes.u16(B, 0));
        assertEquals(0xF1E2D3C4, Bytes.i32(B, 0));
        assertEquals(0xF1E2D3C4L, Bytes.u32(B, 0));
        assertEquals(0xF1E2D3C4B5A69788L, Bytes.i64(B, 0));
        assertEquals(0xE2D3C4B5A6978801L, Bytes.i64(B, 1));
    }

    @Test
    void littleEndian() {
        assertEquals(0xE2F1, Bytes.u16le(B, 0));
        assertEquals(0xC4D3E2F1, Bytes.i32le(B, 0));
        assertEquals(0xC4D3E2F1L, Bytes.u32le(B, 0));
        assertEquals(0x8897A6B5C4D3E2F1L, Bytes.i64le(B, 0));
        assertEquals(0x018897A6B5C4D3E2L, Bytes.i64le(B, 1));
    }
}
