package io.wirebook.cli;

import io.wirebook.render.TerminalText;

/**
 * A line for standard error made safe for a terminal: a file name, an interface name, a scenario name or a
 * reason quoted from a capture can hold escape sequences ({@code read $'\e]2;owned\a.pcap'}), so every
 * character that could act on the terminal is shown as an escape ({@code \x1b}), as tcpdump and tshark
 * show them. The line's own end comes from {@code println}, never from the text.
 */
public final class ErrorLine {
    private ErrorLine() {}

    public static String of(String line) {
        return TerminalText.escape(line);
    }
}
