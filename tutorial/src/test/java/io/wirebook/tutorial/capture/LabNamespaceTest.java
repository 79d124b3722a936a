package io.wirebook.tutorial.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.LabLauncher;
import io.wirebook.calls.Recording;
import io.wirebook.calls.ScenarioRunner;
import io.wirebook.tutorial.Wirebook;
import io.wirebook.tutorial.demo.scenarios.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab's private network namespace: what it sets stays in it (the host's sysctls and nftables ruleset
 * are the same after a lab run), and where no namespace can be made (a process without CAP_SYS_ADMIN, as
 * for a user who is not root) a lab scenario is one clear line and exit 7, or its frozen recording with
 * {@code --fallback DIR}. CI runs as root, so both run there.
 */
class LabNamespaceTest {
    static String hostRuleset() throws Exception {
        Process p = new ProcessBuilder("nft", "list", "ruleset").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    @Timeout(60)
    void theLabsSettingsNeverReachTheHost() throws Exception {
        Path retries = Path.of("/proc/sys/net/ipv4/tcp_syn_retries");
        String before = Files.readString(retries), rules = hostRuleset();
        Recording r = ScenarioRunner.capturingOn("lo").withLabs(LabLauncher.of(Wirebook.class))
                .run(Scenarios.byName("syn-retries").orElseThrow());
        assertTrue(r.shown(), r.summary());
        assertTrue(r.log().stream().anyMatch(e -> e instanceof io.wirebook.calls.Note n
                && n.key().equals("sysctl.net.ipv4.tcp_syn_retries") && n.value().equals("2")), "the lab set it, in the lab");
        assertEquals(before, Files.readString(retries), "the host's tcp_syn_retries");
        assertEquals(rules, hostRuleset(), "the host's nftables ruleset");
        assertFalse(hostRuleset().contains("table inet lab"));
    }

    record Run(int code, String out, String err) {}

    /** The application with CAP_SYS_ADMIN dropped from its bounding set: root, but no namespace can be made. */
    static Run withoutNamespaces(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set=-sys_admin",
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                Wirebook.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("lab-out", ".txt"), err = Files.createTempFile("lab-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ends");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    @Timeout(120)
    void withoutANamespaceALabScenarioIsOneLineAndExitSevenOrItsRecording() throws Exception {
        Run refused = withoutNamespaces("capture", "--scenario", "syn-retries");
        assertEquals(7, refused.code(), refused.err());
        assertEquals("wirebook: syn-retries runs in a network namespace of its own, which cannot be made here"
                + " (unshare: unshare failed: Operation not permitted); run as root (--fallback DIR uses a recording instead)\n",
                refused.err());
        Path frozen = Path.of("../captures/scenarios").toAbsolutePath();
        Run fallback = withoutNamespaces("capture", "--scenario", "syn-retries", "--fallback", frozen.toString());
        assertEquals(0, fallback.code(), fallback.err());
        assertTrue(fallback.err().endsWith("; using its recording from " + frozen + "\n"), fallback.err());
        assertEquals(1, fallback.out().split("== syn-retries", -1).length - 1, "one heading: " + fallback.out());
        assertTrue(fallback.out().contains("connect(client, 127.0.0.1:5001) = -1 ETIMEDOUT"), fallback.out());
    }
}
