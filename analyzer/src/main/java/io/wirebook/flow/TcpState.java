package io.wirebook.flow;

/**
 * The connection states of RFC 9293 section 3.3.2 that a capture can show for one endpoint, plus two that
 * say what the capture cannot show as an RFC state:
 * <ul>
 *   <li>{@link #UNKNOWN}: the endpoint has not shown its state (it has sent nothing, as the server of an
 *       unanswered SYN, or the capture started in the middle of the connection);</li>
 *   <li>{@link #NO_SOCKET}: the endpoint never had a socket for this connection: its kernel answered the
 *       SYN with a RST because nothing listens on the port (RFC 9293 3.10.7.1). RFC 9293 calls that CLOSED
 *       ("no connection state at all"); it is named apart so that it does not read as a socket that closed.
 *       It is never a transition: the side was never in any other state.</li>
 * </ul>
 * LISTEN is never shown: a capture cannot tell a listening socket from a closed port until the endpoint
 * answers.
 */
public enum TcpState {
    UNKNOWN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSE_WAIT,
    LAST_ACK, CLOSED, NO_SOCKET;

    private static final TcpState[] VALUES = values();

    public static TcpState of(int ordinal) {
        return VALUES[ordinal];
    }

    /** True once the endpoint has sent its FIN (or was reset): it will send no more data. */
    public boolean finished() {
        switch (this) {
            case FIN_WAIT_1: case FIN_WAIT_2: case CLOSING: case TIME_WAIT: case LAST_ACK: case CLOSED: case NO_SOCKET: return true;
            default: return false;
        }
    }
}
