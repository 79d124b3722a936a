package io.wirebook.synth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes loopback frames as Linux captures them on {@code lo}: an Ethernet header with both MAC addresses
 * zero, then IPv4 127.0.0.1 to 127.0.0.1 or IPv6 ::1 to ::1, then TCP or UDP, all with correct checksums.
 *
 * <p>Writing is two calls so the payload can be copied straight into the output: {@code beginTcp} or
 * {@code beginUdp} writes the headers (checksums zero) and returns where the payload goes; the caller puts
 * the payload there; {@link #finish} computes the TCP or UDP checksum over the pseudo-header, header and
 * payload, and returns the frame's length. Nothing is allocated.
 *
 * <pre>
 *  0 Ethernet: dst 00:00:00:00:00:00, src 00:00:00:00:00:00, type 0800 or 86dd
 * 14 IPv4 (RFC 791): 45 00 len id 4000(DF) 40(TTL 64) proto csum 7f000001 7f000001
 *    IPv6 (RFC 8200): 6 | class 0 | flow label, payload length, next header, hop limit 64, ::1, ::1
 * 34/54 TCP (RFC 9293 3.1) or UDP (RFC 768)
 * </pre>
 */
final class FrameWriter {
    static final int ETHERNET_LENGTH = 14;
    static final int IPV4_LENGTH = 20;
    static final int IPV6_LENGTH = 40;
    static final int TCP_LENGTH = 20;
    static final int UDP_LENGTH = 8;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    /** Longest frame {@link #beginTcp} can write: headers, 40 bytes of options, a 65,495-byte IP packet. */
    static final int MAX_FRAME = ETHERNET_LENGTH + IPV6_LENGTH + 65_535;

    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int LOOPBACK_V4 = 0x7F00_0001;
    /** Sum of the pseudo-header's two addresses: 127.0.0.1 twice (7f00 + 0001, twice) and ::1 twice. */
    private static final long ADDRESSES_V4 = 2 * (0x7F00 + 0x0001);
    private static final long ADDRESSES_V6 = 2;
    /** The IPv4 header words that never change: version/IHL/TOS 4500, DF 4000, TTL 64 (4000 with protocol 0), addresses. */
    private static final long IPV4_CONSTANT_WORDS = 0x4500 + 0x4000 + 0x4000 + ADDRESSES_V4;

    /** IPv4 identification: Linux numbers the packets of a DF flow; one counter for all is close enough. */
    private int ipId;

    // Between begin and finish: where the frame's layers are.
    private int frameStart;
    private int l4Start;
    private int l4Length;
    private int payloadStart;
    private int protocol;
    private boolean v6;

    /**
     * Writes Ethernet, IP and TCP headers with {@code optionLength} bytes of options from {@code options}
     * (a multiple of 4), for a payload of {@code payloadLength} bytes.
     *
     * @return the index in {@code b} where the payload goes
     */
    int beginTcp(byte[] b, int p, boolean v6, int flowLabel, int sourcePort, int destinationPort, int seq, int ack,
            int flags, int window, byte[] options, int optionLength, int payloadLength) {
        int headerLength = TCP_LENGTH + optionLength;
        int t = ip(b, p, v6, flowLabel, PROTO_TCP, headerLength + payloadLength);
        BE_SHORT.set(b, t, (short) sourcePort);
        BE_SHORT.set(b, t + 2, (short) destinationPort);
        BE_INT.set(b, t + 4, seq);
        BE_INT.set(b, t + 8, ack);
        BE_SHORT.set(b, t + 12, (short) ((headerLength / 4) << 12 | flags));
        BE_SHORT.set(b, t + 14, (short) window);
        BE_INT.set(b, t + 16, 0); // checksum (filled by finish) and urgent pointer
        System.arraycopy(options, 0, b, t + TCP_LENGTH, optionLength);
        payloadStart = t + headerLength;
        return payloadStart;
    }

    /** Writes Ethernet, IP and UDP headers for a payload of {@code payloadLength} bytes; returns its index. */
    int beginUdp(byte[] b, int p, boolean v6, int flowLabel, int sourcePort, int destinationPort, int payloadLength) {
        int u = ip(b, p, v6, flowLabel, PROTO_UDP, UDP_LENGTH + payloadLength);
        BE_SHORT.set(b, u, (short) sourcePort);
        BE_SHORT.set(b, u + 2, (short) destinationPort);
        BE_SHORT.set(b, u + 4, (short) (UDP_LENGTH + payloadLength));
        BE_SHORT.set(b, u + 6, (short) 0);
        payloadStart = u + UDP_LENGTH;
        return payloadStart;
    }

    /** Writes the Ethernet and IP headers; returns the index of the transport header. */
    private int ip(byte[] b, int p, boolean v6, int flowLabel, int protocol, int l4Length) {
        this.frameStart = p;
        this.v6 = v6;
        this.protocol = protocol;
        this.l4Length = l4Length;
        BE_INT.set(b, p, 0);
        BE_INT.set(b, p + 4, 0);
        BE_INT.set(b, p + 8, 0);
        BE_SHORT.set(b, p + 12, (short) (v6 ? 0x86DD : 0x0800));
        int ip = p + ETHERNET_LENGTH;
        if (v6) {
            BE_INT.set(b, ip, 6 << 28 | (flowLabel & 0xFFFFF));
            BE_SHORT.set(b, ip + 4, (short) l4Length);
            b[ip + 6] = (byte) protocol;
            b[ip + 7] = 64;
            for (int i = 8; i < 40; i += 4) {
                BE_INT.set(b, ip + i, 0);
            }
            b[ip + 23] = 1;
            b[ip + 39] = 1;
            l4Start = ip + IPV6_LENGTH;
        } else {
            int id = ipId++ & 0xFFFF;
            int total = IPV4_LENGTH + l4Length;
            // The header checksum from the fields' 16-bit words: only the length and identification vary.
            int checksum = InternetChecksum.finish(IPV4_CONSTANT_WORDS + protocol + total + id);
            BE_INT.set(b, ip, 0x4500_0000 | total);
            BE_INT.set(b, ip + 4, id << 16 | 0x4000);
            BE_INT.set(b, ip + 8, 64 << 24 | protocol << 16 | checksum);
            BE_INT.set(b, ip + 12, LOOPBACK_V4);
            BE_INT.set(b, ip + 16, LOOPBACK_V4);
            l4Start = ip + IPV4_LENGTH;
        }
        return l4Start;
    }

    /** Fills in the checksums of the frame begun last, summing its payload; returns the frame's length. */
    int finish(byte[] b) {
        return finish(b, InternetChecksum.add(0, b, payloadStart, l4Start + l4Length - payloadStart));
    }

    /**
     * Fills in the checksums of the frame begun last, given the unfolded sum of its payload's 16-bit words
     * (from {@link PayloadPool#sum}); returns the frame's length.
     */
    int finish(byte[] b, long payloadSum) {
        long sum = (v6 ? ADDRESSES_V6 : ADDRESSES_V4) + l4Length + protocol + payloadSum;
        sum = InternetChecksum.add(sum, b, l4Start, payloadStart - l4Start);
        int c = InternetChecksum.finish(sum);
        if (protocol == PROTO_UDP) {
            // A computed 0 is sent as FFFF: 0 in a UDP checksum means "none" (RFC 768).
            BE_SHORT.set(b, l4Start + 6, (short) (c == 0 ? 0xFFFF : c));
        } else {
            BE_SHORT.set(b, l4Start + 16, (short) c);
        }
        return l4Start + l4Length - frameStart;
    }
}
