package io.wirebook.text;

import java.nio.charset.StandardCharsets;

/**
 * A line of text held as UTF-8 bytes, built with StringBuilder's appends and written out as it is.
 *
 * <p>Hand-written for measured speed: {@code wirebook read} built each line in a StringBuilder, copied its
 * chars out and encoded them one by one, about a fifth of the run on a large capture; here each char is
 * encoded once, as it is appended, and the bytes go to the output in one copy. Reused line after line
 * ({@link #setLength}); it grows to the longest line and stays there.
 */
public final class Utf8Line {
    private byte[] buf;
    private int n;

    public Utf8Line(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Bytes held (not chars). */
    public int length() {
        return n;
    }

    /** Cuts the line back to {@code length} bytes (a length {@link #length} gave earlier). */
    public void setLength(int length) {
        if (length < 0 || length > n) {
            throw new IndexOutOfBoundsException(length);
        }
        n = length;
    }

    /** The bytes: valid in {@code [0, length())} until the next append. */
    public byte[] bytes() {
        return buf;
    }

    private void room(int more) {
        if (n + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(n + more, 2 * buf.length));
        }
    }

    /** UTF-8 of the Strings appended before (literals, mostly), by identity. */
    private static final EncodedStrings ENCODED = new EncodedStrings(1 << 10);

    public Utf8Line append(String s) {
        byte[] v = ENCODED.get(s);
        if (v != null) {
            room(v.length);
            System.arraycopy(v, 0, buf, n, v.length);
            n += v.length;
            return this;
        }
        int from = n;
        encode(s);
        if (ENCODED.offer(s)) {
            ENCODED.keep(s, java.util.Arrays.copyOfRange(buf, from, n));
        }
        return this;
    }

    private void encode(String s) {
        int len = s.length();
        room(3 * len);
        byte[] b = buf;
        int at = n;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else {
                n = at;
                at = encode(c, s, i);
                if (Character.isHighSurrogate(c) && at - n == 4) {
                    i++; // the pair's low half went with it
                }
                b = buf;
            }
        }
        n = at;
    }

    /** Appends what a StringBuilder or another CharSequence holds. */
    public Utf8Line append(CharSequence s) {
        if (s instanceof String str) {
            return append(str);
        }
        int len = s.length();
        room(3 * len);
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[n++] = (byte) c;
            } else {
                n = encode(c, s, i);
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
        }
        return this;
    }

    /**
     * Encodes the char at {@code s[i]} (not ASCII) at {@link #n}, with the next one when they are a
     * surrogate pair; a lone surrogate is '?', as the JDK's encoder writes it.
     *
     * @return the index after its bytes
     */
    private int encode(char c, CharSequence s, int i) {
        byte[] b = buf;
        int at = n;
        if (c < 0x800) {
            b[at++] = (byte) (0xC0 | (c >> 6));
            b[at++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            room(4);
            b = buf;
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            b[at++] = (byte) (0xF0 | (cp >> 18));
            b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[at++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
            b[at++] = '?';
        } else {
            b[at++] = (byte) (0xE0 | (c >> 12));
            b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            b[at++] = (byte) (0x80 | (c & 0x3F));
        }
        return at;
    }

    /** One char; half a surrogate pair alone is '?' (a pair comes as a String). */
    public Utf8Line append(char c) {
        room(3);
        if (c < 0x80) {
            buf[n++] = (byte) c;
        } else {
            n = encode(c, "", 0);
        }
        return this;
    }

    /**
     * The bytes of an ASCII literal, made once for {@link #ascii(byte[])}: refuses text that is not ASCII.
     */
    public static byte[] literal(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (ascii.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("not ASCII: " + ascii);
            }
        }
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Appends a {@link #literal}'s bytes, with no lookup: {@link #append(String)} finds a String's bytes in a
     * table first (measured: those lookups were a tenth of {@code wirebook read}'s writing thread, half that
     * once the text line's literals were made bytes once). Copied
     * with System.arraycopy even when short: a loop of a few bytes was slower in C1's code (9.5-13 ns against
     * 6-8.7 ns for 3 to 12 bytes).
     */
    public Utf8Line ascii(byte[] text) {
        int len = text.length;
        room(len);
        System.arraycopy(text, 0, buf, n, len);
        n += len;
        return this;
    }

    /** An ASCII byte, as is (the caller knows it is one). */
    public Utf8Line ascii(int c) {
        room(1);
        buf[n++] = (byte) c;
        return this;
    }

    public Utf8Line append(long v) {
        room(Decimal.MAX_LENGTH);
        n = Decimal.put(buf, n, v);
        return this;
    }

    public Utf8Line append(int v) {
        return append((long) v);
    }

    /** The first {@code digits} (0 to 9) of {@code nanos}, zeros first: {@link Decimal#putFraction}. */
    public Utf8Line fraction(int nanos, int digits) {
        room(9);
        n = Decimal.putFraction(buf, n, nanos, digits);
        return this;
    }

    /** Appends bytes that are already UTF-8 (another line's, a buffer's). */
    public Utf8Line append(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, buf, n, len);
        n += len;
        return this;
    }

    /** Appends {@code count} spaces (none when it is 0 or less). */
    public Utf8Line spaces(int count) {
        if (count > 0) {
            room(count);
            java.util.Arrays.fill(buf, n, n + count, (byte) ' ');
            n += count;
        }
        return this;
    }

    /**
     * Right-aligns what was appended since {@code from} (a {@link #length} before it) in {@code width} bytes, as
     * printf's {@code %Ns} of ASCII text: spaces go in before it; nothing changes when it is as wide already.
     */
    public Utf8Line alignRight(int from, int width) {
        int pad = width - (n - from);
        if (pad > 0) {
            room(pad);
            System.arraycopy(buf, from, buf, from + pad, n - from);
            java.util.Arrays.fill(buf, from, from + pad, (byte) ' ');
            n += pad;
        }
        return this;
    }

    /** Appends another line's bytes. */
    public Utf8Line append(Utf8Line other) {
        return append(other.buf, 0, other.n);
    }

    /** Appends the text to {@code sb} as chars (for callers that build a String). */
    public void appendTo(StringBuilder sb) {
        sb.append(toString());
    }

    @Override
    public String toString() {
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
