package io.wirebook.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command line that started this process, without its arguments: the java binary, every JVM
 * option, and {@code -jar JAR} (or {@code -cp PATH MAIN}). When {@code bench} is run through the launcher
 * ({@code ./wirebook bench}), that is exactly the launcher's command for any Wirebook run (java,
 * {@code -Dwirebook.home}, its default options, {@code WIREBOOK_JAVA_OPTS}, {@code -jar wirebook.jar}): so
 * the launcher stays the one place that says how Wirebook is started, and a change to its JVM options is
 * benchmarked with no change here.
 */
public final class ThisJava {
    private ThisJava() {}

    public static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String classPath = System.getProperty("java.class.path", "");
        // sun.java.command is "JAR ARGS..." after -jar JAR, "MAIN ARGS..." after -cp PATH MAIN.
        String launched = System.getProperty("sun.java.command", "");
        String first = launched.split(" ", 2)[0];
        if (!classPath.isEmpty() && classPath.equals(first) && classPath.endsWith(".jar")) {
            cmd.add("-jar");
            cmd.add(classPath);
        } else {
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(first);
        }
        return cmd;
    }
}
