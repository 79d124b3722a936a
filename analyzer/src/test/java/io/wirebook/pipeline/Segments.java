package io.wirebook.pipeline;

import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Test frames of one TCP/IPv4 connection over Ethernet, as a capture holds them: the client
 * (10.0.0.1:40000 unless given) and the server (10.0.0.2:80), each segment with its raw flags, sequence
 * and acknowledgment numbers, payload length (zero bytes), raw window and options, and correct IPv4 and TCP
 * checksums. Frames are numbered 1, 2, ... in the order they are made (across {@link #port(int)}'s
 * connections too), at {@link #T0} plus the given microseconds.
 *
 * <pre>
 *  0 Ethernet: 00:00:00:00:00:02 &lt; 00:00:00:00:00:01, type 0800
 * 14 IPv4: 45 00 len id 4000(DF) 40(TTL 64) 06 csum src dst
 * 34 TCP: sport dport seq ack off|flags window csum 0000 options payload
 * </pre>
 */
public final class Segments {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40,
            CWR = 0x80;
    /** 2023-11-14 22:13:20 UTC. */
    public static final long T0 = 1_700_000_000L;

    private final int[] clientIp, serverIp;
    private final int clientPort, serverPort;
    /** The last frame number given, shared with {@link #port(int)}'s connections. */
    private final long[] number;

    public Segments() {
        this(40000);
    }

    public Segments(int clientPort) {
        this(new int[] {10, 0, 0, 1}, clientPort, new int[] {10, 0, 0, 2}, 80);
    }

    public Segments(int[] clientIp, int clientPort, int[] serverIp, int serverPort) {
        this(clientIp, clientPort, serverIp, serverPort, new long[1]);
    }

    private Segments(int[] clientIp, int clientPort, int[] serverIp, int serverPort, long[] number) {
        this.clientIp = clientIp;
        this.clientPort = clientPort;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.number = number;
    }

    /** Another connection of the same hosts, from {@code clientPort}, in the same capture (frame numbers go on). */
    public Segments port(int clientPort) {
        return new Segments(clientIp, clientPort, serverIp, serverPort, number);
    }

    /** Raw initial sequence numbers of {@link #handshake()}: relative 0 is these, relative 1 the first data byte. */
    public static final long CLIENT_ISN = 1_000_000L, SERVER_ISN = 3_000_000_000L;

    /**
     * The handshake as Linux makes it, at 0, 1 and 2 ms (so the initial RTT is 2 ms):
     * <pre>
     * 1 IP 10.0.0.1.40000 &gt; 10.0.0.2.80: Flags [S], seq 1000000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0
     * 2 IP 10.0.0.2.80 &gt; 10.0.0.1.40000: Flags [S.], seq 3000000000, ack 1000001, win 65160, options [mss 1460,sackOK,TS val 500 ecr 100,nop,wscale 7], length 0
     * 3 IP 10.0.0.1.40000 &gt; 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 101 ecr 500], length 0
     * </pre>
     * Both sides scale by 128 from frame 3 on: a raw window of 502 is 64256 bytes.
     */
    public List<Frame> handshake() {
        return List.of(
                client(0, SYN, CLIENT_ISN, 0, 0, 64240, mss(1460), sackOk(), ts(100, 0), nop(), wscale(7)),
                server(1000, SYN | ACK, SERVER_ISN, CLIENT_ISN + 1, 0, 65160, mss(1460), sackOk(), ts(500, 100), nop(),
                        wscale(7)),
                client(2000, ACK, CLIENT_ISN + 1, SERVER_ISN + 1, 0, 502, nop(), nop(), ts(101, 500)));
    }

    /** The next frame, a segment from the client; {@code options} in order, their total a multiple of 4. */
    public Frame client(long micros, int flags, long seq, long ack, int len, int window, byte[]... options) {
        return frame(micros, tcp(clientIp, clientPort, serverIp, serverPort, flags, seq, ack, len, window, options));
    }

    /** The next frame, a segment from the server. */
    public Frame server(long micros, int flags, long seq, long ack, int len, int window, byte[]... options) {
        return frame(micros, tcp(serverIp, serverPort, clientIp, clientPort, flags, seq, ack, len, window, options));
    }

    /** The next frame, any bytes from the Ethernet header on, given in hex (whitespace ignored). */
    public Frame hex(long micros, String hex) {
        String h = hex.replaceAll("[^0-9a-fA-F]", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return frame(micros, b);
    }

    private Frame frame(long micros, byte[] bytes) {
        Frame f = new Frame();
        f.number = ++number[0];
        f.epochSeconds = T0 + micros / 1_000_000;
        f.nanos = (int) (micros % 1_000_000) * 1000;
        f.linkType = LinkType.EN10MB;
        // At a non-zero offset of a bigger array, as the file readers leave it.
        f.data = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, f.data, 5, bytes.length);
        f.offset = 5;
        f.capturedLength = bytes.length;
        f.originalLength = bytes.length;
        return f;
    }

    private static byte[] tcp(int[] src, int sport, int[] dst, int dport, int flags, long seq, long ack, int len,
            int window, byte[]... options) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] opt : options) {
            o.writeBytes(opt);
        }
        byte[] opts = o.toByteArray();
        if (opts.length % 4 != 0 || opts.length > 40) {
            throw new IllegalArgumentException("options take " + opts.length + " bytes");
        }
        int tcpLen = 20 + opts.length, ipLen = 20 + tcpLen + len;
        byte[] b = new byte[14 + ipLen];
        b[5] = 2;
        b[11] = 1;
        b[12] = 0x08;
        int ip = 14, t = 34;
        put(b, ip, 0x45000000L | ipLen, 4);
        put(b, ip + 4, 0x4000, 4); // id 0, DF
        put(b, ip + 8, 0x40060000L, 4); // TTL 64, TCP
        for (int i = 0; i < 4; i++) {
            b[ip + 12 + i] = (byte) src[i];
            b[ip + 16 + i] = (byte) dst[i];
        }
        put(b, ip + 10, checksum(b, ip, 20, 0), 2);
        put(b, t, sport, 2);
        put(b, t + 2, dport, 2);
        put(b, t + 4, seq, 4);
        put(b, t + 8, ack, 4);
        put(b, t + 12, (tcpLen / 4) << 12 | flags, 2);
        put(b, t + 14, window, 2);
        System.arraycopy(opts, 0, b, t + 20, opts.length);
        long pseudo = sum(b, ip + 12, 8) + 6 + tcpLen + len;
        put(b, t + 16, checksum(b, t, tcpLen + len, pseudo), 2);
        return b;
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }

    private static long sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            s += (b[off + i] & 0xFF) << 8 | (i + 1 < len ? b[off + i + 1] & 0xFF : 0);
        }
        return s;
    }

    /** The Internet checksum (RFC 1071) of {@code b[off, off + len)} plus {@code extra}. */
    private static long checksum(byte[] b, int off, int len, long extra) {
        long s = sum(b, off, len) + extra;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return ~s & 0xFFFF;
    }

    // ---- TCP options (RFC 9293 3.2, RFC 7323, RFC 2018) ----

    public static byte[] nop() {
        return new byte[] {1};
    }

    public static byte[] mss(int mss) {
        return new byte[] {2, 4, (byte) (mss >> 8), (byte) mss};
    }

    public static byte[] wscale(int shift) {
        return new byte[] {3, 3, (byte) shift};
    }

    public static byte[] sackOk() {
        return new byte[] {4, 2};
    }

    /** SACK blocks as raw left, right edges. */
    public static byte[] sack(long... edges) {
        byte[] b = new byte[2 + 4 * edges.length];
        b[0] = 5;
        b[1] = (byte) b.length;
        for (int i = 0; i < edges.length; i++) {
            put(b, 2 + 4 * i, edges[i], 4);
        }
        return b;
    }

    public static byte[] ts(long val, long ecr) {
        byte[] b = new byte[10];
        b[0] = 8;
        b[1] = 10;
        put(b, 2, val, 4);
        put(b, 6, ecr, 4);
        return b;
    }
}
