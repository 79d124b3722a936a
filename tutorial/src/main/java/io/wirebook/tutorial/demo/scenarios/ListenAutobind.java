package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.sockets.Libc;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * {@code listen-autobind}: listen() on a TCP socket that was never bound (libc, through JNA: the JDK always
 * binds first) gets a free port from the kernel, on every address (0.0.0.0): getsockname shows port 0
 * before and the port after, and a client that connects to it completes the handshake. And
 * {@code socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)} fails with EPROTONOSUPPORT: a protocol must fit the type.
 */
public final class ListenAutobind extends LabScenario {
    public ListenAutobind() {
        super("listen-autobind", "listen() on a socket never bound gets a port from the kernel; socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) fails with EPROTONOSUPPORT",
                Duration.ofSeconds(3));
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        Libc libc = lab.server().libc();
        try {
            libc.socket("wrong-protocol", Libc.AF_INET, Libc.SOCK_STREAM, Libc.IPPROTO_UDP);
        } catch (IOException expected) {
            // recorded as socket = -1 EPROTONOSUPPORT
        }
        Libc.RawFd listener = libc.socket("listener", Libc.AF_INET, Libc.SOCK_STREAM, 0);
        libc.getsockname(listener); // port 0: not bound
        libc.listen(listener, 8);
        int port = libc.getsockname(listener);
        InetSocketAddress server = new InetSocketAddress(Loopback.of(StandardProtocolFamily.INET), port);
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            lab.spawn("client", () -> {
                try (TcpSocket c = lab.client().tcp("client")) {
                    c.connect(server);
                    pause(Duration.ofMillis(100));
                }
            });
            lab.awaitAll();
            pause(Duration.ofMillis(100));
            libc.close(listener); // the unaccepted connection goes with it
            String errno = lab.log().callsOn("wrong-protocol").stream().map(SocketCall::errno).findFirst().orElse(null);
            return port != 0 && "EPROTONOSUPPORT".equals(errno)
                    ? Outcome.achieved("listen() gave port " + port + "; the mismatched socket() failed with EPROTONOSUPPORT")
                    : Outcome.missed("port " + port + ", socket() with IPPROTO_UDP ended with " + errno);
        });
    }
}
