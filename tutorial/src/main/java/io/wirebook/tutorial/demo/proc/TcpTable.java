package io.wirebook.tutorial.demo.proc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the kernel's TCP socket tables, /proc/net/tcp and /proc/net/tcp6 (the tables {@code ss} and
 * {@code netstat} show), including the sockets no process owns any more: TIME_WAIT and orphans.
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    3: 0100007F:9C40 0100007F:1F90 06 00000000:00000000 03:00001769 00000000     0        0 0 3 ...
 * </pre>
 *
 * The kernel prints an IPv4 address as the 32-bit value in <em>network</em> byte order read as a host
 * integer, in hex: 127.0.0.1 is {@code 0100007F} on a little-endian CPU. An IPv6 address is four such words.
 * Ports are printed after ntohs, so {@code 1F90} is 8080 everywhere. This parser undoes the word reading
 * with the CPU's own byte order, so it is right on either kind of CPU.
 */
public final class TcpTable {
    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    private TcpTable() {}

    /** Both tables now; a missing tcp6 (IPv6 off) is an empty table. */
    public static List<TcpTableEntry> snapshot() throws IOException {
        List<TcpTableEntry> out = new ArrayList<>(read(TCP));
        out.addAll(read(TCP6));
        return out;
    }

    private static List<TcpTableEntry> read(Path p) throws IOException {
        try {
            return parse(ProcFiles.read(p));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Parses a whole table (header line and all). */
    public static List<TcpTableEntry> parse(String text) {
        List<TcpTableEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("sl")) {
                continue;
            }
            out.add(parseLine(t));
        }
        return out;
    }

    /** Parses one entry line; {@link IllegalArgumentException} says which column was wrong. */
    public static TcpTableEntry parseLine(String line) {
        String t = line.trim();
        String[] f = t.split("\\s+");
        if (f.length < 10 || !f[0].endsWith(":")) {
            throw new IllegalArgumentException("/proc/net/tcp line has " + f.length + " columns, need 10: " + t);
        }
        InetSocketAddress local = endpoint(f[1], "local_address");
        InetSocketAddress remote = endpoint(f[2], "rem_address");
        KernelTcpState state = KernelTcpState.ofCode(hexInt(f[3], "st"));
        String[] queues = pair(f[4], "tx_queue:rx_queue");
        String[] timer = pair(f[5], "tr:tm->when");
        return new TcpTableEntry(local, remote, state,
                hexLong(queues[0], "tx_queue"), hexLong(queues[1], "rx_queue"),
                hexInt(timer[0], "tr"), hexLong(timer[1], "tm->when"),
                hexLong(f[6], "retrnsmt"), decLong(f[7], "uid"), decLong(f[8], "timeout"), decLong(f[9], "inode"), t);
    }

    /** Decodes {@code 0100007F:1F90} (or the 32-hex-digit IPv6 form) into an address and port. */
    public static InetSocketAddress endpoint(String s, String column) {
        int colon = s.indexOf(':');
        if (colon != 8 && colon != 32) {
            throw new IllegalArgumentException(column + ": expected 8 or 32 hex digits, a colon and a port: " + s);
        }
        String hex = s.substring(0, colon);
        ByteBuffer b = ByteBuffer.allocate(colon / 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < colon; i += 8) {
            b.putInt((int) Long.parseLong(hex.substring(i, i + 8), 16)); // one word as the CPU stores it
        }
        int port = hexInt(s.substring(colon + 1), column + " port");
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b.array()), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // a 4- or 16-byte array is always an address
        }
    }

    private static String[] pair(String s, String column) {
        String[] p = s.split(":");
        if (p.length != 2) {
            throw new IllegalArgumentException(column + ": expected two hex numbers joined by a colon: " + s);
        }
        return p;
    }

    private static int hexInt(String s, String column) {
        return (int) hexLong(s, column);
    }

    private static long hexLong(String s, String column) {
        try {
            return Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": not hex: " + s);
        }
    }

    private static long decLong(String s, String column) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": not a number: " + s);
        }
    }

    /** The entry for the connection {@code local -> remote}, if the kernel has one now. */
    public static Optional<TcpTableEntry> find(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return snapshot().stream().filter(e -> e.is(local, remote)).findFirst();
    }

    /** Every entry whose local or remote port is {@code port}. */
    public static List<TcpTableEntry> involvingPort(int port) throws IOException {
        return snapshot().stream()
                .filter(e -> e.local().getPort() == port || e.remote().getPort() == port)
                .toList();
    }

    /**
     * Polls (every 2 ms) until an entry matches, for at most {@code timeout}; the kernel changes state
     * in softirq context, a moment after the system call that caused it has returned.
     */
    public static Optional<TcpTableEntry> await(Predicate<TcpTableEntry> match, Duration timeout)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (TcpTableEntry e : snapshot()) {
                if (match.test(e)) {
                    return Optional.of(e);
                }
            }
            if (System.nanoTime() >= end) {
                return Optional.empty();
            }
            Thread.sleep(2);
        }
    }
}
