package io.wirebook.fuzz;

import io.wirebook.StrictJson;

/** The output invariants of the fuzz targets: text safe for a terminal, JSON Lines strict. */
final class TextChecks {
    private TextChecks() {}

    /**
     * Fails when {@code text} holds a character that must not reach a terminal raw: C0 controls other than
     * newline (and tab, and a carriage return before a newline, which tcpdump and tshark also print), DEL, C1 controls, the line and paragraph
     * separators, and the bidirectional controls that make a line read other than it is.
     */
    static void terminalSafe(String what, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t' || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                    || c == 0x061c) {
                int from = Math.max(0, i - 40);
                throw new AssertionError(what + ": raw U+" + String.format("%04X", (int) c) + " at " + i + " after \""
                        + io.wirebook.render.TerminalText.escape(text.subSequence(from, i)) + "\"");
            }
        }
    }

    /**
     * Fails unless every line of {@code jsonl} is one strict JSON object, and the raw text carries no control
     * character at all (JSON allows DEL and C1 raw; we escape them, and U+2028/U+2029, as \\u).
     */
    static int jsonLines(String what, String jsonl) {
        int n = StrictJson.lines(jsonl).size();
        terminalSafe(what, jsonl);
        return n;
    }
}
