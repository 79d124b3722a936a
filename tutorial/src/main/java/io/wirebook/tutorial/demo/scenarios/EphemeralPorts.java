package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.NetworkLab;
import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.proc.KernelTcpState;
import io.wirebook.tutorial.demo.sockets.Libc;
import io.wirebook.tutorial.demo.sockets.Loopback;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import io.wirebook.tutorial.demo.sockets.TcpListener;
import io.wirebook.tutorial.demo.sockets.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ephemeral-ports} (a lab scenario): {@code ip_local_port_range} narrowed to {@value #FIRST} to
 * {@value #LAST}, two ports, and {@code tcp_tw_reuse} off. Two clients connect to server A and take both
 * ports; a third connect() to A fails with EADDRNOTAVAIL; a fourth socket connects to server B and gets a
 * port already in use towards A, because what must be unique is the 4-tuple, not the port. The two to A
 * close first, the server closes them too, and the client's ends sit in TIME_WAIT (noted from /proc/net/tcp, with
 * the two lines of the shared port); connect() to A still fails: TIME_WAIT holds those 4-tuples. Then bind()
 * to port 0 before connecting fails with EADDRINUSE (a port taken by bind() is taken for every
 * destination, and none is free of sockets), while with IP_BIND_ADDRESS_NO_PORT the same bind() succeeds
 * with port 0 and leaves the choice to connect(), which finds a port free towards B.
 *
 * <p>Two ports, not three: connect() walks the range in steps of two from an even offset and rounds an odd
 * number of ports down ({@code remaining &= ~1} in {@code __inet_hash_connect}), so of 40000-40002 it
 * would only ever use two (measured).
 */
public final class EphemeralPorts extends LabScenario {
    static final int FIRST = 40000, LAST = 40001;
    static final int PORT_A = 5001, PORT_B = 5002;

    private static final NetworkLab LAB = NetworkLab.builder()
            .sysctl("net.ipv4.ip_local_port_range", FIRST + " " + LAST)
            .sysctl("net.ipv4.tcp_tw_reuse", 0)
            .build();

    public EphemeralPorts() {
        super("ephemeral-ports", "ip_local_port_range of 2 ports (lab): one port towards two servers, EADDRNOTAVAIL in TIME_WAIT, bind(0) vs IP_BIND_ADDRESS_NO_PORT",
                Duration.ofSeconds(5));
    }

    @Override
    public NetworkLab network() {
        return LAB;
    }

    @Override
    protected Stage setUp(SocketLab lab) throws IOException {
        TcpListener a = listen(lab, StandardProtocolFamily.INET, PORT_A, 8);
        TcpListener b = lab.server().listener("listener-b", StandardProtocolFamily.INET);
        b.listen(new InetSocketAddress(Loopback.of(StandardProtocolFamily.INET), PORT_B), 8);
        InetSocketAddress toA = a.localAddress(), toB = b.localAddress();
        AtomicInteger timeWaitA = new AtomicInteger();
        return new Stage(List.of(Endpoint.tcp(toA, "listener"), Endpoint.tcp(toB, "listener-b")), false, () -> {
            lab.spawn("server", () -> {
                List<TcpSocket> connsA = new ArrayList<>();
                for (int i = 1; i <= 2; i++) {
                    connsA.add(a.accept("conn-a" + i));
                }
                TcpSocket b4 = b.accept("conn-b4");
                for (TcpSocket c : connsA) {
                    c.read(64); // 0: the client's FIN (the client closes first)
                    c.close();  // our FIN: the client's end goes to TIME_WAIT before it tries A again
                }
                TcpSocket b6 = b.accept("conn-b6");
                for (TcpSocket c : List.of(b4, b6)) {
                    c.read(64);
                    c.close();
                }
                a.close();
                b.close();
            });
            lab.spawn("client", () -> {
                Libc libc = lab.client().libc();
                List<TcpSocket> toServerA = new ArrayList<>();
                for (int i = 1; i <= 2; i++) {
                    TcpSocket c = lab.client().tcp("client-a" + i);
                    c.connect(toA);
                    toServerA.add(c);
                }
                try (TcpSocket c3 = lab.client().tcp("client-a3")) {
                    c3.connect(toA);
                } catch (IOException expected) {
                    // recorded as connect = -1 EADDRNOTAVAIL: both ports are taken towards A
                }
                TcpSocket c4 = lab.client().tcp("client-b4");
                c4.connect(toB); // a port already used towards A
                List<InetSocketAddress> endsA = new ArrayList<>();
                for (TcpSocket c : toServerA) {
                    endsA.add(c.localAddress());
                    c.close(); // first: TIME_WAIT on the client's side once the server's FIN is in
                }
                for (int i = 0; i < endsA.size(); i++) {
                    Observe.connection(lab.client(), "client-a" + (i + 1) + ".closed.proc_net_tcp", endsA.get(i), toA,
                                    KernelTcpState.TIME_WAIT)
                            .ifPresent(e -> timeWaitA.incrementAndGet());
                }
                // One port, two entries: towards A in TIME_WAIT, towards B ESTABLISHED.
                Observe.port(lab.log(), "shared_port.proc_net_tcp", c4.localAddress().getPort());
                try (TcpSocket c5 = lab.client().tcp("client-a5")) {
                    c5.connect(toA);
                } catch (IOException expected) {
                    // recorded as connect = -1 EADDRNOTAVAIL
                }
                try (TcpSocket c7 = lab.client().tcp("client-bound")) {
                    c7.bind(new InetSocketAddress(Loopback.of(StandardProtocolFamily.INET), 0));
                } catch (IOException expected) {
                    // recorded as bind = -1 EADDRINUSE: no port is free for every destination
                }
                TcpSocket c6 = lab.client().tcp("client-b6");
                libc.bindAddressNoPort(c6);
                c6.bind(new InetSocketAddress(Loopback.of(StandardProtocolFamily.INET), 0));
                libc.getsockname(c6); // still port 0
                c6.connect(toB);
                c4.close();
                c6.close();
            });
            lab.awaitAll();
            boolean notAvail = lab.log().callsOn("client-a5").stream()
                    .anyMatch(c -> c.call().equals("connect") && "EADDRNOTAVAIL".equals(c.errno()));
            return notAvail && timeWaitA.get() == 2 ? Outcome.achieved("connect() to A found no free 4-tuple, also with the ports in TIME_WAIT: EADDRNOTAVAIL")
                    : Outcome.missed("connect() to A: EADDRNOTAVAIL " + notAvail + ", A's ends in TIME_WAIT: " + timeWaitA.get());
        });
    }
}
