package io.wirebook.synth;

import java.util.SplittableRandom;

/**
 * The bytes payloads are cut from: one megabyte of random printable text, and the running sums of its 16-bit
 * words, so that the Internet checksum of any slice costs two array reads instead of a pass over the slice.
 *
 * <p>Measured with GenerateBenchmark: checksumming a million payloads of the response-size mix (2.1 GB) takes
 * 25 ms this way against 200 ms with the 8-bytes-at-a-time loop of {@link InternetChecksum}; over a whole
 * 10-million-packet capture of the natural mix (6.6 GB) the generator's CPU time went from 4.29 s to 4.04 s.
 * The one's-complement sum of a slice is the difference of two prefix sums because one's-complement addition
 * is ordinary addition folded at the end (RFC 1071 section 2). Slices start at even offsets, and payloads
 * start at even offsets in their TCP or UDP segment, so the pool's words are the segment's words.
 *
 * <p>Printable text rather than arbitrary bytes: tshark's heuristic dissectors (Thrift, LBM and others that
 * are on by default) claim about one random binary TCP stream in a thousand and then report it malformed;
 * none of them accepts text, and loopback payloads are mostly text (JSON, HTTP) anyway.
 */
final class PayloadPool {
    static final int SIZE = 1 << 20;

    final byte[] bytes = new byte[SIZE];
    /** {@code prefix[k]} is the sum of the first {@code k} big-endian 16-bit words. */
    private final long[] prefix = new long[SIZE / 2 + 1];

    PayloadPool(SplittableRandom rng) {
        for (int i = 0; i < SIZE; i++) {
            bytes[i] = (byte) (' ' + rng.nextInt(95));
        }
        for (int w = 0; w < SIZE / 2; w++) {
            prefix[w + 1] = prefix[w] + (((bytes[2 * w] & 0xFF) << 8) | (bytes[2 * w + 1] & 0xFF));
        }
    }

    /** A random even offset where a slice of {@code length} bytes fits. */
    int offset(SplittableRandom rng, int length) {
        return rng.nextInt((SIZE - length) >>> 1) << 1;
    }

    /** The unfolded one's-complement sum of {@code bytes[offset .. offset + length)}; {@code offset} is even. */
    long sum(int offset, int length) {
        assert (offset & 1) == 0 : "odd pool offset " + offset;
        int words = length >>> 1;
        long s = prefix[(offset >>> 1) + words] - prefix[offset >>> 1];
        if ((length & 1) != 0) {
            s += (bytes[offset + length - 1] & 0xFF) << 8; // odd last byte, padded with zero
        }
        return s;
    }
}
