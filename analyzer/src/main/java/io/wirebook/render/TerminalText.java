package io.wirebook.render;

/**
 * Text from a capture or from the user (a file name, a pcapng comment, payload bytes shown as text) made
 * safe for a terminal: control characters (C0, DEL, C1) and the bidirectional overrides that can make a
 * line read other than it is (Trojan Source, CVE-2021-42574), and the line and paragraph separators
 * (U+2028, U+2029, line ends to some terminals and editors), become visible escapes ({@code \x1b},
 * {@code \u202e}), so no escape sequence from a capture reaches the terminal.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code s} with every unsafe character escaped. */
    public static String escape(CharSequence s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s.toString() : sb.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
