package io.wirebook.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What the command line says to a word that is not a command: the closest command's name when the word
 * looks like a slip of the fingers ({@code raed}: "did you mean read?"), and {@code wirebook read FILE} when
 * the word is a capture file given without a command, as {@code tcpdump -r} users type it. picocli's own
 * suggestion ranks by shared letters ({@code raed} got "generate"); this one by edit distance with swapped
 * neighbours counted as one edit (optimal string alignment), the commonest typing slip. Every other
 * parameter error goes to picocli's handler.
 */
final class Suggestions implements CommandLine.IParameterExceptionHandler {
    private final CommandLine.IParameterExceptionHandler fallback;

    Suggestions(CommandLine.IParameterExceptionHandler fallback) {
        this.fallback = fallback;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) throws Exception {
        CommandLine cl = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || cl.getParent() != null
                || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
            return fallback.handleParseException(ex, args);
        }
        String word = u.getUnmatched().get(0);
        PrintWriter err = cl.getErr();
        if (looksLikeCapture(word)) {
            err.println("wirebook: '" + io.wirebook.render.TerminalText.escape(word) + "' is not a command; to read the capture: wirebook read "
                    + io.wirebook.render.TerminalText.escape(word));
        } else {
            List<String> close = closest(word, new ArrayList<>(cl.getSubcommands().keySet()));
            err.println("wirebook: '" + io.wirebook.render.TerminalText.escape(word) + "' is not a command" + (close.isEmpty() ? ""
                    : "; did you mean " + String.join(" or ", close) + "?"));
            err.println("Commands: " + String.join(", ", cl.getSubcommands().keySet()) + " (wirebook --help says more)");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** An existing file, or a name a capture file has. */
    static boolean looksLikeCapture(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        if (w.endsWith(".pcap") || w.endsWith(".pcapng") || w.endsWith(".cap") || w.endsWith(".pcap.gz")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(word));
        } catch (RuntimeException e) {
            return false; // not a path at all
        }
    }

    /** The names nearest to {@code word}, if near enough to be a slip: at most 2 edits, and fewer than half its letters. */
    static List<String> closest(String word, List<String> names) {
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), n);
            if (d > 2 || d * 2 >= Math.max(word.length(), 2)) {
                continue;
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) {
                out.add(n);
            }
        }
        return out;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
