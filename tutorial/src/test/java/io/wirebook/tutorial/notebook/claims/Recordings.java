package io.wirebook.tutorial.notebook.claims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The frozen recordings of captures/scenarios as evidence, each loaded once per test run. */
final class Recordings {
    private Recordings() {}

    /** What the tests pretend the building machine's kernel says. */
    static final Map<String, String> KERNEL = Map.of("net.ipv4.tcp_fin_timeout", "60", "kernel.osrelease", "6.18.44-fc-v782");

    private static final Map<String, Evidence> LOADED = new ConcurrentHashMap<>();

    static Path dir() {
        return Paths.get(System.getProperty("wirebook.captures", "../captures")).resolve("scenarios");
    }

    static Evidence of(String scenario) {
        return LOADED.computeIfAbsent(scenario, s -> {
            try {
                return Evidence.load(dir(), s, KERNEL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
