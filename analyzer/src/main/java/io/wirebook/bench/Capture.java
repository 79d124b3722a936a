package io.wirebook.bench;

import java.nio.file.Path;

/**
 * One capture the commands run on.
 *
 * @param label   its name in the table, e.g. {@code 1M pcap}
 * @param path    the file
 * @param packets frames in it
 * @param bytes   its size
 */
public record Capture(String label, Path path, long packets, long bytes) {}
