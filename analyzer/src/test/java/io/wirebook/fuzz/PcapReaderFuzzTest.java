package io.wirebook.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The classic pcap reader on any bytes (see {@link ReaderChecks}). Seeds: the small bundled .pcap files
 * (fuzz-seeds.sh). Fuzzing mode: README, "Fuzzing".
 */
class PcapReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void pcap(byte[] input) throws Exception {
        ReaderChecks.read(input);
    }
}
