package io.wirebook.timeline;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.decode.Addresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sockets a call log speaks of, each with its side, its calls in order, and the addresses its calls
 * revealed: {@code bind} gives the local end, {@code connect} both ends, {@code accept} the new socket's
 * peer (its local end is the listener's). That is what ties a packet's addresses to the socket that sent
 * it and to the calls made on it.
 */
final class SocketMap {
    /** One socket of the log. */
    static final class Sock {
        final String name;
        final Side side;
        /** 6 for SOCK_STREAM, 17 for SOCK_DGRAM, 0 until a call says. */
        int protocol;
        String local;
        String remote;
        boolean listener;
        /** socket()'s domain ({@code AF_INET}, {@code AF_INET6}), null until a call says. */
        String domain;
        final List<SocketCall> calls = new ArrayList<>();

        Sock(String name, Side side) {
            this.name = name;
            this.side = side;
        }
    }

    final Map<String, Sock> byName = new LinkedHashMap<>();
    /** "local|remote" of connected sockets. */
    private final Map<String, Sock> byTuple = new HashMap<>();
    /** Local endpoint of bound or listening sockets (the server side of accepted connections too). */
    private final Map<String, Sock> byLocal = new HashMap<>();

    SocketMap(List<SocketCall> calls) {
        for (SocketCall c : calls) {
            String name = c.sock();
            if (name == null) {
                continue;
            }
            Sock s = byName.computeIfAbsent(name, n -> new Sock(n, c.side()));
            s.calls.add(c);
            learn(s, c);
        }
    }

    private void learn(Sock s, SocketCall c) {
        if (c.arg("domain") != null) {
            s.domain = c.arg("domain");
        }
        String type = c.arg("type");
        if ("SOCK_STREAM".equals(type)) {
            s.protocol = 6;
        } else if ("SOCK_DGRAM".equals(type)) {
            s.protocol = 17;
        }
        if (c.failed()) {
            if (c.call().equals("connect")) {
                // A refused connect still says where it went; its local port shows up in its SYN.
                s.remote = endpoint(c.arg("addr"), c.arg("port"));
            }
            return;
        }
        switch (c.call()) {
            case "bind": {
                String port = c.arg("local_port") != null ? c.arg("local_port") : c.arg("port");
                s.local = endpoint(c.arg("addr"), port);
                if (s.local != null) {
                    byLocal.putIfAbsent(s.local, s);
                }
                break;
            }
            case "listen":
                s.listener = true;
                if (s.local == null && c.arg("local_port") != null) {
                    // listen() on a socket never bound: the kernel bound it to a free port on every address
                    // (inet_autobind leaves the address INADDR_ANY); the log has the port it picked.
                    String any = c.arg("local_addr") != null ? c.arg("local_addr")
                            : "AF_INET6".equals(s.domain) ? "::" : "0.0.0.0";
                    s.local = endpoint(any, c.arg("local_port"));
                }
                if (s.local != null) {
                    byLocal.put(s.local, s);
                }
                break;
            case "connect": {
                String local = endpoint(c.arg("local_addr"), c.arg("local_port"));
                if (local != null) {
                    s.local = local;
                }
                s.remote = endpoint(c.arg("addr"), c.arg("port"));
                if (s.local != null && s.remote != null) {
                    byTuple.put(s.local + "|" + s.remote, s);
                }
                break;
            }
            case "accept": {
                String peer = endpoint(c.arg("peer_addr"), c.arg("peer_port"));
                String child = c.result();
                if (child != null && peer != null && s.local != null) {
                    Sock n = byName.computeIfAbsent(child, k -> new Sock(k, s.side));
                    n.protocol = 6;
                    n.local = s.local;
                    n.remote = peer;
                    byTuple.put(n.local + "|" + n.remote, n);
                }
                break;
            }
            default:
                break;
        }
    }

    /** The socket that sends from {@code src} to {@code dst}, or null. */
    Sock sender(String src, String dst) {
        Sock s = byTuple.get(src + "|" + dst);
        if (s != null) {
            return s;
        }
        s = byLocal.get(src);
        // An unconnected UDP socket sends from its bound address to anyone; a listener sends nothing itself.
        return s != null && !s.listener ? s : null;
    }

    /** The socket a packet to {@code dst} from {@code src} is delivered to, or null. */
    Sock receiver(String src, String dst) {
        Sock s = byTuple.get(dst + "|" + src);
        if (s != null) {
            return s;
        }
        s = byLocal.get(dst);
        return s != null && !s.listener ? s : null;
    }

    /** The side that owns an address: whoever bound, listened or connected from it. */
    Side sideOf(String endpoint) {
        Sock s = byLocal.get(endpoint);
        if (s != null) {
            return s.side;
        }
        for (Sock t : byName.values()) {
            if (endpoint.equals(t.local)) {
                return t.side;
            }
        }
        return null;
    }

    /**
     * True when a socket bound to {@code local} owns {@code endpoint}: the same address and port, or the
     * same port on the wildcard address (0.0.0.0 or ::) of a socket bound to every address.
     */
    static boolean owns(String local, String endpoint) {
        if (local == null || endpoint == null) {
            return false;
        }
        if (local.equals(endpoint)) {
            return true;
        }
        int colon = local.lastIndexOf(':');
        String addr = local.substring(0, colon);
        return (addr.equals("0.0.0.0") && endpoint.indexOf(':') == endpoint.lastIndexOf(':')
                || addr.equals("::") || addr.equals("[::]"))
                && endpoint.endsWith(local.substring(colon));
    }

    /** Records that a socket whose connect() failed before its local port was known sent from {@code local}. */
    void learnLocal(Sock s, String local) {
        s.local = local;
        if (s.remote != null) {
            byTuple.put(local + "|" + s.remote, s);
        }
    }

    /** "addr:port" with the address in RFC 5952 form, or null when either is missing. */
    static String endpoint(String addr, String port) {
        if (addr == null || port == null) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(addr).getAddress();
            return Addresses.toString(b.length == 4 ? 4 : 6, b, 0) + ":" + Integer.parseInt(port);
        } catch (UnknownHostException | NumberFormatException e) {
            return addr + ":" + port;
        }
    }
}
