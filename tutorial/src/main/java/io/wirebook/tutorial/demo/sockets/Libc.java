package io.wirebook.tutorial.demo.sockets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.wirebook.calls.Side;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few socket calls the JDK cannot make, made on the real libc through JNA and recorded like every
 * other call: {@code dup(2)} of a socket's descriptor and {@code close(2)} of the copy, a {@code socket(2)}
 * with a protocol that does not fit its type, {@code listen(2)} on a socket never bound, and
 * {@code setsockopt(IP_BIND_ADDRESS_NO_PORT)}, and the process's descriptor limit ({@code getrlimit},
 * {@code setrlimit} of RLIMIT_NOFILE). A failed call throws an IOException whose message is
 * strerror's text, so {@link Errno} names it as for the JDK's calls.
 */
public final class Libc {
    /** The glibc functions we call; JNA sets errno into a LastErrorException. */
    interface C extends Library {
        int dup(int fd) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int listen(int fd, int backlog) throws LastErrorException;

        int getsockname(int fd, byte[] addr, int[] len) throws LastErrorException;

        int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

        int getrlimit(int resource, long[] rlim) throws LastErrorException;

        int setrlimit(int resource, long[] rlim) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final class Holder {
        static final C C = Native.load("c", C.class);
    }

    public static final int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_IP = 0, IPPROTO_UDP = 17;
    /** {@code RLIMIT_NOFILE} (asm-generic/resource.h): the most descriptors a process may have open. */
    public static final int RLIMIT_NOFILE = 7;
    /** {@code IP_BIND_ADDRESS_NO_PORT} (linux/in.h): bind() leaves the port to connect(). */
    public static final int IP_BIND_ADDRESS_NO_PORT = 24;

    private final SocketLab lab;
    private final Side side;

    Libc(SocketLab lab, Side side) {
        this.lab = lab;
        this.side = side;
    }

    @FunctionalInterface
    private interface Call {
        int run() throws LastErrorException;
    }

    private static int call(Call c) throws IOException {
        try {
            return c.run();
        } catch (LastErrorException e) {
            throw new IOException(Holder.C.strerror(e.getErrorCode()) + " (errno " + e.getErrorCode() + ")", e);
        }
    }

    private static Map<String, String> args(String sock, int fd) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sock", sock);
        if (fd >= 0) {
            a.put("fd", Integer.toString(fd));
        }
        return a;
    }

    /**
     * {@code dup(fd)} of one of our sockets: a second descriptor for the same socket, recorded with the
     * name {@code copy} as its result. The socket is released (and a FIN sent) only when every descriptor
     * for it is closed.
     */
    public RawFd dup(LabSocket s, String copy) throws IOException {
        int fd = s.fd();
        if (fd < 0) {
            throw new IOException("the socket's descriptor is hidden: run with --add-opens java.base/sun.nio.ch=ALL-UNNAMED");
        }
        int[] got = new int[1];
        CallRecorder.record(lab.log(), side, "dup", args(s.name(), fd), x -> {
            got[0] = call(() -> Holder.C.dup(fd));
            x.put("new_fd", Integer.toString(got[0]));
            return copy;
        }, v -> v);
        return new RawFd(copy, got[0]);
    }

