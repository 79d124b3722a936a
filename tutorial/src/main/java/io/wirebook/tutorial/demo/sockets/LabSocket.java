package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.CallLog;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.net.ProtocolFamily;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What every recording socket shares: its name in the log, its side, its descriptor, and a {@code close}
 * that is recorded once, whoever calls it (the scenario, or the lab cleaning up after a failure).
 */
public abstract sealed class LabSocket implements AutoCloseable permits TcpListener, TcpSocket, UdpSocket {
    final SocketLab lab;
    final Side side;
    final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int fd = -1;

    LabSocket(SocketLab lab, Side side, String name) {
        this.lab = lab;
        this.side = side;
        this.name = name;
    }

    /** The NIO channel; every one of ours is also a {@link NetworkChannel}. */
    abstract SelectableChannel channel();

    /** The scenario's name for this socket, the {@code sock} argument of its calls. */
    public String name() {
        return name;
    }

    public Side side() {
        return side;
    }

    /** The file descriptor, or -1 when the JVM does not let us see it. */
    public int fd() {
        return fd;
    }

    void learnFd() {
        fd = Fds.of(channel());
    }

    CallLog log() {
        return lab.log();
    }

    /** A fresh argument map that starts with {@code sock} and, when known, {@code fd}. */
    Map<String, String> args() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sock", name);
        if (fd >= 0) {
            a.put("fd", Integer.toString(fd));
        }
        return a;
    }

    <T> T record(String call, Map<String, String> args, CallRecorder.Body<T> body,
                 Function<? super T, String> result) throws IOException {
        return CallRecorder.record(log(), side, call, args, body, result);
    }

    static void putAddress(Map<String, String> args, String prefix, InetSocketAddress sa) {
        args.put(prefix + "addr", SocketAddresses.format(sa.getAddress()));
        args.put(prefix + "port", Integer.toString(sa.getPort()));
    }

    /** The local address the kernel gave this socket, or {@code null} before bind/connect. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) ((NetworkChannel) channel()).getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code bind(addr)} on a TCP or UDP socket; with port 0 the kernel picks one, shown as
     * {@code local_port}. {@code by} marks a bind the JDK made by itself (null for the program's own).
     */
    void bind(NetworkChannel ch, InetSocketAddress addr, String by) throws IOException {
        Loopback.requireLocal(addr);
        Map<String, String> a = args();
        putAddress(a, "", addr);
        if (by != null) {
            a.put("by", by);
        }
        record("bind", a, x -> {
            ch.bind(addr);
            if (addr.getPort() == 0) {
                x.put("local_port", Integer.toString(localPort()));
            }
            return null;
        }, v -> "0");
    }

    /** The local port, or 0 before bind/connect. */
    public int localPort() {
        InetSocketAddress a = localAddress();
        return a == null ? 0 : a.getPort();
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** {@code close(2)}, recorded; a second close does nothing and records nothing. */
    @Override
    public void close() throws IOException {
        closeRecorded(null);
    }

    /**
     * {@code close(2)} at a moment fixed in advance: everything the record needs is prepared first, then the
     * thread spins on {@link System#nanoTime()} until {@code deadlineNanos} and closes, so little but the
     * system call lies between the deadline and the kernel (for two threads closing "at the same instant").
     */
    public void closeAt(long deadlineNanos) throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Map<String, String> a = args();
        beforeClose();
        SelectableChannel ch = channel();
        CallLog log = log();
        String thread = Thread.currentThread().getName();
        while (System.nanoTime() - deadlineNanos < 0) {
            Thread.onSpinWait();
        }
        Instant start = log.now();
        try {
            ch.close();
        } catch (IOException e) {
            log.add(new SocketCall(side, "close", a, Errno.of(e) == null ? null : "-1", Errno.of(e),
                    Errno.describe(e), thread, start, log.now()));
            throw e;
        }
        log.add(new SocketCall(side, "close", a, "0", null, null, thread, start, log.now()));
    }

    /** Closes on behalf of the lab ({@code by} says why: "watchdog", "cleanup"); never throws. */
    void closeQuietly(String by) {
        try {
            closeRecorded(by);
        } catch (IOException | RuntimeException ignored) {
            // cleanup must go on to the next socket; the failure is in the log
        }
    }

    private void closeRecorded(String by) throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Map<String, String> a = args();
        if (by != null) {
            a.put("by", by);
        }
        try {
            beforeClose();
        } finally {
            record("close", a, x -> {
                channel().close();
                return null;
            }, v -> "0");
        }
    }

    /**
     * After a failed {@code connect} the JDK closes the channel itself (SocketChannel's contract), inside
     * that call: strace shows connect = -1 then close. Record that close, inside the failed call's span, and
     * make a later {@link #close()} a no-op, as it is in Java (no system call).
     */
    void noteJdkClose(SocketCall failed) {
        if (failed != null && !channel().isOpen() && closed.compareAndSet(false, true)) {
            Map<String, String> a = args();
            a.put("by", "jdk");
            CallRecorder.recordInside(log(), failed, "close", a, "0");
        }
    }

    /** Records the options the JDK set inside {@code socket}'s span (see {@link JdkDefaults}). */
    void noteJdkDefaults(SocketCall socket, JdkDefaults.Kind kind, ProtocolFamily family) {
        for (JdkDefaults.Option o : JdkDefaults.after(kind, family)) {
            Map<String, String> a = args();
            a.put("level", o.level());
            a.put("option", o.option());
            a.put("value", o.value());
            a.put("by", "jdk");
            CallRecorder.recordInside(log(), socket, "setsockopt", a, "0");
        }
    }

    /** Puts the channel back in the state where {@code close()} is just {@code close(2)}. */
    void beforeClose() throws IOException {}
}
