package io.wirebook.decode;

/**
 * Where one decoded field lies in the frame: its layer, name (as tshark names the field where there is
 * one), absolute offset from the frame's first byte, and length in bytes. Bit fields (flags, version)
 * share their byte span with their neighbours and say which bits in {@code bitMask} (0 for whole bytes).
 */
public record FieldSpan(String layer, String name, int offset, int length, int bitMask) {
    public FieldSpan(String layer, String name, int offset, int length) {
        this(layer, name, offset, length, 0);
    }

    public int end() {
        return offset + length;
    }
}