    /** {@code socket(domain, type, protocol)} made directly; the result is recorded as {@code name}. */
    public RawFd socket(String name, int domain, int type, int protocol) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("sock", name);
        a.put("domain", domain == AF_INET ? "AF_INET" : Integer.toString(domain));
        a.put("type", type == SOCK_STREAM ? "SOCK_STREAM" : Integer.toString(type));
        a.put("protocol", protocol == IPPROTO_UDP ? "IPPROTO_UDP" : protocol == 0 ? "0" : Integer.toString(protocol));
        int[] got = new int[1];
        CallRecorder.record(lab.log(), side, "socket", a, x -> {
            got[0] = call(() -> Holder.C.socket(domain, type, protocol));
            x.put("fd", Integer.toString(got[0]));
            return name;
        }, v -> v);
        return new RawFd(name, got[0]);
    }

    /** {@code listen(fd, backlog)}; a socket never bound gets a port from the kernel here, recorded as {@code local_port}. */
    public void listen(RawFd s, int backlog) throws IOException {
        Map<String, String> a = args(s.name(), s.fd());
        a.put("backlog", Integer.toString(backlog));
        CallRecorder.record(lab.log(), side, "listen", a, x -> {
            call(() -> Holder.C.listen(s.fd(), backlog));
            x.put("local_port", Integer.toString(localPort(s)));
            return null;
        }, v -> "0");
    }

    /** {@code getsockname(fd)}: the IPv4 port the socket has now (0: none yet), recorded. */
    public int getsockname(RawFd s) throws IOException {
        Map<String, String> a = args(s.name(), s.fd());
        return CallRecorder.record(lab.log(), side, "getsockname", a, x -> {
            int port = localPort(s);
            x.put("local_port", Integer.toString(port));
            return port;
        }, v -> "0");
    }

    /** {@code getsockname} of one of our sockets, recorded: its IPv4 port now (0 before the kernel gave one). */
    public int getsockname(LabSocket s) throws IOException {
        return getsockname(new RawFd(s.name(), s.fd()));
    }

    private static int localPort(RawFd s) throws IOException {
        byte[] sa = new byte[16]; // struct sockaddr_in
        int[] len = {16};
        call(() -> Holder.C.getsockname(s.fd(), sa, len));
        return (sa[2] & 0xFF) << 8 | sa[3] & 0xFF; // sin_port, network byte order
    }

    /** {@code setsockopt(IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)} on one of our sockets. */
    public void bindAddressNoPort(LabSocket s) throws IOException {
        Map<String, String> a = args(s.name(), s.fd());
        a.put("level", "IPPROTO_IP");
        a.put("option", "IP_BIND_ADDRESS_NO_PORT");
        a.put("value", "1");
        CallRecorder.record(lab.log(), side, "setsockopt", a,
                x -> call(() -> Holder.C.setsockopt(s.fd(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, new int[] {1}, 4)),
                v -> "0");
    }

    /** {@code close(fd)} of a descriptor made here. */
    public void close(RawFd s) throws IOException {
        CallRecorder.record(lab.log(), side, "close", args(s.name(), s.fd()), x -> call(() -> Holder.C.close(s.fd())), v -> "0");
    }

    /**
     * {@code getrlimit(RLIMIT_NOFILE)}, recorded: {soft, hard}. The soft limit is what open(), socket() and
     * accept() are held to (EMFILE past it); a process may raise it up to the hard one.
     */
    public long[] getrlimitNofile() throws IOException {
        long[] lim = new long[2]; // struct rlimit {rlim_cur, rlim_max}, two unsigned longs on x86-64 and arm64
        Map<String, String> a = new LinkedHashMap<>();
        a.put("resource", "RLIMIT_NOFILE");
        CallRecorder.record(lab.log(), side, "getrlimit", a, x -> {
            call(() -> Holder.C.getrlimit(RLIMIT_NOFILE, lim));
            x.put("soft", Long.toUnsignedString(lim[0]));
            x.put("hard", Long.toUnsignedString(lim[1]));
            return null;
        }, v -> "0");
        return lim;
    }

    /** {@code setrlimit(RLIMIT_NOFILE, {soft, hard})}, recorded. */
    public void setrlimitNofile(long soft, long hard) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("resource", "RLIMIT_NOFILE");
        a.put("soft", Long.toUnsignedString(soft));
        a.put("hard", Long.toUnsignedString(hard));
        CallRecorder.record(lab.log(), side, "setrlimit", a, x -> call(() -> Holder.C.setrlimit(RLIMIT_NOFILE, new long[] {soft, hard})),
                v -> "0");
    }

    /**
     * The lowest descriptor number free in this process, the one the next socket() or accept() gets
     * (POSIX: the lowest available): dup(0) returns it, and it is closed again at once. Not recorded: it is
     * the scenario's measurement, not one of its socket calls.
     */
    public static int lowestFreeDescriptor() throws IOException {
        int fd = call(() -> Holder.C.dup(0));
        call(() -> Holder.C.close(fd));
        return fd;
    }

    /** A descriptor this class made, with its name in the log. */
    public record RawFd(String name, int fd) {}
}
