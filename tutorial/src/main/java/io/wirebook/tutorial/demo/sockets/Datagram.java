package io.wirebook.tutorial.demo.sockets;

import java.net.InetSocketAddress;

/** One received datagram and who sent it. */
public record Datagram(byte[] data, InetSocketAddress from) {
    public int length() {
        return data.length;
    }
}
