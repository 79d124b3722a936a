package io.wirebook.render;

/**
 * Escapes text for HTML and XHTML, in element content and in quoted attribute values alike: the five
 * characters with a meaning in markup ({@code & < > " '}) become references, and control characters,
 * unpaired surrogates and the non-characters U+FFFE and U+FFFF (which XML forbids, and a control character a
 * terminal would obey) become U+FFFD, so nothing from a capture can open a tag, end an attribute or start
 * an escape sequence.
 */
final class Html {
    private Html() {}

    static StringBuilder escape(StringBuilder out, CharSequence s) {
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default:
                    boolean forbidden = (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)
                            || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF;
                    out.appendCodePoint(forbidden ? 0xFFFD : cp);
                    break;
            }
        }
        return out;
    }
}
