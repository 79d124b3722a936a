package io.wirebook.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    /** RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement), so the checksum is 220d. */
    @Test
    void rfc1071Example() {
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220D, InternetChecksum.finish(InternetChecksum.add(0, b, 0, b.length)));
    }

    /** The 8-bytes-at-a-time loop agrees with a plain 16-bit loop at every length and offset. */
    @Test
    void agreesWithAPlainLoopAtEveryLengthAndOffset() {
        SplittableRandom r = new SplittableRandom(7);
        byte[] b = new byte[300];
        r.nextBytes(b);
        for (int off = 0; off < 9; off++) {
            for (int len = 0; len + off <= b.length; len++) {
                long plain = 0;
                for (int i = 0; i + 1 < len; i += 2) {
                    plain += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
                }
                if ((len & 1) != 0) {
                    plain += (b[off + len - 1] & 0xFF) << 8;
                }
                assertEquals(InternetChecksum.finish(plain), InternetChecksum.finish(InternetChecksum.add(0, b, off, len)),
                        "offset " + off + " length " + len);
            }
        }
    }

    @Test
    void allOnesIsZeroAndNothingIsAllOnes() {
        assertEquals(0xFFFF, InternetChecksum.finish(0));
        assertEquals(0, InternetChecksum.finish(0xFFFF));
        assertEquals(0, InternetChecksum.finish(0xFFFF_FFFFL * 3 + 0xFFFFL * 0));
    }
}
