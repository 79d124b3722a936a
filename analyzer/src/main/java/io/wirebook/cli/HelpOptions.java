package io.wirebook.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} and {@code --version} for every command (a picocli mixin), instead of picocli's
 * standard {@code -hV}: {@code -V} is tcpdump's and tshark's verbose flag, which {@code read -V} gives its
 * meaning (the packet's field tree). The version is {@link Main.Version}'s on every command, set by
 * {@link Main}.
 */
public final class HelpOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print Wirebook's version and exit.")
    boolean version;
}
