package io.wirebook.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The captures of a scan, written by the test (they are tens of megabytes: not committed): classic pcap,
 * raw IPv4 (link type 101), one packet every 10 microseconds from 1,700,000,000 s, scanner 10.0.0.1 port
 * 40000, the {@code i}-th target 10.16.x.y port 1 + i % 60,000 (60,000 ports on each address).
 * Checksums are left 0: nothing here verifies them.
 */
final class ScanCaptures {
    private ScanCaptures() {}

    /**
     * Kinds of packet: a bare SYN to target i, a UDP datagram to it, its ICMP port unreachable quoting that
     * datagram, or a bare SYN followed 5 microseconds later by the ICMP error a firewall sends back for it
     * (communication administratively prohibited, quoting the SYN's IP header and all 20 bytes of its TCP
     * header): two packets for each i.
     */
    enum Kind { SYN, UDP, ICMP_PORT_UNREACHABLE, SYN_PROHIBITED }

    static Path write(Path file, Kind kind, int count) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] h = new byte[24];
            le32(h, 0, 0xa1b2c3d4);
            h[4] = 2;
            h[6] = 4;
            le32(h, 16, 65535);
            le32(h, 20, 101);
            out.write(h);
            byte[] rec = new byte[16 + 20 + 8 + 20 + 20];
            for (int i = 0; i < count; i++) {
                long micros = i * 10L;
                int target = 0x0A100000 + i / 60_000, port = 1 + i % 60_000;
                int len;
                if (kind == Kind.SYN || kind == Kind.SYN_PROHIBITED) {
                    len = ip(rec, 16, 6, 0x0A000001, target, 20);
                    syn(rec, 36, port, i);
                    if (kind == Kind.SYN_PROHIBITED) {
                        record(out, rec, micros, len);
                        micros += 5;
                        len = ip(rec, 16, 1, target, 0x0A000001, 8 + 40);
                        rec[36] = 3;
                        rec[37] = 13;
                        be16(rec, 38, 0);
                        be32(rec, 40, 0);
                        ip(rec, 44, 6, 0x0A000001, target, 20);
                        syn(rec, 64, port, i);
                    }
                } else if (kind == Kind.UDP) {
                    len = ip(rec, 16, 17, 0x0A000001, target, 12);
                    udp(rec, 36, port);
                } else {
                    // The error, from the target, quotes the IP header and the 12 bytes of the datagram.
                    len = ip(rec, 16, 1, target, 0x0A000001, 8 + 32);
                    rec[36] = 3;
                    rec[37] = 3;
                    be16(rec, 38, 0);
                    be32(rec, 40, 0);
                    ip(rec, 44, 17, 0x0A000001, target, 12);
                    udp(rec, 64, port);
                }
                record(out, rec, micros, len);
            }
        }
        return file;
    }

    private static void record(OutputStream out, byte[] rec, long micros, int len) throws IOException {
        le32(rec, 0, (int) (1_700_000_000L + micros / 1_000_000));
        le32(rec, 4, (int) (micros % 1_000_000));
        le32(rec, 8, len);
        le32(rec, 12, len);
        out.write(rec, 0, 16 + len);
    }

    /** A bare SYN's TCP header from port 40000 to {@code port}, sequence number 1000 + i. */
    private static void syn(byte[] b, int at, int port, int i) {
        be16(b, at, 40000);
        be16(b, at + 2, port);
        be32(b, at + 4, 1000 + i);
        be32(b, at + 8, 0);
        b[at + 12] = 0x50;
        b[at + 13] = 0x02;
        be16(b, at + 14, 1024);
        be32(b, at + 16, 0);
    }

    /** An IPv4 header at {@code at} for {@code payload} bytes; returns the packet's length. */
    private static int ip(byte[] b, int at, int protocol, int source, int destination, int payload) {
        b[at] = 0x45;
        b[at + 1] = 0;
        be16(b, at + 2, 20 + payload);
        be32(b, at + 4, 0);
        b[at + 8] = 64;
        b[at + 9] = (byte) protocol;
        be16(b, at + 10, 0);
        be32(b, at + 12, source);
        be32(b, at + 16, destination);
        return 20 + payload;
    }

    private static void udp(byte[] b, int at, int port) {
        be16(b, at, 40000);
        be16(b, at + 2, port);
        be16(b, at + 4, 12);
        be16(b, at + 6, 0);
        b[at + 8] = 'p';
        b[at + 9] = 'i';
        b[at + 10] = 'n';
        b[at + 11] = 'g';
    }

    private static void le32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static void be16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void be32(byte[] b, int at, int v) {
        be16(b, at, v >>> 16);
        be16(b, at + 2, v);
    }
}
