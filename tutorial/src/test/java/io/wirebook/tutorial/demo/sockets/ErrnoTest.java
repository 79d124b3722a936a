package io.wirebook.tutorial.demo.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void messagesTheJdkThrowsOnLinux() {
        assertEquals("ECONNREFUSED", Errno.of(new ConnectException("Connection refused")));
        assertEquals("EADDRINUSE", Errno.of(new BindException("Address already in use")));
        assertEquals("EADDRNOTAVAIL", Errno.of(new BindException("Cannot assign requested address")));
        assertEquals("ECONNREFUSED", Errno.of(new PortUnreachableException()));
        assertEquals("ECONNRESET", Errno.of(new SocketException("Connection reset")));
        assertEquals("ECONNRESET", Errno.of(new IOException("Connection reset by peer")));
        assertEquals("EPIPE", Errno.of(new IOException("Broken pipe")));
        assertEquals("ETIMEDOUT", Errno.of(new ConnectException("Connection timed out")));
        assertEquals("ENETUNREACH", Errno.of(new ConnectException("Network is unreachable")));
        assertEquals("ENOTCONN", Errno.of(new SocketException("Transport endpoint is not connected")));
    }

    @Test
    void noErrnoWhenNoSystemCallFailed() {
        assertNull(Errno.of(new ClosedChannelException()));
        assertNull(Errno.of(new AsynchronousCloseException()));
        assertNull(Errno.of(new SocketTimeoutException("Connect timed out"))); // Java's poll timed out
        assertNull(Errno.of(new IOException("something else")));
        assertNull(Errno.of(new IOException()));
        assertEquals("java.nio.channels.ClosedChannelException", Errno.describe(new ClosedChannelException()));
    }

    @Test
    void addressesAreWrittenLikeSs() throws Exception {
        assertEquals("::1", SocketAddresses.format(Loopback.V6));
        assertEquals("127.0.0.1", SocketAddresses.format(Loopback.V4));
        assertEquals("[::1]:8080", SocketAddresses.format(new InetSocketAddress(Loopback.V6, 8080)));
        assertEquals("::", SocketAddresses.format(InetAddress.getByAddress(new byte[16])));
        assertEquals("2001:db8::1:0:0:1", SocketAddresses.format(Inet6Address.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", SocketAddresses.format(Inet6Address.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("fe80::1", SocketAddresses.format(Inet6Address.getByName("fe80:0:0:0:0:0:0:1")));
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, (byte) 168, 0, 1};
        assertEquals("::ffff:192.168.0.1", SocketAddresses.format(Inet6Address.getByAddress(null, mapped, 0)));
    }
}
