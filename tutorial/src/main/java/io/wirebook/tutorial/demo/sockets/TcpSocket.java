package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connected (or connecting) TCP socket over a {@link SocketChannel}, each call recorded under the name
 * of the system call the JDK makes for it (checked with strace on JDK 17: {@code write} and {@code read}
 * are write(2) and read(2); {@code shutdownOutput} is shutdown(SHUT_WR); {@code close} is close(2)).
 *
 * <p>The channel is blocking, except between {@link #startConnect} and {@link #awaitConnect}, which are the
 * C idiom for a connect with a timeout: non-blocking {@code connect} (EINPROGRESS), wait for writability,
 * then {@code getsockopt(SO_ERROR)}.
 */
public final class TcpSocket extends LabSocket {
    private SocketChannel ch;

    TcpSocket(SocketLab lab, Side side, String name, SocketChannel accepted) {
        super(lab, side, name);
        this.ch = accepted;
    }

    @FunctionalInterface
    interface Opener {
        SocketChannel open() throws IOException;
    }

    void open(Opener opener, ProtocolFamily family) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        SocketCall[] socket = new SocketCall[1];
        CallRecorder.record(log(), side, "socket", a, x -> {
            ch = opener.open();
            learnFd();
            a.putAll(Peer.socketArgs(this, family, "SOCK_STREAM"));
            return name;
        }, v -> v, socket);
        lab.register(this);
        noteJdkDefaults(socket[0], JdkDefaults.Kind.STREAM, family);
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    // ---- options -------------------------------------------------------------------------------------

    private <T> void setOption(String level, String option, String shown, SocketOption<T> opt, T value)
            throws IOException {
        Map<String, String> a = args();
        a.put("level", level);
        a.put("option", option);
        a.put("value", shown);
        record("setsockopt", a, x -> ch.setOption(opt, value), v -> "0");
    }

    /** {@code setsockopt(SOL_SOCKET, SO_REUSEADDR, on)}. */
    public void setReuseAddress(boolean on) throws IOException {
        setOption("SOL_SOCKET", "SO_REUSEADDR", on ? "1" : "0", StandardSocketOptions.SO_REUSEADDR, on);
    }

    /**
     * {@code setsockopt(SOL_SOCKET, SO_LINGER, {on, seconds})}. With 0, close() discards unsent data and
     * sends RST instead of FIN.
     */
    public void setLinger(int seconds) throws IOException {
        setOption("SOL_SOCKET", "SO_LINGER", "{on," + seconds + "}", StandardSocketOptions.SO_LINGER, seconds);
    }

    /**
     * {@code setsockopt(SOL_SOCKET, SO_KEEPALIVE, 1)}, then {@code IPPROTO_TCP} {@code TCP_KEEPIDLE},
     * {@code TCP_KEEPINTVL} and {@code TCP_KEEPCNT}: probe after {@code idleSeconds} without traffic, every
     * {@code intervalSeconds}, and give up after {@code count} unanswered probes (tcp(7); the system-wide
     * defaults are net.ipv4.tcp_keepalive_time 7200, _intvl 75, _probes 9).
     */
    public void setKeepAlive(int idleSeconds, int intervalSeconds, int count) throws IOException {
        setOption("SOL_SOCKET", "SO_KEEPALIVE", "1", StandardSocketOptions.SO_KEEPALIVE, true);
        setOption("IPPROTO_TCP", "TCP_KEEPIDLE", Integer.toString(idleSeconds), jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, idleSeconds);
        setOption("IPPROTO_TCP", "TCP_KEEPINTVL", Integer.toString(intervalSeconds), jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL,
                intervalSeconds);
        setOption("IPPROTO_TCP", "TCP_KEEPCNT", Integer.toString(count), jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, count);
    }

    /** {@code setsockopt(SOL_SOCKET, SO_RCVBUF, bytes)}; Linux doubles it (see {@link #receiveBufferSize()}). */
    public void setReceiveBufferSize(int bytes) throws IOException {
        setOption("SOL_SOCKET", "SO_RCVBUF", Integer.toString(bytes), StandardSocketOptions.SO_RCVBUF, bytes);
    }

    /** {@code setsockopt(SOL_SOCKET, SO_SNDBUF, bytes)}. */
    public void setSendBufferSize(int bytes) throws IOException {
        setOption("SOL_SOCKET", "SO_SNDBUF", Integer.toString(bytes), StandardSocketOptions.SO_SNDBUF, bytes);
    }

    /**
     * {@code getsockopt(SOL_SOCKET, SO_RCVBUF)} as the kernel answers it: twice what was set (socket(7)).
     * The JDK halves SO_RCVBUF and SO_SNDBUF on Linux so that get returns what set was given; strace shows
     * the kernel's value, so we record (and return) that, with Java's beside it as {@code java_value}.
     */
    public int receiveBufferSize() throws IOException {
        return bufferSize("SO_RCVBUF", StandardSocketOptions.SO_RCVBUF);
    }

    /** {@code getsockopt(SOL_SOCKET, SO_SNDBUF)} as the kernel answers it (see {@link #receiveBufferSize()}). */
    public int sendBufferSize() throws IOException {
        return bufferSize("SO_SNDBUF", StandardSocketOptions.SO_SNDBUF);
    }

    private int bufferSize(String option, SocketOption<Integer> opt) throws IOException {
        Map<String, String> a = args();
        a.put("level", "SOL_SOCKET");
        a.put("option", option);
        return record("getsockopt", a, x -> {
            int javaValue = ch.getOption(opt);
            x.put("java_value", Integer.toString(javaValue));
            return JDK_HALVES_BUFFER_SIZES ? javaValue * 2 : javaValue;
        }, String::valueOf);
    }

    /** The JDK's net_util_md.c divides SO_SNDBUF/SO_RCVBUF by two after getsockopt on Linux only. */
    private static final boolean JDK_HALVES_BUFFER_SIZES =
            System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");

    // ---- addresses -----------------------------------------------------------------------------------

    /** {@code bind(addr)}; with port 0 the kernel picks one, shown as {@code local_port}. */
    public void bind(InetSocketAddress addr) throws IOException {
        bind(ch, addr, null);
    }

    /**
     * Blocking {@code connect(addr)}; the local address the kernel chose is kept as {@code local_addr/port}.
     * When it fails the JDK has closed the socket (recorded as {@code close} with {@code by=jdk}).
     */
    public void connect(InetSocketAddress addr) throws IOException {
        Loopback.requireLoopback(addr);
        Map<String, String> a = args();
        putAddress(a, "", addr);
        SocketCall[] rec = new SocketCall[1];
        try {
            CallRecorder.record(log(), side, "connect", a, x -> {
                ch.connect(addr);
                putAddress(x, "local_", localAddress());
                return null;
            }, v -> "0", rec);
        } catch (IOException e) {
            noteJdkClose(rec[0]);
            throw e;
        }
    }

    /**
     * Non-blocking {@code connect(addr)}: returns true when it completed at once (result 0), false when
     * the handshake is under way (result -1, errno EINPROGRESS, as in C).
     */
    public boolean startConnect(InetSocketAddress addr) throws IOException {
        Loopback.requireLoopback(addr);
        ch.configureBlocking(false);
        Map<String, String> a = args();
        putAddress(a, "", addr);
        a.put("flags", "O_NONBLOCK");
        Instant t0 = log().now();
        boolean done;
        try {
            done = ch.connect(addr);
        } catch (IOException | RuntimeException e) {
            Instant t1 = log().now();
            SocketCall failed = new SocketCall(side, "connect", a, "-1", Errno.of(e), Errno.describe(e),
                    Thread.currentThread().getName(), t0, t1);
            log().add(failed);
            noteJdkClose(failed);
            throw e;
        }
        Instant t1 = log().now();
        if (done) {
            putAddress(a, "local_", localAddress());
            ch.configureBlocking(true);
        }
        log().add(new SocketCall(side, "connect", a, done ? "0" : "-1",
                done ? null : "EINPROGRESS", null, Thread.currentThread().getName(), t0, t1));
        return done;
    }

    /**
     * Waits up to {@code timeout} for a {@link #startConnect} to finish: {@code epoll_wait} for EPOLLOUT
     * (the JDK's Selector), then {@code getsockopt(SO_ERROR)}, whose result is {@code 0} or the errno name
     * the handshake ended with. Returns true when connected; the socket is blocking again afterwards.
     * A timeout is {@code epoll_wait} returning 0 and leaves the handshake running (SYN retransmissions
     * go on until the socket is closed).
     */
    public boolean awaitConnect(Duration timeout) throws IOException {
        if (ch.isConnected()) {
            return true;
        }
        int ready;
        try (Selector sel = Selector.open()) {
            ch.register(sel, SelectionKey.OP_CONNECT);
            Map<String, String> a = args();
            a.put("events", "EPOLLOUT");
            a.put("timeout_ms", Long.toString(timeout.toMillis()));
            ready = record("epoll_wait", a, x -> sel.select(Math.max(1, timeout.toMillis())), String::valueOf);
        } // closing the selector deregisters the channel, so it may go back to blocking mode
        if (ready == 0) {
            return false;
        }
        Map<String, String> a = args();
        a.put("level", "SOL_SOCKET");
        a.put("option", "SO_ERROR");
        // finishConnect is poll(POLLOUT, 0) + getsockopt(SO_ERROR); the getsockopt is the one that tells.
        Instant t0 = log().now();
        try {
            ch.finishConnect();
        } catch (IOException e) {
            // getsockopt itself succeeded; the value it read is the handshake's errno, and that is the result.
            SocketCall failed = new SocketCall(side, "getsockopt", a, Errno.of(e), null, Errno.describe(e),
                    Thread.currentThread().getName(), t0, log().now());
            log().add(failed);
            noteJdkClose(failed);
            throw e;
        }
        putAddress(a, "local_", localAddress());
        log().add(new SocketCall(side, "getsockopt", a, "0", null, null,
                Thread.currentThread().getName(), t0, log().now()));
        ch.configureBlocking(true);
        return true;
    }

    /** The peer's address, or {@code null} when not connected. */
    public InetSocketAddress remoteAddress() {
        try {
            return (InetSocketAddress) ch.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    // ---- data ----------------------------------------------------------------------------------------

    /** {@code write(data)}; a blocking channel writes it all, so the result is its length. */
    public int write(byte[] data) throws IOException {
        Map<String, String> a = args();
        a.put("len", Integer.toString(data.length));
        return record("write", a, x -> {
            ByteBuffer b = ByteBuffer.wrap(data);
            int n = 0;
            while (b.hasRemaining()) {
                n += ch.write(b);
            }
            return n;
        }, String::valueOf);
    }

    /** Writes {@code data} in {@code chunk}-byte writes, one record each; returns the total written. */
    public long writeAll(byte[] data, int chunk) throws IOException {
        long total = 0;
        for (int off = 0; off < data.length; off += chunk) {
            total += write(Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk)));
        }
        return total;
    }

    /** One blocking {@code read(max)}: the bytes read, or an empty array at end of stream (read returned 0). */
    public byte[] read(int max) throws IOException {
        Map<String, String> a = args();
        a.put("len", Integer.toString(max));
        ByteBuffer b = ByteBuffer.allocate(max);
        int n = record("read", a, x -> Math.max(0, ch.read(b)), String::valueOf);
        return Arrays.copyOf(b.array(), n);
    }

    /** Reads until {@code n} bytes have come (or end of stream), one record per read. */
    public byte[] readExactly(int n) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n);
        while (out.size() < n) {
            byte[] got = read(n - out.size());
            if (got.length == 0) {
                break;
            }
            out.write(got, 0, got.length);
        }
        return out.toByteArray();
    }

    /** Reads until {@code total} bytes have come (or end of stream) in reads of at most {@code bufferSize}. */
    public long readFully(long total, int bufferSize) throws IOException {
        long got = 0;
        while (got < total) {
            byte[] b = read((int) Math.min(bufferSize, total - got));
            if (b.length == 0) {
                break;
            }
            got += b.length;
        }
        return got;
    }

    /** Reads until end of stream with a {@code bufferSize} buffer, one record per read; returns the total. */
    public long readToEnd(int bufferSize) throws IOException {
        long total = 0;
        while (true) {
            byte[] got = read(bufferSize);
            if (got.length == 0) {
                return total;
            }
            total += got.length;
        }
    }

    /** {@code shutdown(SHUT_WR)}: sends FIN; reading still works (a half-close). */
    public void shutdownOutput() throws IOException {
        Map<String, String> a = args();
        a.put("how", "SHUT_WR");
        record("shutdown", a, x -> ch.shutdownOutput(), v -> "0");
    }

    @Override
    void beforeClose() throws IOException {
        // In non-blocking mode the JDK's close() first does getsockopt(SO_LINGER) and shutdown(SHUT_WR);
        // in blocking mode it is close(2) alone, which is what the log says.
        if (!ch.isBlocking()) {
            ch.configureBlocking(true);
        }
    }
}
