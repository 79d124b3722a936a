package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A UDP socket over a blocking {@link DatagramChannel}. Calls carry the names strace shows on x86-64 Linux,
 * where send(2) and recv(2) are sendto(2) and recvfrom(2) without an address: {@link #send} and
 * {@link #receive} (for a connected socket) are recorded as {@code sendto}/{@code recvfrom} with no
 * {@code addr}.
 */
public final class UdpSocket extends LabSocket {
    private DatagramChannel ch;
    private ProtocolFamily family;

    UdpSocket(SocketLab lab, Side side, String name) {
        super(lab, side, name);
    }

    @FunctionalInterface
    interface Opener {
        DatagramChannel open() throws IOException;
    }

    void open(Opener opener, ProtocolFamily family) throws IOException {
        this.family = family;
        Map<String, String> a = new LinkedHashMap<>();
        SocketCall[] socket = new SocketCall[1];
        CallRecorder.record(log(), side, "socket", a, x -> {
            ch = opener.open();
            learnFd();
            a.putAll(Peer.socketArgs(this, family, "SOCK_DGRAM"));
            return name;
        }, v -> v, socket);
        lab.register(this);
        noteJdkDefaults(socket[0], JdkDefaults.Kind.DATAGRAM, family);
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    /** {@code bind(addr)}; with port 0 the kernel picks one, shown as {@code local_port}. */
    public void bind(InetSocketAddress addr) throws IOException {
        bind(addr, null);
    }

    private void bind(InetSocketAddress addr, String by) throws IOException {
        bind(ch, addr, by);
    }

    /** {@code connect(addr)}: no packet is sent; it fixes the peer and lets ICMP errors reach this socket. */
    public void connect(InetSocketAddress addr) throws IOException {
        Loopback.requireLoopback(addr);
        Map<String, String> a = args();
        putAddress(a, "", addr);
        record("connect", a, x -> {
            ch.connect(addr);
            return null;
        }, v -> "0");
    }

    /**
     * {@code sendto(data, addr)}. On a socket that is not bound the JDK first binds it to the wildcard
     * address itself; that bind is recorded with {@code by=jdk}.
     */
    public int sendTo(byte[] data, InetSocketAddress to) throws IOException {
        Loopback.requireLoopback(to);
        if (localAddress() == null) {
            bind(new InetSocketAddress(wildcard(), 0), "jdk");
        }
        Map<String, String> a = args();
        a.put("len", Integer.toString(data.length));
        putAddress(a, "", to);
        return record("sendto", a, x -> ch.send(ByteBuffer.wrap(data), to), String::valueOf);
    }

    /** {@code send(data)} on a connected socket (strace: {@code sendto} with no address). */
    public int send(byte[] data) throws IOException {
        Map<String, String> a = args();
        a.put("len", Integer.toString(data.length));
        return record("sendto", a, x -> ch.write(ByteBuffer.wrap(data)), String::valueOf);
    }

    /** Blocking {@code recvfrom(max)}: one datagram (cut to {@code max} bytes) and its sender. */
    public Datagram receiveFrom(int max) throws IOException {
        Map<String, String> a = args();
        a.put("len", Integer.toString(max));
        ByteBuffer b = ByteBuffer.allocate(max);
        InetSocketAddress[] from = new InetSocketAddress[1];
        int n = record("recvfrom", a, x -> {
            from[0] = (InetSocketAddress) ch.receive(b);
            putAddress(x, "from_", from[0]);
            return b.position();
        }, String::valueOf);
        return new Datagram(Arrays.copyOf(b.array(), n), from[0]);
    }

    /** Blocking {@code recv(max)} on a connected socket (strace: {@code recvfrom} with no address). */
    public byte[] receive(int max) throws IOException {
        Map<String, String> a = args();
        a.put("len", Integer.toString(max));
        ByteBuffer b = ByteBuffer.allocate(max);
        int n = record("recvfrom", a, x -> Math.max(0, ch.read(b)), String::valueOf);
        return Arrays.copyOf(b.array(), n);
    }

    /** {@code epoll_wait} for EPOLLIN up to {@code timeout}; true when a datagram (or an error) is waiting. */
    public boolean awaitReadable(Duration timeout) throws IOException {
        ch.configureBlocking(false);
        try (Selector sel = Selector.open()) {
            ch.register(sel, SelectionKey.OP_READ);
            Map<String, String> a = args();
            a.put("events", "EPOLLIN");
            a.put("timeout_ms", Long.toString(timeout.toMillis()));
            int ready = record("epoll_wait", a, x -> sel.select(Math.max(1, timeout.toMillis())), String::valueOf);
            return ready > 0;
        } finally {
            ch.configureBlocking(true);
        }
    }

    private InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[family == StandardProtocolFamily.INET6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
