package io.wirebook.tutorial.demo.proc;

/**
 * The {@code st} code of a /proc/net/tcp line: Linux's TCP_* states (include/net/tcp_states.h). They are
 * the kernel's, not RFC 9293's ({@link io.wirebook.flow.TcpState}, what a capture shows): the kernel has
 * LISTEN and NEW_SYN_RECV, names CLOSE, SYN_RECV and FIN_WAIT1 its own way, and numbers them.
 */
public enum KernelTcpState {
    ESTABLISHED(0x01),
    SYN_SENT(0x02),
    SYN_RECV(0x03),
    FIN_WAIT1(0x04),
    FIN_WAIT2(0x05),
    TIME_WAIT(0x06),
    CLOSE(0x07),
    CLOSE_WAIT(0x08),
    LAST_ACK(0x09),
    LISTEN(0x0A),
    CLOSING(0x0B),
    /** A request socket (SYN received, SYN-ACK sent); /proc prints these as 03 (SYN_RECV). */
    NEW_SYN_RECV(0x0C),
    /** A code this table does not know. */
    UNKNOWN(-1);

    private final int code;

    KernelTcpState(int code) {
        this.code = code;
    }

    /** The state for a code; {@link #UNKNOWN} for a code Linux may add later. */
    public static KernelTcpState ofCode(int code) {
        for (KernelTcpState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
