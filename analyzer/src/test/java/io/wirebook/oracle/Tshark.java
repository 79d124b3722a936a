package io.wirebook.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * tshark (and editcap) run as the oracle, live: with an empty profile, LC_ALL=C.UTF-8 and TZ=UTC, as
 * {@code captures/tshark-references.sh} runs them, so a user's preferences cannot change the answer.
 */
public final class Tshark {
    private Tshark() {}

    private static Path profile;

    private static synchronized Path profile() {
        if (profile == null) {
            try {
                profile = Files.createTempDirectory("wirebook-tshark-profile-");
                profile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return profile;
    }

    /** Runs {@code tshark ARGS}; its standard output as bytes (it must exit 0). */
    public static byte[] run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tshark"));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** Runs {@code editcap ARGS} (it must exit 0). */
    public static void editcap(String... args) {
        List<String> cmd = new ArrayList<>(List.of("editcap"));
        cmd.addAll(List.of(args));
        exec(cmd);
    }

    /** {@code tshark -q -r FILE -z follow,tcp,MODE,N}: what tshark's Follow TCP Stream prints, as text. */
    public static String follow(Path capture, String mode, int stream) {
        return new String(run("-q", "-r", capture.toString(), "-z", "follow,tcp," + mode + "," + stream),
                StandardCharsets.ISO_8859_1);
    }

    /** One line per frame: {@code fields} of every frame that matches {@code filter}, tab-separated. */
    public static List<String[]> fields(Path capture, String filter, String... fields) {
        List<String> a = new ArrayList<>(List.of("-n", "-r", capture.toString(), "-T", "fields", "-E", "occurrence=f"));
        if (filter != null) {
            a.addAll(List.of("-Y", filter));
        }
        for (String f : fields) {
            a.addAll(List.of("-e", f));
        }
        List<String[]> rows = new ArrayList<>();
        for (String l : new String(run(a.toArray(String[]::new)), StandardCharsets.UTF_8).split("\n")) {
            if (!l.isEmpty()) {
                rows.add(l.split("\t", -1));
            }
        }
        return rows;
    }

    private static byte[] exec(List<String> cmd) {
        try {
            Path err = Files.createTempFile("wirebook-oracle-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
                Map<String, String> env = pb.environment();
                env.put("LC_ALL", "C.UTF-8");
                env.put("TZ", "UTC");
                env.put("WIRESHARK_CONFIG_DIR", profile().toString());
                env.put("XDG_CONFIG_HOME", profile().toString());
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
                assertEquals(0, p.exitValue(), cmd + ": " + Files.readString(err));
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
