package io.wirebook.tutorial.demo.sockets;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import java.util.LinkedHashMap;
import java.util.Map;

/** A listening TCP socket over a blocking {@link ServerSocketChannel}; each call recorded. */
public final class TcpListener extends LabSocket {
    private ServerSocketChannel ch;

    TcpListener(SocketLab lab, Side side, String name) {
        super(lab, side, name);
    }

    @FunctionalInterface
    interface Opener {
        ServerSocketChannel open() throws IOException;
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
        noteJdkDefaults(socket[0], JdkDefaults.Kind.LISTENER, family);
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    /** {@code setsockopt(SOL_SOCKET, SO_REUSEADDR, on)}; the JDK has already turned it on. */
    public void setReuseAddress(boolean on) throws IOException {
        Map<String, String> a = args();
        a.put("level", "SOL_SOCKET");
        a.put("option", "SO_REUSEADDR");
        a.put("value", on ? "1" : "0");
        record("setsockopt", a, x -> ch.setOption(StandardSocketOptions.SO_REUSEADDR, on), v -> "0");
    }

    /**
     * {@code bind(addr)} then {@code listen(backlog)}. Java does both in one method, so both records get its
     * time span (each system call lies inside [ts, end_ts]); bind is added first, so it sorts first.
     */
    public TcpListener listen(InetSocketAddress addr, int backlog) throws IOException {
        if (backlog < 1) {
            throw new IllegalArgumentException("Java replaces a backlog below 1 with 50; pass at least 1");
        }
        Loopback.requireLocal(addr);
        Map<String, String> a = args();
        putAddress(a, "", addr);
        SocketCall[] bind = new SocketCall[1];
        CallRecorder.record(log(), side, "bind", a, x -> {
            ch.bind(addr, backlog);
            if (addr.getPort() == 0) {
                x.put("local_port", Integer.toString(localPort()));
            }
            return null;
        }, v -> "0", bind);
        Map<String, String> l = args();
        l.put("backlog", Integer.toString(backlog));
        CallRecorder.recordInside(log(), bind[0], "listen", l, "0");
        return this;
    }

    /** {@code accept()}, blocking; the new socket gets {@code name}. */
    public TcpSocket accept(String newName) throws IOException {
        TcpSocket[] out = new TcpSocket[1];
        record("accept", args(), x -> {
            SocketChannel c = ch.accept();
            TcpSocket s = new TcpSocket(lab, side, newName, c);
            lab.register(s);
            s.learnFd();
            InetSocketAddress peer = (InetSocketAddress) c.getRemoteAddress();
            putAddress(x, "peer_", peer);
            if (s.fd() >= 0) {
                x.put("new_fd", Integer.toString(s.fd()));
            }
            out[0] = s;
            return newName;
        }, v -> v);
        return out[0];
    }
}
