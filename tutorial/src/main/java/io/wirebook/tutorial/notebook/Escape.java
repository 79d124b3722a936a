package io.wirebook.tutorial.notebook;

/**
 * Text from a capture or a call log is untrusted (payloads, comments, argument strings): every output
 * format gets it through one of these, never raw.
 */
public final class Escape {
    private Escape() {}

    /** HTML and XML text or attribute value: {@code & < > " '} as entities, control characters dropped. */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append('\uFFFD'); // a lone surrogate cannot be encoded
                        }
                    } else if (c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c < 0xA0 || c == '\uFFFE' || c == '\uFFFF') {
                        sb.append('\uFFFD'); // control characters: shown as a replacement, never passed on
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * One GFM table cell: Markdown's punctuation backslash-escaped, {@code |} too, {@code <} and {@code &} as
     * entities (so no raw HTML reaches a Git forge's renderer), line breaks and control characters as spaces.
     */
    public static String markdownCell(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else if (c == '&') {
                sb.append("&amp;");
            } else if ("\\`*_[]|~!".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F && c < 0xA0) {
                sb.append(' ');
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    sb.append(c).append(s.charAt(++i));
                } else {
                    sb.append('\uFFFD');
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A fenced code block holding {@code text} verbatim: the fence is longer than any run of backticks in
     * the text, and control characters (terminal escapes) are replaced.
     */
    public static String markdownCode(String text, String info) {
        int longest = 0, run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        StringBuilder sb = new StringBuilder(text.length() + 32).append(fence).append(info).append('\n');
        sb.append(plain(text));
        if (!text.endsWith("\n")) {
            sb.append('\n');
        }
        return sb.append(fence).append('\n').toString();
    }

    /**
     * Plain text for a terminal, a code block or a notebook's text output: control characters other than
     * newline and tab, and lone surrogates (which no encoder can write), replaced.
     */
    public static String plain(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c < 0xA0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
