package io.wirebook.capture;

import java.io.IOException;

/**
 * A live capture could not be started. The message says what is missing and what to do about it, in
 * words a learner can act on; {@link #reason()} lets callers (the CLI, tests) tell the cases apart.
 */
public final class CaptureUnavailableException extends IOException {
    /** Why the capture could not start. */
    public enum Reason {
        /** The process lacks CAP_NET_RAW / CAP_NET_ADMIN (not root, no file capabilities on java). */
        NO_PRIVILEGE,
        /** libpcap could not be loaded through JNA. */
        NO_LIBPCAP,
        /** No interface has the requested name. */
        NO_SUCH_INTERFACE,
        /** libpcap rejected the BPF filter expression. */
        BAD_FILTER,
        /** Anything else libpcap reported while opening the interface. */
        OTHER
    }

    private final Reason reason;

    public CaptureUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    /**
     * The message for a capture refused for lack of privilege: names the capabilities and both ways to
     * get them. {@code detail} is libpcap's own words, e.g. {@code socket: Operation not permitted}.
     */
    static String noPrivilegeMessage(String interfaceName, String detail) {
        return "cannot capture on " + interfaceName + ": permission denied (" + detail + "). "
                + "Live capture needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities: run it as root "
                + "(for example sudo ./wirebook ...), or give them to the JVM once with "
                + "sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))";
    }

    /** The message for a libpcap that JNA could not load. */
    static String noLibpcapMessage(String libraryName, Throwable error) {
        // JNA's message lists every file it tried, one a line; the first two say enough.
        String why = String.valueOf(error.getMessage()).lines().map(String::strip).distinct().limit(2)
                .collect(java.util.stream.Collectors.joining(" "));
        return "cannot load libpcap (JNA looked for library '" + libraryName + "': " + why
                + "). Install it (Debian: apt-get install libpcap0.8), or point pcap4j at the file with "
                + "-D" + LiveCapture.PCAP_LIB_NAME_PROPERTY + "=/path/to/libpcap.so.N";
    }
}
