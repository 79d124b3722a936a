package io.wirebook.jsonl;

import io.wirebook.text.EncodedStrings;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes JSON straight into a byte buffer, the bytes Jackson's UTF-8 generator would write for the same
 * calls (as {@link JsonLines} configures it: no separators, no pretty printer, default escaping).
 *
 * <p>Hand-written for measured speed: on a 1M-packet capture, Jackson's generator took three quarters of
 * {@code wirebook read --format jsonl} (each field name escaped char by char, each value checked against
 * the writing context, each address and timestamp made a String first). Here a name is copied as bytes,
 * numbers are written as digits in place, and the only per-char work is the escaping of string values.
 * Escaping follows Jackson 2's defaults: {@code "} and {@code \} get a backslash; the control characters
 * below 0x20 their short forms ({@code \b \t \n \f \r}) or {@code \}{@code u00XX} with upper-case hex;
 * other chars are written as UTF-8, except surrogates, each of which becomes {@code \}{@code uXXXX} (so a
 * character beyond the BMP is two escapes, as Jackson 2 writes bytes), and the chars that {@link JsonLines}'
 * escapes add so that no capture text acts on a terminal (DEL, C1, U+2028/U+2029, bidirectional controls). {@code JsonBytesTest} compares the two
 * on every char.
 *
 * <p>Commas go where Jackson puts them: before every field or element but the first of its object or array.
 * Nothing checks that the calls make valid JSON; the writers that use this are the schema.
 */
