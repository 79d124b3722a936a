package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.UnixSockets;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code unix-socket} (a lab scenario): one request and response over an AF_UNIX stream socket while the
 * whole of {@code lo} is captured, with no filter, in a network namespace of its own where nothing else
 * talks: the capture holds zero packets. A Unix-domain socket is a file-system name for a pair of kernel
 * buffers; its bytes never become IP packets, so no network capture can see them (strace can).
 */
public final class UnixSocket extends LabScenario {
    private static final NetworkLab LAB = NetworkLab.builder().build(); // a quiet lo, nothing set

    public UnixSocket() {
        super("unix-socket", "An AF_UNIX stream exchange while all of lo is captured (lab): zero packets, the calls alone show it",
                Duration.ofSeconds(3));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        Path dir = Files.createTempDirectory("wirebook-unix-");
        Path path = dir.resolve("server.sock");
        UnixSockets server = lab.server().unix(), client = lab.client().unix();
        ServerSocketChannel listener = server.listen("listener", path, 8);
        return new Stage(List.of(), false, () -> {
            byte[][] got = new byte[2][];
            lab.spawn("server", () -> {
                SocketChannel conn = server.accept(listener, "listener", "conn");
                got[0] = server.read(conn, "conn", 64);
                server.write(conn, "conn", RESPONSE);
                server.read(conn, "conn", 64); // 0: the client closed
                server.close(conn, "conn");
                server.close(listener, "listener");
            });
            lab.spawn("client", () -> {
                SocketChannel c = client.connect("client", path);
                client.write(c, "client", REQUEST);
                got[1] = client.read(c, "client", 64);
                client.close(c, "client");
            });
            lab.awaitAll();
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
            return Arrays.equals(got[0], REQUEST) && Arrays.equals(got[1], RESPONSE)
                    ? Outcome.achieved("request and response went through the AF_UNIX socket")
                    : Outcome.missed("the exchange over the AF_UNIX socket did not complete");
        });
    }
}
