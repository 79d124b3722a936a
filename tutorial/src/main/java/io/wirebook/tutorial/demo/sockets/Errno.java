package io.wirebook.tutorial.demo.sockets;

import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Turns what Java threw back into the Linux errno the system call returned.
 *
 * <p>The JDK keeps the errno only in the message: on Linux it is glibc's {@code strerror} text ("Address
 * already in use"), except where the JDK words it itself ("Connection reset" for ECONNRESET, and a
 * {@link PortUnreachableException} for ECONNREFUSED on a connected UDP socket). We match those texts.
 * Some exceptions have no errno because no system call failed: {@link ClosedChannelException} is thrown
 * by Java before any call is made, and {@link SocketTimeoutException} means Java's own {@code poll} timed
 * out (in C that is {@code poll} returning 0, not ETIMEDOUT). For those we return {@code null} and the log
 * keeps the exception text.
 */
public final class Errno {
    private Errno() {}

    /** strerror(3) texts from glibc, and the JDK's own wordings, with their errno names. Longest first. */
    private static final String[][] MESSAGES = {
        {"address already in use", "EADDRINUSE"},
        {"cannot assign requested address", "EADDRNOTAVAIL"},
        {"address family not supported", "EAFNOSUPPORT"},
        {"connection refused", "ECONNREFUSED"},
        {"connection reset", "ECONNRESET"}, // "Connection reset" (JDK) and "Connection reset by peer" (glibc)
        {"software caused connection abort", "ECONNABORTED"},
        {"connection aborted", "ECONNABORTED"},
        {"broken pipe", "EPIPE"},
        {"connection timed out", "ETIMEDOUT"},
        {"no route to host", "EHOSTUNREACH"},
        {"network is unreachable", "ENETUNREACH"},
        {"transport endpoint is not connected", "ENOTCONN"},
        {"transport endpoint is already connected", "EISCONN"},
        {"operation now in progress", "EINPROGRESS"},
        {"operation already in progress", "EALREADY"},
        {"resource temporarily unavailable", "EAGAIN"},
        {"protocol not available", "ENOPROTOOPT"},
        {"protocol not supported", "EPROTONOSUPPORT"},
        {"message too long", "EMSGSIZE"},
        {"no buffer space available", "ENOBUFS"},
        {"too many open files", "EMFILE"},
        {"permission denied", "EACCES"},
        {"operation not permitted", "EPERM"},
        {"bad file descriptor", "EBADF"},
        {"invalid argument", "EINVAL"},
    };

    /** The errno name for what Java threw, or {@code null} when no system call failed or we cannot tell. */
    public static String of(Throwable t) {
        if (t instanceof PortUnreachableException) {
            return "ECONNREFUSED"; // the JDK's translation of ECONNREFUSED from recv/send on a connected UDP socket
        }
        if (t instanceof ClosedChannelException || t instanceof SocketTimeoutException) {
            return null;
        }
        String m = t.getMessage();
        if (m == null) {
            return null;
        }
        String lower = m.toLowerCase(Locale.ROOT);
        for (String[] row : MESSAGES) {
            if (lower.contains(row[0])) {
                return row[1];
            }
        }
        return null;
    }

    /** {@code class: message} as the log keeps it. */
    public static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }
}
