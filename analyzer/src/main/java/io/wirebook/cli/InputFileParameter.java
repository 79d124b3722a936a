package io.wirebook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The capture files a command reads and the capture filter on them, as tcpdump users type them (a picocli
 * mixin): {@code read FILE [FILE...] [EXPRESSION]} or {@code read -r FILE [-r FILE...] [EXPRESSION]}.
 * Without {@code -r}, the first word is a file, and so is every following word that names an existing file
 * or ends like one ({@code .pcap}, {@code .pcapng}, {@code .cap}); the words after them are the filter
 * expression, joined with spaces as tcpdump joins its arguments. With {@code -r}, every word is the filter.
 */
final class InputFileParameter {
    @Option(names = "-r", paramLabel = "FILE",
            description = "Read this capture file (- for standard input), as tcpdump's -r. Give it again to read "
                    + "several files one after the other, frame numbers continuing (as mergecap -a would join them).")
    List<String> readOptions = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "pcap or pcapng file(s) (- reads standard input), then an optional capture filter in "
                    + "libpcap's syntax (man pcap-filter), as tcpdump takes it: wirebook read FILE 'tcp port 80'. "
                    + "Only the frames the filter accepts are decoded and analysed; they keep their frame numbers.")
    List<String> words = new ArrayList<>();

    /** The files, in order (after {@link #resolve}). */
    List<String> files = List.of();
    /** The first file: what messages about "the" input name. */
    String file;
    /** The capture filter expression, or null. */
    String filter;

    /**
     * Splits the words into files and filter.
     *
     * @return null, or the usage error to report
     */
    String resolve() {
        List<String> fs = new ArrayList<>(readOptions);
        int i = 0;
        if (fs.isEmpty()) {
            if (words.isEmpty()) {
                return "a capture file is required (FILE, or -r FILE)";
            }
            fs.add(words.get(0));
            i = 1;
            while (i < words.size() && isFile(words.get(i))) {
                fs.add(words.get(i++));
            }
        }
        files = List.copyOf(fs);
        file = files.get(0);
        String f = String.join(" ", words.subList(i, words.size())).strip();
        filter = f.isEmpty() ? null : f;
        if (files.size() > 1 && files.contains("-")) {
            return "standard input (-) can only be read alone, not with other files";
        }
        return null;
    }

    private static boolean isFile(String w) {
        String l = w.toLowerCase(Locale.ROOT);
        if (l.endsWith(".pcap") || l.endsWith(".pcapng") || l.endsWith(".cap") || l.endsWith(".pcap.gz")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(w));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
