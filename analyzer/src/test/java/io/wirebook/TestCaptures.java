package io.wirebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the bundled captures are (captures/ at the repository root) and which ones there are. */
public final class TestCaptures {
    private TestCaptures() {}

    public static Path root() {
        String p = System.getProperty("wirebook.captures");
        Path root = p != null ? Paths.get(p) : Paths.get("..", "captures");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("captures directory not found: " + root.toAbsolutePath());
        }
        return root.normalize();
    }

    public static Path get(String relative) {
        return root().resolve(relative);
    }

    /** Every .pcap and .pcapng under captures/, in path order. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .pcap and .pcapng under captures/ (third-party/, kernel/, the lab scenarios of scenarios/...) that has a tshark fields reference. */
    public static List<Path> withTsharkReference() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(f -> {
                String n = f.getFileName().toString();
                return (n.endsWith(".pcap") || n.endsWith(".pcapng")) && reference(f, "tshark-fields.tsv") != null;
            }).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NAME.suffix (or NAME.suffix.gz) beside NAME.pcap / NAME.pcapng, or null when there is neither. */
    public static Path reference(Path capture, String suffix) {
        String n = capture.getFileName().toString();
        String base = n.substring(0, n.lastIndexOf('.'));
        Path plain = capture.resolveSibling(base + "." + suffix);
        if (Files.exists(plain)) {
            return plain;
        }
        Path gz = capture.resolveSibling(base + "." + suffix + ".gz");
        return Files.exists(gz) ? gz : null;
    }

    /** A reference file's text, gunzipped when its name ends in .gz. */
    public static String readReference(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
                b = in.readAllBytes();
            }
        }
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** True for the big generated captures under synthetic/, which have no golden renderings. */
    public static boolean isSynthetic(Path capture) {
        return name(capture).startsWith("synthetic/");
    }

    /** Path relative to the captures root, with forward slashes: the name tests and exception files use. */
    public static String name(Path capture) {
        return root().relativize(capture.normalize()).toString().replace('\\', '/');
    }
}
