package io.wirebook.cli;

import picocli.CommandLine.Parameters;

/** The capture file a command reads, or {@code -} for standard input (a picocli mixin). */
final class InputFileParameter {
    @Parameters(index = "0", paramLabel = "FILE", description = "pcap or pcapng file; - reads standard input")
    String file;
}
