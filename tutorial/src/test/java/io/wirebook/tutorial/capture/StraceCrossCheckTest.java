package io.wirebook.tutorial.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirebook.calls.CallLogJson;
import io.wirebook.calls.LogEntry;
import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.Wirebook;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket-call log is only worth showing if it is what the program really asked of the kernel. This
 * runs {@code wirebook capture --scenario NAME --record DIR} under
 * {@code strace -f -e trace=network,read,write,close,epoll_wait} and requires every call recorded in
 * {@code DIR/NAME.calls.jsonl} to match a system call of the same name, on the same file descriptor,
 * entered within the recorded [ts, end_ts] (strace's clock is CLOCK_REALTIME too, in microseconds), with
 * the same errno. The capture's own system calls are traced too, on descriptors no recorded call names.
 */
class StraceCrossCheckTest {
    /** {@code PID SECONDS.MICROS name(args...} with either the result or {@code <unfinished ...>}. */
    private static final Pattern ENTRY = Pattern.compile("^(\\d+)\\s+(\\d+)\\.(\\d{6})\\s+(\\w+)\\((.*)$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+\\d+\\.\\d+\\s+<\\.\\.\\. (\\w+) resumed>(.*)$");
    private static final Pattern RESULT = Pattern.compile("=\\s+(-?\\d+)(?:\\s+(E[A-Z]+))?");

    @TempDir
    Path tmp;

    private static final class Syscall {
        long micros;
        String name;
        String fd;
        String result = "";
        String errno;
    }

    private static boolean canCapture() {
        return "root".equals(System.getProperty("user.name")) || System.getenv("CI") != null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"handshake", "refused", "half-close", "udp-unreachable", "close-refcount", "listen-autobind"})
    void everyRecordedCallIsARealSystemCall(String scenario) throws Exception {
        assumeTrue(canCapture(), "wirebook capture --scenario needs root or CAP_NET_RAW + CAP_NET_ADMIN");
        Path trace = tmp.resolve(scenario + ".strace");
        Path recorded = tmp.resolve("recorded");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("strace", "-f", "-ttt", "-e", "trace=network,read,write,close,epoll_wait,dup", "-o", trace.toString(),
                java, "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Wirebook.class.getName(), "capture", "--scenario", scenario, "--record", recorded.toString())
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "strace run did not finish");
        assertEquals(0, p.exitValue(), "wirebook capture under strace: " + Files.readString(tmp.resolve("stderr.txt")));
        String jsonl = Files.readString(recorded.resolve(scenario + ".calls.jsonl"));

        List<Syscall> syscalls = parse(Files.readAllLines(trace));
        List<SocketCall> calls = new ArrayList<>();
        for (LogEntry e : CallLogJson.read(new StringReader(jsonl))) {
            if (e instanceof SocketCall c) {
                calls.add(c);
            }
        }
        assertTrue(calls.size() >= 5, "too few calls recorded: " + calls.size());
        Set<Syscall> used = new HashSet<>();
        List<String> unmatched = new ArrayList<>();
        for (SocketCall c : calls) {
            long lo = micros(c.ts()) - 2, hi = micros(c.endTs()) + 2;
            Syscall match = null;
            for (Syscall s : syscalls) {
                if (used.contains(s) || !sameCall(c.call(), s.name) || s.micros < lo || s.micros > hi) {
                    continue;
                }
                String fd = c.arg("fd");
                // A socket() that failed has no descriptor: strace shows -1.
                boolean fdOk = c.call().equals("socket") ? s.result.equals(fd == null ? "-1" : fd)
                        : c.call().equals("epoll_wait") || fd == null || fd.equals(s.fd);
                if (fdOk) {
                    match = s;
                    break;
                }
            }
            if (match == null) {
                unmatched.add(c.toString());
                continue;
            }
            used.add(match);
            if (c.errno() != null && !"EINPROGRESS".equals(c.errno()) || match.errno != null) {
                assertEquals(c.errno(), match.errno, "errno of " + c);
            }
        }
        assertTrue(unmatched.isEmpty(), scenario + ": recorded calls strace did not see:\n  " + String.join("\n  ", unmatched));
    }

    private static boolean sameCall(String recorded, String syscall) {
        return recorded.equals(syscall) || recorded.equals("accept") && syscall.equals("accept4");
    }

    private static long micros(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static List<Syscall> parse(List<String> lines) {
        List<Syscall> out = new ArrayList<>();
        Map<String, Syscall> pending = new HashMap<>();
        for (String line : lines) {
            Matcher m = RESUMED.matcher(line);
            if (m.matches()) {
                Syscall s = pending.remove(m.group(1));
                if (s != null) {
                    result(s, m.group(3));
                }
                continue;
            }
            m = ENTRY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Syscall s = new Syscall();
            s.micros = Long.parseLong(m.group(2)) * 1_000_000L + Long.parseLong(m.group(3));
            s.name = m.group(4);
            String rest = m.group(5);
            String first = rest.replace(" <unfinished ...>", "").split("[,)]", 2)[0].trim();
            s.fd = first.matches("\\d+") ? first : null;
            if (rest.endsWith("<unfinished ...>")) {
                pending.put(m.group(1), s);
            } else {
                result(s, rest);
            }
            out.add(s);
        }
        return out;
    }

    private static void result(Syscall s, String tail) {
        Matcher r = RESULT.matcher(tail.substring(Math.max(0, tail.lastIndexOf(") ="))));
        if (r.find()) {
            s.result = r.group(1);
            s.errno = r.group(2);
        }
    }
}
