package io.wirebook.timeline;

import io.wirebook.calls.Side;
import io.wirebook.calls.SocketCall;

/**
 * What made a packet leave: a socket call on one side ({@code connect()} for a SYN, {@code write()} for
 * data, {@code shutdown()}/{@code close()} for a FIN, {@code close()} with linger 0 or unread data for an
 * RST), or the kernel acting on its own (the SYN/ACK from the listen queue, pure ACKs, window updates,
 * retransmissions, RSTs for closed ports, ICMP errors).
 *
 * @param side   the side whose call it was, or null for the kernel
 * @param call   the call, or null for the kernel
 * @param reason a few plain words on why ("the listening socket's kernel answers the SYN; accept() is not involved")
 */
public record Cause(Side side, SocketCall call, String reason) {
    public static Cause kernel(String reason) {
        return new Cause(null, null, reason);
    }

    public static Cause of(SocketCall call, String reason) {
        return new Cause(call.side(), call, reason);
    }

    public boolean isKernel() {
        return call == null;
    }

    /** "client connect()" or "kernel". */
    public String label() {
        return call == null ? "kernel" : side.wireName() + " " + call.call() + "()";
    }
}
