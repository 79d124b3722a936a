package io.wirebook.filter;

import io.wirebook.TestCaptures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every real capture bundled: tcpdump's and Wireshark's test captures, the kernel and scenario recordings. */
final class BundledCaptures {
    private BundledCaptures() {}

    static List<Path> all() {
        try (Stream<Path> s = Files.walk(TestCaptures.root())) {
            return s.filter(f -> {
                String n = f.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && !TestCaptures.isSynthetic(f);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