public final class JsonBytes implements JsonOut {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Per ASCII char: 0 written as itself, else the letter of its short escape, or 'u' for \\u00XX. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE[0x7f] = 'u'; // DEL, as JsonLines' escapes: text from a capture must not act on a terminal
    }

    /** {@link #ESCAPE} by unsigned byte, and 1 for every byte beyond ASCII: one table for {@link #line}'s scan. */
    private static final byte[] PLAIN_OR_NOT = new byte[256];

    static {
        System.arraycopy(ESCAPE, 0, PLAIN_OR_NOT, 0, 128);
        java.util.Arrays.fill(PLAIN_OR_NOT, 128, 256, (byte) 1);
    }

    /**
     * The chars beyond ASCII that {@link JsonLines}' escapes write as backslash-u: the C1 controls, the
     * Arabic letter mark, the line and paragraph separators and the bidirectional controls.
     */
    private static boolean escapedAboveAscii(char c) {
        return c < 0xa0 || c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    /** Room that every single write below may take without a check of its own (a number, a name). */
    private static final int SLACK = 512;

    private final OutputStream out;
    private final byte[] buf;
    private int n;
    /** Whether the next field or element needs a comma before it. */
    private boolean comma;

    /** @param bufferSize bytes buffered before they go to {@code out} (at least 4 KiB) */
    public JsonBytes(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 4096)];
    }

    /** Makes room for {@code more} bytes, draining the buffer when needed (more must be at most SLACK). */
    private void room(int more) throws IOException {
        if (n + more > buf.length) {
            drain();
        }
    }

    private void drain() throws IOException {
        int len = n;
        n = 0; // emptied first, as Utf8Sink does: a failed write is not sent again by a later flush
        out.write(buf, 0, len);
    }

    /** {@code "name":} of the names written before, and {@code "value"} (escaped) of string values, by identity. */
    private static final EncodedStrings NAMES = new EncodedStrings(1 << 9);
    private static final EncodedStrings VALUES = new EncodedStrings(1 << 9);

    /** {@code ,"name":} (the comma when needed); names are ASCII literals, copied with no escaping. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a plain copy for ASCII
    private void name(String name) throws IOException {
        byte[] q = NAMES.get(name);
        if (q != null) {
            room(q.length + 2); // and one byte after it: the { or [ of startObject(name) and startArray(name)
            if (comma) {
                buf[n++] = ',';
            }
            System.arraycopy(q, 0, buf, n, q.length);
            n += q.length;
            return;
        }
        int len = name.length();
        if (len > SLACK - 8) {
            throw new IllegalArgumentException("field name too long: " + len);
        }
        room(len + 5);
        if (comma) {
            buf[n++] = ',';
        }
        int from = n;
        buf[n++] = '"';
        name.getBytes(0, len, buf, n);
        n += len;
        buf[n++] = '"';
        buf[n++] = ':';
        if (NAMES.offer(name)) {
            NAMES.keep(name, java.util.Arrays.copyOfRange(buf, from, n));
        }
    }

    /** {@code ,"name":} (the comma when needed) from the name's own bytes. */
    private void name(JsonName name) throws IOException {
        byte[] q = name.quoted;
        room(q.length + 2); // and one byte after it: the { or [ of startObject(name) and startArray(name)
        if (comma) {
            buf[n++] = ',';
        }
        System.arraycopy(q, 0, buf, n, q.length);
        n += q.length;
    }

    private void element() throws IOException {
        if (comma) {
            room(1);
            buf[n++] = ',';
        }
    }

    @Override
    public void startObject() throws IOException {
        element();
        room(1);
        buf[n++] = '{';
        comma = false;
    }

    @Override
    public void startObject(String name) throws IOException {
        name(name);
        buf[n++] = '{';
        comma = false;
    }

    @Override
    public void startObject(JsonName name) throws IOException {
        name(name);
        buf[n++] = '{';
        comma = false;
    }

    @Override
    public void endObject() throws IOException {
        room(1);
        buf[n++] = '}';
        comma = true;
    }

    @Override
    public void startArray() throws IOException {
        element();
        room(1);
        buf[n++] = '[';
        comma = false;
    }

    @Override
    public void startArray(String name) throws IOException {
        name(name);
        buf[n++] = '[';
        comma = false;
    }

    @Override
    public void startArray(JsonName name) throws IOException {
        name(name);
        buf[n++] = '[';
        comma = false;
    }

    @Override
    public void endArray() throws IOException {
        room(1);
        buf[n++] = ']';
        comma = true;
    }

    @Override
    public void field(String name, long value) throws IOException {
        name(name);
        number(value);
        comma = true;
    }

    @Override
    public void field(JsonName name, long value) throws IOException {
        name(name);
        number(value);
        comma = true;
    }

    @Override
    public void field(String name, boolean value) throws IOException {
        name(name);
        bool(value);
    }

    @Override
    public void field(JsonName name, boolean value) throws IOException {
        name(name);
        bool(value);
    }

    private void bool(boolean value) throws IOException {
        room(5);
        if (value) {
            buf[n++] = 't';
            buf[n++] = 'r';
            buf[n++] = 'u';
            buf[n++] = 'e';
        } else {
            buf[n++] = 'f';
            buf[n++] = 'a';
            buf[n++] = 'l';
            buf[n++] = 's';
            buf[n++] = 'e';
        }
        comma = true;
    }

    @Override
    public void field(String name, String value) throws IOException {
        name(name);
        stringOrNull(value);
    }

    @Override
    public void field(JsonName name, String value) throws IOException {
        name(name);
        stringOrNull(value);
    }

    private void stringOrNull(String value) throws IOException {
        if (value == null) {
            nullValue();
        } else {
            string(value);
        }
        comma = true;
    }

    @Override
    public void field(String name, CharSequence value) throws IOException {
        name(name);
        string(value);
        comma = true;
    }

    @Override
    public void field(JsonName name, CharSequence value) throws IOException {
        name(name);
        string(value);
        comma = true;
    }

    @Override
    public void field(String name, io.wirebook.text.Utf8Line value) throws IOException {
        name(name);
        line(value);
    }

    @Override
    public void field(JsonName name, io.wirebook.text.Utf8Line value) throws IOException {
        name(name);
        line(value);
    }

    /** A note's line as a string value. */
    private void line(io.wirebook.text.Utf8Line value) throws IOException {
        byte[] v = value.bytes();
        int len = value.length();
        // At most 6 bytes out per byte in. A line that fits goes in one pass: runs that need no escape (all of
        // a note, as a rule) in one copy each, and a byte beyond ASCII (never in the notes today) takes back
        // what was written and writes the line as any string. One too long for the buffer is checked first.
        if (n + 6 * len + 2 > buf.length) {
            drain();
        }
        if (6 * len + 2 > buf.length) {
            longLine(value);
            return;
        }
        byte[] b = buf;
        int start = n;
        b[n++] = '"';
        int i = 0;
        while (i < len) {
            int run = i;
            while (run < len && PLAIN_OR_NOT[v[run] & 0xFF] == 0) {
                run++;
            }
            if (run > i) {
                System.arraycopy(v, i, b, n, run - i);
                n += run - i;
                i = run;
                continue;
            }
            if (v[i] < 0) {
                n = start;
                string(value.toString());
                comma = true;
                return;
            }
            ascii(b, v[i++]);
        }
        b[n++] = '"';
        comma = true;
    }

    /** {@link #line} of a line longer than a sixth of the buffer: checked for ASCII first, drained as it goes. */
    private void longLine(io.wirebook.text.Utf8Line value) throws IOException {
        byte[] v = value.bytes();
        int len = value.length();
        for (int i = 0; i < len; i++) {
            if (v[i] < 0) {
                string(value.toString());
                comma = true;
                return;
            }
        }
        room(1);
        byte[] b = buf;
        b[n++] = '"';
        int i = 0;
        while (i < len) {
            int run = i;
            while (run < len && ESCAPE[v[run]] == 0) {
                run++;
            }
            if (run > i) {
                if (n + (run - i) > b.length) {
                    drain();
                }
                int part = Math.min(run - i, b.length - n);
                System.arraycopy(v, i, b, n, part);
                n += part;
                i += part;
                continue;
            }
            if (n + 6 > b.length) {
                drain();
            }
            ascii(b, v[i++]);
        }
        room(1);
        b[n++] = '"';
        comma = true;
    }

    @Override
    public void nullField(String name) throws IOException {
        name(name);
        nullValue();
        comma = true;
    }

    @Override
    public void nullField(JsonName name) throws IOException {
        name(name);
        nullValue();
        comma = true;
    }

    @Override
    public void value(String value) throws IOException {
        element();
        if (value == null) {
            nullValue();
        } else {
            string(value);
        }
        comma = true;
    }

    @Override
    public void value(long value) throws IOException {
        element();
        number(value);
        comma = true;
    }

    @Override
    public void endLine() throws IOException {
        room(1);
        buf[n++] = '\n';
        comma = false;
    }

    private void nullValue() throws IOException {
        room(4);
        buf[n++] = 'n';
        buf[n++] = 'u';
        buf[n++] = 'l';
        buf[n++] = 'l';
    }

    /** Decimal digits of {@code v}, as Long.toString gives them. */
    private void number(long v) throws IOException {
        room(io.wirebook.text.Decimal.MAX_LENGTH);
        n = io.wirebook.text.Decimal.put(buf, n, v);
    }

    /** Chars of the string being written, copied out in bulk (String.getChars is a vectorised copy). */
    private char[] chars = new char[256];

    /** An ASCII char {@code c} at {@link #n} in {@code b} (the buffer, with room for 6), escaped as it needs. */
    private void ascii(byte[] b, int c) {
        byte e = ESCAPE[c];
        if (e == 0) {
            b[n++] = (byte) c;
        } else {
            b[n++] = '\\';
            if (e == 'u') {
                b[n++] = 'u';
                b[n++] = '0';
                b[n++] = '0';
                b[n++] = HEX[c >> 4];
                b[n++] = HEX[c & 0xF];
            } else {
                b[n++] = e;
            }
        }
    }

    /** A quoted, escaped string value; a String's bytes are kept for the next time the same object comes. */
    private void string(CharSequence s) throws IOException {
        if (!(s instanceof String str)) {
            escaped(s);
            return;
        }
        byte[] q = VALUES.get(str);
        if (q != null) {
            room(q.length);
            System.arraycopy(q, 0, buf, n, q.length);
            n += q.length;
            return;
        }
        if (!VALUES.offer(str) || 6 * str.length() + 2 > buf.length) {
            escaped(s);
            return;
        }
        if (n + 6 * str.length() + 2 > buf.length) {
            drain();
        }
        int from = n; // escaped() does not drain now: the whole string fits
        escaped(s);
        VALUES.keep(str, java.util.Arrays.copyOfRange(buf, from, n));
    }

    private void escaped(CharSequence s) throws IOException {
        int len = s.length();
        if (chars.length < len) {
            chars = new char[Math.max(len, 2 * chars.length)];
        }
        if (s instanceof String str) {
            str.getChars(0, len, chars, 0);
        } else if (s instanceof StringBuilder sb) {
            sb.getChars(0, len, chars, 0);
        } else {
            for (int i = 0; i < len; i++) {
                chars[i] = s.charAt(i);
            }
        }
        char[] cs = chars;
        // Each char takes at most 6 bytes (an escape): when the whole string fits, no check per char.
        if (n + 6 * len + 2 > buf.length) {
            drain();
        }
        boolean checked = 6 * len + 2 > buf.length;
        buf[n++] = '"';
        byte[] b = buf;
        for (int i = 0; i < len; i++) {
            if (checked && n + 6 > b.length) {
                drain();
            }
            char c = cs[i];
            if (c < 0x80) {
                ascii(b, c);
            } else if (Character.isSurrogate(c) || escapedAboveAscii(c)) {
                b[n++] = '\\';
                b[n++] = 'u';
                b[n++] = HEX[c >> 12];
                b[n++] = HEX[(c >> 8) & 0xF];
                b[n++] = HEX[(c >> 4) & 0xF];
                b[n++] = HEX[c & 0xF];
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        room(1);
        b[n++] = '"';
    }

    /**
     * Bytes another JsonBytes wrote (whole lines, rendered on another thread), copied
     * into the output as they are; the next field or element starts a new object.
     */
    public void raw(byte[] b, int off, int len) throws IOException {
        if (n + len > buf.length) {
            drain();
            if (len > buf.length) {
                out.write(b, off, len);
                comma = false;
                return;
            }
        }
        System.arraycopy(b, off, buf, n, len);
        n += len;
        comma = false;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Flushes, then closes the stream. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
