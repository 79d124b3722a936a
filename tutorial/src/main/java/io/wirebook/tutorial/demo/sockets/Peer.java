package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.Note;
import io.wirebook.calls.Side;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * One side of a scenario: where its sockets come from ({@code socket(2)}) and where its notes go.
 * Sockets are always opened for an explicit family, so an IPv4 scenario really has AF_INET sockets
 * (Java's default is a dual-stack AF_INET6 socket, which /proc lists in tcp6 with ::ffff:127.0.0.1).
 */
public final class Peer {
    private final SocketLab lab;
    private final Side side;

    Peer(SocketLab lab, Side side) {
        this.lab = lab;
        this.side = side;
    }

    public Side side() {
        return side;
    }

    /** AF_UNIX stream sockets on this side. */
    public UnixSockets unix() {
        return new UnixSockets(lab, side);
    }

    /** The calls the JDK cannot make, on this side (through JNA to libc). */
    public Libc libc() {
        return new Libc(lab, side);
    }

    /** {@code socket(AF_INET, SOCK_STREAM)} meant for listening. */
    public TcpListener listener(String name) throws IOException {
        return listener(name, StandardProtocolFamily.INET);
    }

    /**
     * {@code socket(family, SOCK_STREAM)} meant for listening. The JDK then sets SO_REUSEADDR on it by itself
     * (on every platform but Windows); that {@code setsockopt} is recorded too, with {@code by=jdk}.
     */
    public TcpListener listener(String name, ProtocolFamily family) throws IOException {
        TcpListener l = new TcpListener(lab, side, name);
        l.open(() -> ServerSocketChannel.open(family), family);
        return l;
    }

    /** {@code socket(AF_INET, SOCK_STREAM)}. */
    public TcpSocket tcp(String name) throws IOException {
        return tcp(name, StandardProtocolFamily.INET);
    }

    /** {@code socket(family, SOCK_STREAM)}. */
    public TcpSocket tcp(String name, ProtocolFamily family) throws IOException {
        TcpSocket s = new TcpSocket(lab, side, name, null);
        s.open(() -> SocketChannel.open(family), family);
        return s;
    }

    /** {@code socket(AF_INET, SOCK_DGRAM)}. */
    public UdpSocket udp(String name) throws IOException {
        return udp(name, StandardProtocolFamily.INET);
    }

    /** {@code socket(family, SOCK_DGRAM)}. */
    public UdpSocket udp(String name, ProtocolFamily family) throws IOException {
        UdpSocket s = new UdpSocket(lab, side, name);
        s.open(() -> DatagramChannel.open(family), family);
        return s;
    }

    /** Records an observation about this side. */
    public Note note(String key, Object value) {
        return lab.log().note(side, key, value);
    }

    static String domain(ProtocolFamily family) {
        return family == StandardProtocolFamily.INET6 ? "AF_INET6" : "AF_INET";
    }

    static Map<String, String> socketArgs(LabSocket s, ProtocolFamily family, String type) {
        Map<String, String> a = s.args();
        a.put("domain", domain(family));
        a.put("type", type);
        return a;
    }
}
