package io.wirebook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The traffic of the capture benchmark ({@link CaptureBench}): one TCP connection over 127.0.0.1 carrying a
 * number of bytes from a client to a server, both in this process, as fast as loopback takes them. Bound to
 * loopback only, on a port the kernel picks, and over when the bytes are through.
 */
public final class BulkTransfer {
    private BulkTransfer() {}

    /** What a transfer did: the bytes the server read, and the seconds from the listen to the last byte. */
    public record Result(long bytes, double seconds) {
        /** The line the benchmark's script reads: bytes, then seconds. */
        public String line() {
            return bytes + " " + seconds;
        }
    }

    public static Result run(long bytes) throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            long start = System.nanoTime();
            IOException[] failed = {null};
            Thread client = new Thread(() -> {
                try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = c.getOutputStream();
                    byte[] chunk = new byte[1 << 20];
                    for (long left = bytes; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(left, chunk.length));
                    }
                } catch (IOException e) {
                    failed[0] = e;
                }
            }, "bulk-client");
            client.start();
            long read = 0;
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    read += n;
                }
            }
            client.join();
            if (failed[0] != null) {
                throw failed[0];
            }
            return new Result(read, (System.nanoTime() - start) / 1e9);
        }
    }
}
