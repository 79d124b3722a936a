package io.wirebook.flow;

/**
 * The connection states of RFC 9293 section 3.3.2 that a capture can show for one endpoint, plus
 * {@link #UNKNOWN} for an endpoint that has not shown its state yet (it has sent nothing, or the capture
 * started in the middle of the connection). LISTEN is never shown: a capture cannot tell a listening
 * socket from a closed port until the endpoint answers.
 */
public enum TcpState {
    UNKNOWN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSE_WAIT,
    LAST_ACK, CLOSED;

    private static final TcpState[] VALUES = values();

    public static TcpState of(int ordinal) {
        return VALUES[ordinal];
    }

    /** True once the endpoint has sent its FIN (or was reset): it will send no more data. */
    public boolean finished() {
        switch (this) {
            case FIN_WAIT_1: case FIN_WAIT_2: case CLOSING: case TIME_WAIT: case LAST_ACK: case CLOSED: return true;
            default: return false;
        }
    }
}
