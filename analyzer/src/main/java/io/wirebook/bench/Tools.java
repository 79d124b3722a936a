package io.wirebook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands a bench run measures on each capture: Wirebook's, given the java command line that runs
 * Wirebook, and the reference tools found on {@code PATH}.
 */
public final class Tools {
    private Tools() {}

    /** Wirebook's commands, each a whole process started as the launcher starts it ({@code wirebook} + ARGS). */
    public static List<Command> wirebook(List<String> java) {
        return List.of(
                wirebook(java, "wirebook read", Row.Kind.WIREBOOK, "read", Command.FILE),
                wirebook(java, "wirebook read --format jsonl", Row.Kind.WIREBOOK, "read", "--format", "jsonl", Command.FILE),
                wirebook(java, "wirebook conversations", Row.Kind.WIREBOOK, "conversations", Command.FILE),
                wirebook(java, "wirebook decode only", Row.Kind.DECODE, "bench", "--decode-pass", Command.FILE));
    }

    /** {@code wirebook read} of the tiny capture: what starting costs. */
    public static Command startup(List<String> java) {
        return wirebook(java, "wirebook read (start-up)", Row.Kind.STARTUP, "read", Command.FILE);
    }

    private static Command wirebook(List<String> java, String label, Row.Kind kind, String... args) {
        List<String> argv = new ArrayList<>(java);
        argv.addAll(List.of(args));
        return new Command(label, kind, argv, Map.of(), null, false);
    }

    /** A reference tool: the program, its label and short name, and whether it is one of the slow ones. */
    private record Reference(String program, String label, String shortName, boolean slow, Map<String, String> env,
            List<String> args) {
        /** {@code --quick} leaves out tshark's plain print: no target is set against it, and it takes long. */
        boolean inQuick() {
            return !shortName.equals("tshark");
        }
    }

    private static final List<Reference> REFERENCES = List.of(
            new Reference("cat", "cat", "cat", false, Map.of(), List.of(Command.FILE)),
            // TZ=UTC: tcpdump prints local times; the zone's rules are not what is being measured.
            new Reference("tcpdump", "TZ=UTC tcpdump -nn -r", "tcpdump", false, Map.of("TZ", "UTC"),
                    List.of("-nn", "-r", Command.FILE)),
            new Reference("tshark", "tshark -n -r", "tshark", true, Map.of(), List.of("-n", "-r", Command.FILE)),
            new Reference("tshark", "tshark -n -q -r -z conv,tcp", "tshark conv", true, Map.of(),
                    List.of("-n", "-q", "-r", Command.FILE, "-z", "conv,tcp")),
            new Reference("tshark", "tshark expert (-Y tcp.analysis.flags)", "tshark expert", true, Map.of(),
                    List.of("-n", "-r", Command.FILE, "-Y", "tcp.analysis.flags", "-T", "fields", "-e", "frame.number")));

    /**
     * The reference tools installed here, looked up on {@code path} (a PATH value), all of them or those
     * of {@code --quick}; {@code skipped} receives one line for each program that is not there.
     */
    public static List<Command> references(String path, boolean quick, List<String> skipped) {
        List<Command> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Reference r : REFERENCES) {
            if (quick && !r.inQuick()) {
                continue;
            }
            Path exe = find(r.program, path);
            if (exe == null) {
                if (!missing.contains(r.program)) {
                    missing.add(r.program);
                    skipped.add(r.program + " is not installed (not on PATH): its commands are skipped");
                }
                continue;
            }
            List<String> argv = new ArrayList<>();
            argv.add(exe.toString());
            argv.addAll(r.args);
            out.add(new Command(r.label, Row.Kind.REFERENCE, argv, r.env, r.shortName, r.slow));
        }
        return out;
    }

    /** The first executable {@code program} in the directories of {@code path}, or null. */
    public static Path find(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
