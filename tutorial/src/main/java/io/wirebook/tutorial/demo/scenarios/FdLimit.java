package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.sockets.Errno;
import io.wirebook.tutorial.demo.sockets.Libc;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;

/**
 * {@code fd-limit} (a lab scenario, for a process of its own: the limit it lowers is its process's): a
 * connection is a descriptor, and a process may have only RLIMIT_NOFILE of them. Two clients connect to a
 * listener; the server's soft limit is then set so that exactly one more descriptor fits (one above the
 * lowest free descriptor number: the kernel hands out the lowest). The kernel completes both handshakes
 * without asking anyone: both connections wait in the accept queue. The first accept() takes the last
 * descriptor; the second fails with EMFILE, and its connection stays queued, not refused; once the limit
 * is back, accept() returns it. The client sockets are made before the limit is lowered (they are
 * descriptors of the same process).
 */
public final class FdLimit extends LabScenario {
    private static final NetworkLab LAB = NetworkLab.builder().build();

    public FdLimit() {
        super("fd-limit", "RLIMIT_NOFILE lowered to one more descriptor (lab): the kernel completes two handshakes, the"
                + " second accept() fails with EMFILE and its connection waits in the queue until the limit is raised",
                Duration.ofSeconds(3));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener listener = listen(lab, StandardProtocolFamily.INET, 8);
        InetSocketAddress server = listener.localAddress();
        return Stage.of(Endpoint.tcp(server, "listener"), () -> {
            Libc libc = lab.server().libc();
            long[] limit = libc.getrlimitNofile();
            TcpSocket c1 = lab.client().tcp("client-1");
            TcpSocket c2 = lab.client().tcp("client-2");
            // Past the limit the JVM cannot open a class file either: a class first used on the EMFILE path
            // (run from target/classes, not the jar, each class is a file) must be loaded before. A failure
            // is named and described once here, so every class of that path is in memory.
            Errno.describe(new IOException("Too many open files"));
            int free = Libc.lowestFreeDescriptor();
            lab.log().note(Side.SERVER, "fd.lowest_free", free);
            libc.setrlimitNofile(free + 1, limit[1]); // descriptor numbers must be below the soft limit
            c1.connect(server);
            c2.connect(server);
            pause(Duration.ofMillis(50)); // both handshakes done: two connections in the accept queue
            TcpSocket conn1 = listener.accept("conn-1");
            try {
                listener.accept("conn-2");
            } catch (IOException expected) {
                // recorded as accept = -1 EMFILE; the connection stays in the queue
            }
            libc.setrlimitNofile(limit[0], limit[1]);
            TcpSocket conn2 = listener.accept("conn-2");
            for (TcpSocket s : new TcpSocket[] {c1, c2, conn1, conn2}) {
                s.close();
            }
            listener.close();
            String errno = lab.log().calls().stream().filter(c -> c.call().equals("accept") && c.failed())
                    .map(SocketCall::errno).findFirst().orElse(null);
            return "EMFILE".equals(errno)
                    ? Outcome.achieved("the second accept() failed with EMFILE at a soft limit of " + (free + 1)
                            + " and returned the queued connection once the limit was " + limit[0] + " again")
                    : Outcome.missed("the accept() at the lowered limit ended with " + errno);
        });
    }
}
