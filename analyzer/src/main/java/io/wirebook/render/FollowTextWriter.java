package io.wirebook.render;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code follow} command's text: one TCP connection's payload, laid out as tshark 4.0's
 * {@code -q -z follow,tcp,MODE,N} prints it ({@code ui/cli/tap-follow.c}), so that for a stream without
 * holes the two outputs are the same bytes:
 *
 * <pre>
 *
 * ===================================================================
 * Follow: tcp,ascii
 * Filter: tcp.stream eq 0
 * Node 0: 10.0.2.15:44188
 * Node 1: 192.0.47.59:43
 * 13
 * example.com
 *         233
 * % IANA WHOIS server
 * ...
 * ===================================================================
 * </pre>
 *
 * One chunk per segment that brought new bytes, in the order its bytes were placed; the server's chunks
 * are marked by a tab (in {@code ascii} before the length line, in {@code hex} and {@code raw} before
 * every line). {@code ascii} shows each byte outside printable ASCII as {@code .}, keeping line feeds and
 * the carriage returns just before one, so capture contents cannot move the terminal's cursor or send it
 * escapes (tshark prints a lone carriage return as it is); {@code hex} is 16 bytes a line after the
 * direction's stream offset; {@code raw} is the bytes in hex, a line per chunk.
 *
 * <p>Where bytes are missing, one line {@code [N bytes missing in capture]} (tab first for the server's)
 * stands in their place, and the hex offsets skip them; tshark instead prints a chunk
 * {@code [N bytes missing in capture file]} followed by a NUL byte, and only when the other side's ACK
 * shows the hole before later bytes, and counts its text in the offsets.
 */
public final class FollowTextWriter {
    /** What the chunks look like, as tshark names its modes. */
    public enum Mode { ascii, hex, raw }

    private static final byte[] SEPARATOR = ("=".repeat(67) + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** tshark's hex line: offset (8), 2 spaces, 16 bytes as "xx " with an extra space after 8, 2 spaces, 17 characters. */
    private static final int HEX_START = 10, ASCII_START = HEX_START + 16 * 3 + 2;

    private final OutputStream out;
    private final Mode mode;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    private final byte[] line = new byte[ASCII_START + 17 + 8];

    public FollowTextWriter(OutputStream out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** The header: a blank line, the separator, the mode, the filter and the two nodes (client first). */
    public void header(int stream, String node0, String node1) throws IOException {
        put('\n');
        put(SEPARATOR);
        ascii("Follow: tcp," + mode.name() + "\nFilter: tcp.stream eq " + stream + "\nNode 0: " + node0 + "\nNode 1: "
                + node1 + "\n");
    }

    /** One chunk: {@code len} new bytes of one direction, at stream offset {@code offset}. */
    public void data(boolean server, long offset, byte[] b, int off, int len) throws IOException {
        switch (mode) {
            case ascii -> {
                if (server) {
                    put('\t');
                }
                ascii(Integer.toString(len));
                put('\n');
                for (int i = off, end = off + len; i < end; i++) {
                    int c = b[i] & 0xFF;
                    boolean next = i + 1 == end || b[i + 1] == '\n'; // the chunk's own newline follows the last byte
                    put(c == '\n' || (c == '\r' && next) || (c >= 0x20 && c < 0x7F) ? c : '.');
                }
                put('\n');
            }
            case hex -> {
                for (int row = 0; row < len; row += 16) {
                    hexLine(server, offset + row, b, off + row, Math.min(16, len - row));
                }
            }
            case raw -> {
                if (server) {
                    put('\t');
                }
                for (int i = off, end = off + len; i < end; i++) {
                    put(HEX[(b[i] >> 4) & 0xF]);
                    put(HEX[b[i] & 0xF]);
                }
                put('\n');
            }
        }
    }

    /** {@code [N bytes missing in capture]} where {@code length} bytes at {@code offset} were never captured. */
    public void missing(boolean server, long offset, long length) throws IOException {
        if (server) {
            put('\t');
        }
        ascii("[" + length + (length == 1 ? " byte" : " bytes") + " missing in capture]\n");
    }

    /** The closing separator, and everything to the output stream. */
    public void footer() throws IOException {
        put(SEPARATOR);
        flush();
    }

    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /**
     * One line of tshark's {@code follow_print_hex}: the offset as {@code %08X}, the bytes, and the
     * printable characters, with one trailing space dropped as tshark drops it.
     */
    private void hexLine(boolean server, long offset, byte[] b, int off, int count) throws IOException {
        if (server) {
            put('\t');
        }
        String o = Long.toHexString(offset).toUpperCase(java.util.Locale.ROOT);
        for (int i = o.length(); i < 8; i++) {
            put('0');
        }
        ascii(o);
        java.util.Arrays.fill(line, (byte) ' ');
        int h = HEX_START - 8, a = ASCII_START - 8;
        for (int i = 0; i < count; i++) {
            int v = b[off + i] & 0xFF;
            line[h] = HEX[v >> 4];
            line[h + 1] = HEX[v & 0xF];
            h += 3;
            line[a++] = (byte) (v >= 0x20 && v < 0x7F ? v : '.');
            if (i == 7) {
                h++;
                a++;
            }
        }
        if (line[a - 1] == ' ') {
            a--;
        }
        for (int i = 0; i < a; i++) {
            put(line[i]);
        }
        put('\n');
    }

    private void ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(byte[] bytes) throws IOException {
        for (byte x : bytes) {
            put(x);
        }
    }

    private void put(int c) throws IOException {
        if (n == buf.length) {
            drain();
        }
        buf[n++] = (byte) c;
    }

    private void drain() throws IOException {
        int len = n;
        n = 0; // emptied first: a failed write is reported, never sent again (as Utf8Sink)
        out.write(buf, 0, len);
    }
}
