package io.wirebook.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import io.wirebook.decode.FieldSpan;
import io.wirebook.decode.FieldSpans;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;

/**
 * {@link PacketDecoder} on any frame under every link type it knows (and one it does not): no exception,
 * every field span inside the captured bytes, and bounded allocation and (when fuzzing) time per frame,
 * whatever lengths the headers claim.
 *
 * <p>Input: byte 0 picks the link type ({@link #LINKS}), byte 1 how much longer the packet was on the wire
 * than captured (in 256-byte steps: snaplen cuts), the rest is the frame. Seeds: frames of the bundled
 * captures (fuzz-seeds.sh).
 */
class FrameDecoderFuzzTest {
    static final int[] LINKS = {LinkType.EN10MB, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
            LinkType.LOOP, LinkType.RAW, LinkType.DLT_RAW_12, LinkType.DLT_RAW_14, LinkType.IPV4, LinkType.IPV6, 147};
    /** A damaged packet may allocate its reason (a sentence) and little more. */
    static final long BYTES_PER_FRAME = 16 * 1024;
    static final long NANOS_PER_FRAME = 2_000_000;

    private static final PacketDecoder DECODER = new PacketDecoder();
    private static final Packet PACKET = new Packet();

    /** The frame an input describes, as fuzz-seeds.sh encodes it. */
    static Frame frame(byte[] input) {
        Frame f = new Frame();
        f.number = 1;
        f.linkType = input.length > 0 ? LINKS[(input[0] & 0xff) % LINKS.length] : LinkType.EN10MB;
        f.data = input;
        f.offset = Math.min(2, input.length);
        f.capturedLength = input.length - f.offset;
        f.originalLength = f.capturedLength + (input.length > 1 ? (input[1] & 0xff) * 256 : 0);
        return f;
    }

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) throws Exception {
        Frame f = frame(input);
        long allocated = Bounds.measured("decoding a " + f.capturedLength + "-byte frame", NANOS_PER_FRAME,
                () -> DECODER.decode(f, PACKET));
        assertTrue(allocated <= BYTES_PER_FRAME,
                allocated + " bytes allocated decoding a " + f.capturedLength + "-byte frame");
        for (FieldSpan s : FieldSpans.of(PACKET)) {
            assertTrue(s.offset() >= 0 && s.length() >= 0 && s.end() <= f.capturedLength,
                    s + " lies inside the " + f.capturedLength + " captured bytes");
        }
        if (PACKET.malformed != null) {
            TextChecks.terminalSafe("malformed reason", PACKET.malformed.toString());
        }
    }
}
