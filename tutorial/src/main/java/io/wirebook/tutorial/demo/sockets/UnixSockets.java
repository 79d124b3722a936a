package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.Side;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AF_UNIX stream sockets (JDK 16's {@link StandardProtocolFamily#UNIX}), each call recorded like the TCP
 * ones: socket, bind (to a path), listen, accept, connect, write, read, close. A Unix-domain socket never
 * reaches the IP stack, so a capture on {@code lo} sees nothing of it. The caller closes what it opens.
 */
public final class UnixSockets {
    private final SocketLab lab;
    private final Side side;

    UnixSockets(SocketLab lab, Side side) {
        this.lab = lab;
        this.side = side;
    }

    private static Map<String, String> args(String name, Channel ch) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sock", name);
        int fd = Fds.of(ch);
        if (fd >= 0) {
            a.put("fd", Integer.toString(fd));
        }
        return a;
    }

    private Map<String, String> socketArgs(String name) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sock", name);
        a.put("domain", "AF_UNIX");
        a.put("type", "SOCK_STREAM");
        return a;
    }

    /** socket(AF_UNIX, SOCK_STREAM), bind(path), listen(backlog): Java's bind does the last two at once. */
    public ServerSocketChannel listen(String name, Path path, int backlog) throws IOException {
        Map<String, String> s = socketArgs(name);
        ServerSocketChannel ch = CallRecorder.record(lab.log(), side, "socket", s, x -> {
            ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            int fd = Fds.of(c);
            if (fd >= 0) {
                x.put("fd", Integer.toString(fd));
            }
            return c;
        }, v -> name);
        Map<String, String> b = args(name, ch);
        b.put("path", path.toString());
        io.wirebook.calls.SocketCall[] bind = new io.wirebook.calls.SocketCall[1];
        CallRecorder.record(lab.log(), side, "bind", b, x -> ch.bind(UnixDomainSocketAddress.of(path), backlog), v -> "0", bind);
        Map<String, String> l = args(name, ch);
        l.put("backlog", Integer.toString(backlog));
        CallRecorder.recordInside(lab.log(), bind[0], "listen", l, "0");
        return ch;
    }

    public SocketChannel accept(ServerSocketChannel listener, String name, String newName) throws IOException {
        return CallRecorder.record(lab.log(), side, "accept", args(name, listener), x -> {
            SocketChannel c = listener.accept();
            int fd = Fds.of(c);
            if (fd >= 0) {
                x.put("new_fd", Integer.toString(fd));
            }
            return c;
        }, v -> newName);
    }

    /** socket(AF_UNIX, SOCK_STREAM), then connect(path). */
    public SocketChannel connect(String name, Path path) throws IOException {
        SocketChannel ch = CallRecorder.record(lab.log(), side, "socket", socketArgs(name), x -> {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            int fd = Fds.of(c);
            if (fd >= 0) {
                x.put("fd", Integer.toString(fd));
            }
            return c;
        }, v -> name);
        Map<String, String> a = args(name, ch);
        a.put("path", path.toString());
        CallRecorder.record(lab.log(), side, "connect", a, x -> ch.connect(UnixDomainSocketAddress.of(path)), v -> "0");
        return ch;
    }

    public int write(SocketChannel ch, String name, byte[] data) throws IOException {
        Map<String, String> a = args(name, ch);
        a.put("len", Integer.toString(data.length));
        return CallRecorder.record(lab.log(), side, "write", a, x -> ch.write(ByteBuffer.wrap(data)), String::valueOf);
    }

    public byte[] read(SocketChannel ch, String name, int max) throws IOException {
        Map<String, String> a = args(name, ch);
        a.put("len", Integer.toString(max));
        ByteBuffer b = ByteBuffer.allocate(max);
        int n = CallRecorder.record(lab.log(), side, "read", a, x -> ch.read(b), v -> Integer.toString(Math.max(v, 0)));
        return Arrays.copyOf(b.array(), Math.max(n, 0));
    }

    public void close(Channel ch, String name) throws IOException {
        CallRecorder.record(lab.log(), side, "close", args(name, ch), x -> {
            ch.close();
            return null;
        }, v -> "0");
    }
}
