package io.wirebook.cli;

import java.util.List;

/**
 * The command line without demo scenarios as a process of its own, for the tests that run wirebook as a
 * user does (a real pipe, a signal). The application's entry point is {@code io.wirebook.tutorial.Wirebook}.
 */
public final class AnalyzerOnlyMain {
    private AnalyzerOnlyMain() {}

    public static void main(String[] args) {
        System.exit(Main.run(List::of, args));
    }
}
