package io.wirebook.capture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Test-only builder of capture bytes in either byte order, with helpers for pcap records and pcapng blocks,
 * so every malformed variant in the tests is spelled out field by field.
 */
final class ByteBuilder {
    private byte[] bytes = new byte[64];
    private int size;
    private boolean bigEndian;

    static ByteBuilder littleEndian() {
        return new ByteBuilder();
    }

    static ByteBuilder bigEndian() {
        return new ByteBuilder().order(true);
    }

    ByteBuilder order(boolean big) {
        this.bigEndian = big;
        return this;
    }

    int size() {
        return size;
    }

    byte[] build() {
        return Arrays.copyOf(bytes, size);
    }

    ByteBuilder u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    ByteBuilder u16(int v) {
        return bigEndian ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
    }

    ByteBuilder u32(long v) {
        return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
    }

    ByteBuilder u64(long v) {
        return bigEndian ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
    }

    ByteBuilder bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    ByteBuilder zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    ByteBuilder pad4() {
        return zeros((-size) & 3);
    }

    /** Overwrites a 32-bit field already written. */
    ByteBuilder patchU32(int at, long v) {
        int end = size;
        size = at;
        u32(v);
        size = end;
        return this;
    }

    private void ensure(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }

    // ---- packet payloads ----

    /** n bytes 0, 1, 2, ... so a view at the wrong offset shows. */
    static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    // ---- classic pcap ----

    /** pcap file header; {@code magic} as the writer's native value (a1b2c3d4 or a1b23c4d). */
    ByteBuilder pcapHeader(int magic, long snaplen, int linkType) {
        return u32(magic & 0xFFFF_FFFFL).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkType);
    }

    ByteBuilder pcapRecord(long seconds, long fraction, byte[] data, long originalLength) {
        return u32(seconds).u32(fraction).u32(data.length).u32(originalLength).bytes(data);
    }

    // ---- pcapng ----

    /** Appends a block: type, total length, body padded to 4, total length again. */
    ByteBuilder block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        int total = 12 + padded;
        return u32(type).u32(total).bytes(body).zeros(padded - body.length).u32(total);
    }

    /** A Section Header Block in this builder's current byte order (call {@link #order} first). */
    ByteBuilder shb() {
        return block(PcapngReader.SECTION_HEADER, body().u32(0x1A2B3C4D).u16(1).u16(0).u64(-1).build());
    }

    ByteBuilder idb(int linkType, long snaplen, byte[]... options) {
        ByteBuilder b = body().u16(linkType).u16(0).u32(snaplen);
        return block(PcapngReader.INTERFACE_DESCRIPTION, withOptions(b, options));
    }

    ByteBuilder epb(int interfaceId, long timestamp, byte[] data, long originalLength, byte[]... options) {
        ByteBuilder b = body().u32(interfaceId).u32(timestamp >>> 32).u32(timestamp).u32(data.length)
                .u32(originalLength).bytes(data).pad4();
        return block(PcapngReader.ENHANCED_PACKET, withOptions(b, options));
    }

    /** Obsolete Packet Block (type 2): 16-bit interface id and drops count. */
    ByteBuilder packetBlock(int interfaceId, int drops, long timestamp, byte[] data, long originalLength) {
        ByteBuilder b = body().u16(interfaceId).u16(drops).u32(timestamp >>> 32).u32(timestamp)
                .u32(data.length).u32(originalLength).bytes(data).pad4();
        return block(PcapngReader.PACKET, b.build());
    }

    ByteBuilder spb(long originalLength, byte[] data) {
        return block(PcapngReader.SIMPLE_PACKET, body().u32(originalLength).bytes(data).build());
    }

    /** A new builder in this one's byte order, for a block body. */
    ByteBuilder body() {
        return new ByteBuilder().order(bigEndian);
    }

    byte[] option(int code, byte[] value) {
        return body().u16(code).u16(value.length).bytes(value).pad4().build();
    }

    byte[] comment(String text) {
        return option(1, text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] tsresol(int value) {
        return option(9, new byte[] {(byte) value});
    }

    byte[] tsoffset(long seconds) {
        return option(14, body().u64(seconds).build());
    }

    private byte[] withOptions(ByteBuilder b, byte[]... options) {
        if (options.length == 0) {
            return b.build();
        }
        for (byte[] o : options) {
            b.bytes(o);
        }
        return b.u16(0).u16(0).build(); // opt_endofopt
    }

}
