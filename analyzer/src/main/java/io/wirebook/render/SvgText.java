package io.wirebook.render;

/**
 * Text and numbers for SVG written by hand. Every string that came from a capture or a call log is
 * untrusted: {@link #escape} keeps only the characters XML 1.0 allows (section 2.2: tab, newline, carriage
 * return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF, so no other control character and no lone
 * surrogate) and escapes the five markup characters, so no value can end an element, open a CDATA section
 * or a comment, or bring a script in. Numbers are written with one fixed decimal and no locale, so the same
 * drawing gives the same bytes everywhere.
 */
final class SvgText {
    private SvgText() {}

    /** Appends {@code s} as XML character data or attribute value; tab, CR and LF become spaces. */
    static StringBuilder escape(StringBuilder sb, String s) {
        if (s == null) {
            return sb;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\t', '\n', '\r' -> sb.append(' ');
                default -> {
                    if (allowed(cp)) {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb;
    }

    /** True for XML 1.0's Char production without tab, CR and LF (handled before); lone surrogates are out. */
    static boolean allowed(int cp) {
        return cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    /**
     * The first {@code max} allowed characters of {@code s}, with an ellipsis when some were cut (control
     * characters dropped first, so they take no room and no surrogate pair is split).
     */
    static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max + 1));
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                cp = ' ';
            } else if (!allowed(cp)) { // a lone surrogate comes back from codePointAt as itself: not allowed
                continue;
            }
            if (n == max) {
                sb.setLength(sb.offsetByCodePoints(0, max - 1));
                return sb.append('\u2026').toString();
            }
            sb.appendCodePoint(cp);
            n++;
        }
        return sb.toString();
    }

    /** {@code v} rounded to one decimal, e.g. {@code 12.0}, {@code -3.5}; never an exponent or a comma. */
    static StringBuilder num(StringBuilder sb, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            sb.append('-');
            tenths = -tenths;
        }
        return sb.append(tenths / 10).append('.').append(tenths % 10);
    }

    static String num(double v) {
        return num(new StringBuilder(8), v).toString();
    }

    /** Monospace text width for the layout: DejaVu Sans Mono and its kin advance 0.6 em per character. */
    static double width(String s, double fontSize) {
        return s.codePointCount(0, s.length()) * fontSize * 0.6;
    }
}
