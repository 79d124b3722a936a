package io.wirebook;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs, for tests of what happens when a file system fills up: a real ENOSPC part way through a
 * write, as a user meets it on a full disk. Mounting needs root. Where the tests run as root (CI) a failed
 * mount fails the test; elsewhere a test that needs one is skipped with a message saying why.
 */
public final class SmallTmpfs implements AutoCloseable {
    public final Path dir;

    private SmallTmpfs(Path dir) {
        this.dir = dir;
    }

    private static boolean mayMount() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: "1m") on {@code dir}, which is created. */
    public static SmallTmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        assumeTrue(mayMount(), "mounting a tmpfs needs root (run the tests as root, as CI does)");
        Files.createDirectories(dir);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        if (out != null) {
            fail("cannot mount a " + size + " tmpfs on " + dir + " (the test needs root and mount(8)): " + out);
        }
        return new SmallTmpfs(dir);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", dir.toString());
        if (out != null) {
            fail("cannot unmount the tmpfs on " + dir + ": " + out);
        }
    }

    /** Runs the command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out.strip();
    }
}
