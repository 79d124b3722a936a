package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.CallLog;
import io.wirebook.calls.Scenario;
import io.wirebook.tutorial.demo.proc.Sysctl;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The tutorial's base class for a demo scenario: it implements the analyzer's {@link Scenario} on a
 * {@link SocketLab}. A subclass's {@link #setUp} binds what must exist before traffic and returns the
 * {@link Stage}, whose play is the traffic. Every log starts with notes {@code scenario} and
 * {@code kernel}.
 */
public abstract class LabScenario implements Scenario {
    private final String name;
    private final String description;
    private final Duration timeBound;

    protected LabScenario(String name, String description, Duration timeBound) {
        this.name = name;
        this.description = description;
        this.timeBound = timeBound;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Duration timeBound() {
        return timeBound;
    }

    /** Binds listeners or finds free ports, recording those calls; sends no packet. */
    protected abstract Stage setUp(SocketLab lab) throws IOException;

    @Override
    public final PreparedLab prepare(CallLog log) throws IOException {
        log.note(null, "scenario", name);
        log.note(null, "kernel", Sysctl.kernelRelease());
        SocketLab lab = new SocketLab(log, timeBound);
        try {
            return new PreparedLab(name, lab, setUp(lab));
        } catch (IOException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    /** The request every request/response scenario sends. */
    static final byte[] REQUEST = "hello\n".getBytes(StandardCharsets.US_ASCII);
    /** The response to {@link #REQUEST}. */
    static final byte[] RESPONSE = "HELLO\n".getBytes(StandardCharsets.US_ASCII);

    /** A server-side listener named {@code listener} on the family's loopback address and a free port. */
    protected static TcpListener listen(SocketLab lab, ProtocolFamily family, int backlog) throws IOException {
        return listen(lab, family, 0, backlog);
    }

    /** A server-side listener named {@code listener} on the family's loopback address and {@code port}. */
    protected static TcpListener listen(SocketLab lab, ProtocolFamily family, int port, int backlog)
            throws IOException {
        TcpListener l = lab.server().listener("listener", family);
        l.listen(new InetSocketAddress(Loopback.of(family), port), backlog);
        return l;
    }

    /** Sleeps; scenarios pause only to let the kernel act (a delayed ACK, a zero-window probe). */
    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public String toString() {
        return name;
    }
}
