package io.wirebook.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark as the reference outputs are made (captures/tshark-references.sh): one pass, an empty
 * profile, C.UTF-8 and UTC, the same pinned preferences.
 */
final class Tshark {
    private Tshark() {}

    private static final List<String> PREFS = List.of("-o", "tcp.relative_sequence_numbers:TRUE",
            "-o", "tcp.analyze_sequence_numbers:TRUE", "-o", "tcp.calculate_timestamps:TRUE",
            "-o", "tcp.check_checksum:FALSE", "-o", "udp.check_checksum:FALSE", "-o", "ip.check_checksum:FALSE");

    /** The frame numbers {@code tshark -r CAPTURE -Y FILTER -T fields -e frame.number} prints. */
    static List<Long> frames(Path capture, String filter) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("wirebook-tshark");
        try {
            List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
            cmd.addAll(PREFS);
            cmd.addAll(List.of("-Y", filter, "-T", "fields", "-e", "frame.number"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("TZ", "UTC");
            pb.environment().put("WIRESHARK_CONFIG_DIR", profile.toString());
            pb.environment().put("XDG_CONFIG_HOME", profile.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tshark failed on " + capture + " -Y " + filter + " (exit " + p.exitValue() + ")");
            }
            List<Long> frames = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    frames.add(Long.parseLong(line.trim()));
                }
            }
            return frames;
        } finally {
            Files.deleteIfExists(profile);
        }
    }
}
