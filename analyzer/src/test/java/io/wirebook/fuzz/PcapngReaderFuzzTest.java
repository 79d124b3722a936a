package io.wirebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The pcapng reader on any bytes (see {@link ReaderChecks}): sections, interfaces and their options,
 * resolutions, comments, every block type. Seeds: the small bundled .pcapng files (fuzz-seeds.sh).
 */
class PcapngReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void pcapng(byte[] input) throws Exception {
        ReaderChecks.read(input);
    }
}
