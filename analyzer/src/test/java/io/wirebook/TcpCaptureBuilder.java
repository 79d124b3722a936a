package io.wirebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small classic pcap files (LINKTYPE_RAW, IPv4) of one TCP connection for tests: each segment from
 * the client (10.0.0.1:40000) or the server (10.0.0.2:80), at a time in microseconds, with its flags,
 * raw sequence and acknowledgment numbers, window and payload length. Checksums are left 0 (nothing
 * here verifies them).
 */
public final class TcpCaptureBuilder {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TcpCaptureBuilder() {
        le32(0xa1b2c3d4);
        le16(2);
        le16(4);
        le32(0);
        le32(0);
        le32(65535);
        le32(101);
    }

    /** One segment; {@code fromClient} picks the direction. */
    public TcpCaptureBuilder seg(long micros, boolean fromClient, int flags, long seq, long ack, int len) {
        return seg(micros, fromClient, flags, seq, ack, len, 1000);
    }

    public TcpCaptureBuilder seg(long micros, boolean fromClient, int flags, long seq, long ack, int len, int window) {
        return seg(micros, fromClient, flags, seq, ack, len, window, 40000);
    }

    /** A segment of the connection from client port {@code clientPort}. */
    public TcpCaptureBuilder seg(long micros, boolean fromClient, int flags, long seq, long ack, int len, int window,
            int clientPort) {
        int total = 20 + 20 + len;
        le32((int) (1_700_000_000L + micros / 1_000_000));
        le32((int) (micros % 1_000_000));
        le32(total);
        le32(total);
        byte[] ip = {0x45, 0, (byte) (total >> 8), (byte) total, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
        if (!fromClient) {
            ip[15] = 2;
            ip[19] = 1;
        }
        out.writeBytes(ip);
        int sport = fromClient ? clientPort : 80, dport = fromClient ? 80 : clientPort;
        be16(sport);
        be16(dport);
        be32(seq);
        be32(ack);
        out.write(0x50);
        out.write(flags);
        be16(window);
        be16(0);
        be16(0);
        out.writeBytes(new byte[len]);
        return this;
    }

    public Path write(Path file) throws IOException {
        Files.write(file, out.toByteArray());
        return file;
    }

    private void le16(int v) {
        out.write(v);
        out.write(v >> 8);
    }

    private void le32(int v) {
        le16(v);
        le16(v >> 16);
    }

    private void be16(int v) {
        out.write(v >> 8);
        out.write(v);
    }

    private void be32(long v) {
        be16((int) (v >> 16));
        be16((int) v);
    }
}
