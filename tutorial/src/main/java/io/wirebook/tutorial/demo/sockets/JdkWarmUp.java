package io.wirebook.tutorial.demo.sockets;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Opens and closes one channel of each kind, unrecorded, once per JVM, before any scenario records.
 *
 * <p>The JDK's first socket does a lot besides socket(2): it probes IPv6 support, SO_REUSEPORT and the
 * extended TCP options (TCP_QUICKACK, TCP_KEEPIDLE...), each with a throw-away socket, and loads its
 * classes, which took 20-50 ms. Done here, none of that lands inside the first recorded {@code socket}
 * call, whose timing and strace neighbourhood would otherwise mislead.
 */
final class JdkWarmUp {
    private static volatile boolean done;

    private JdkWarmUp() {}

    static void ensure() {
        if (done) {
            return;
        }
        synchronized (JdkWarmUp.class) {
            if (done) {
                return;
            }
            try (SocketChannel a = SocketChannel.open(StandardProtocolFamily.INET);
                 ServerSocketChannel b = ServerSocketChannel.open(StandardProtocolFamily.INET);
                 DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET)) {
                a.getOption(StandardSocketOptions.SO_LINGER);
                b.getLocalAddress();
                c.getLocalAddress();
                Fds.of(a);
            } catch (IOException | UnsupportedOperationException e) {
                // a warm-up only; the scenario's own calls will report any real problem
            }
            done = true;
        }
    }
}
