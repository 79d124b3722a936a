package io.wirebook.tutorial.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wirebook.tutorial.demo.sockets.Loopback;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void bpfFilterCoversEveryEndpointOnce() {
        Endpoint a = Endpoint.tcp(new InetSocketAddress(Loopback.V4, 40123), "listener");
        Endpoint b = Endpoint.tcp(new InetSocketAddress(Loopback.V6, 40123), "listener6");
        Endpoint c = Endpoint.udp(new InetSocketAddress(Loopback.V4, 5000), "closed-port");
        assertEquals("tcp port 40123", Endpoint.bpfFilter(List.of(a, b), false));
        assertEquals("tcp port 40123 or udp port 5000 or icmp or icmp6", Endpoint.bpfFilter(List.of(a, c), true));
    }

    @Test
    void portMustBeKnown() {
        assertThrows(IllegalArgumentException.class,
                () -> Endpoint.tcp(new InetSocketAddress(Loopback.V4, 0), "listener"));
    }
}
