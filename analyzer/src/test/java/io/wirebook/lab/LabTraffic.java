package io.wirebook.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * Traffic for the fault and load tests, run as a process of its own inside the test's network namespace
 * ({@link Netns}), so that everything on that namespace's {@code lo} is known:
 * <ul>
 *   <li>{@code udp HOST PORT COUNT SIZE RATE}: COUNT datagrams (0: until killed) of SIZE bytes, each starting
 *       with its sequence number (8 bytes, big-endian, from 0), RATE a second (0: as fast as it can).
 *       A test reads the numbers back from a capture to see which datagrams it holds.</li>
 *   <li>{@code bulk BYTES}: one TCP connection over 127.0.0.1 (on a port the kernel picks) carrying BYTES from
 *       a client to a server in this process, at full speed; prints {@code bytes seconds} when the server has
 *       read them all.</li>
 * </ul>
 */
public final class LabTraffic {
    private LabTraffic() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "udp" -> udp(InetAddress.getByName(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "bulk" -> bulk(Long.parseLong(args[1]));
            default -> throw new IllegalArgumentException("unknown traffic: " + args[0]);
        }
    }

    static void udp(InetAddress host, int port, long count, int size, int rate) throws IOException, InterruptedException {
        byte[] payload = new byte[Math.max(size, 8)];
        ByteBuffer seq = ByteBuffer.wrap(payload);
        long start = System.nanoTime();
        try (DatagramSocket s = new DatagramSocket()) {
            DatagramPacket p = new DatagramPacket(payload, payload.length, new InetSocketAddress(host, port));
            for (long i = 0; count == 0 || i < count; i++) {
                seq.putLong(0, i);
                s.send(p);
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        }
    }

    /** The capture benchmark's traffic, {@link io.wirebook.bench.BulkTransfer}. */
    static void bulk(long bytes) throws Exception {
        System.out.println(io.wirebook.bench.BulkTransfer.run(bytes).line());
    }
}
