package io.wirebook.tutorial.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirebook.tutorial.Wirebook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wirebook capture --scenario NAME} prints the timeline while the scenario runs, a tick at a
 * time. What it printed live must be exactly what the same recording gives afterwards with
 * {@code --replay}: the live view only ever appends events that nothing later can change.
 */
class LiveTimelineTest {
    @TempDir
    Path tmp;

    private static boolean canCapture() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    private String wirebook(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 5];
        cmd[0] = java;
        cmd[1] = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
        cmd[2] = "-cp";
        cmd[3] = System.getProperty("java.class.path");
        cmd[4] = Wirebook.class.getName();
        System.arraycopy(args, 0, cmd, 5, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", args) + "\n" + out);
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @ValueSource(strings = {"handshake text", "zero-window text", "udp-unreachable jsonl"})
    void whatWasPrintedLiveIsTheTimelineOfTheRecording(String spec) throws Exception {
        assumeTrue(canCapture(), "live capture needs root or CAP_NET_RAW + CAP_NET_ADMIN");
        String[] s = spec.split(" ");
        String live = wirebook("capture", "--scenario", s[0], "--format", s[1], "--record", tmp.toString());
        String replay = wirebook("capture", "--scenario", s[0], "--format", s[1], "--replay", tmp.toString());
        assertTrue(live.length() > 500, live);
        assertTrue(live.contains(s[1].equals("text") ? "<- client" : "\"cause\":{\"side\":\"client\""), live);
        assertEquals(replay, live);
    }
}
