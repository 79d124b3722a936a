package io.wirebook.tutorial.demo.sockets;

import java.lang.reflect.Method;
import java.nio.channels.Channel;

/**
 * The file descriptor number behind a channel, so the log can be lined up with {@code strace} output.
 *
 * <p>The JDK hides it: it is {@code sun.nio.ch.SelChImpl.getFDVal()}, reachable only when the JVM runs
 * with {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (the tutorial's tests do; the jar's manifest
 * says {@code Add-Opens} for {@code java -jar}).
 * Without that we return -1 and the log simply has no {@code fd} argument.
 */
final class Fds {
    private static final Method GET_FD_VAL = lookup();

    private Fds() {}

    private static Method lookup() {
        try {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not opened to us: InaccessibleObjectException
        }
    }

    /** The descriptor, or -1 when it cannot be seen. */
    static int of(Channel ch) {
        if (GET_FD_VAL == null) {
            return -1;
        }
        try {
            return (Integer) GET_FD_VAL.invoke(ch);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
