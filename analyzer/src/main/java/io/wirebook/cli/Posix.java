package io.wirebook.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The two libc calls of {@code capture} that the JDK cannot make, through JNA (which pcap4j loads anyway):
 * {@code signal(2)}, to give back its default action to a signal the process inherited as ignored, and
 * {@code isatty(3)} of a descriptor. Every failure to reach libc reads as "no": not reset, not a terminal.
 */
final class Posix {
    private Posix() {}

    /** glibc; {@code signal} takes and returns the handler as a pointer (SIG_DFL 0, SIG_IGN 1, SIG_ERR -1). */
    interface C extends Library {
        Pointer signal(int signum, Pointer handler);

        int isatty(int fd);
    }

    private static final class Holder {
        static final C C = Native.load("c", C.class);
    }

    /** Standard error's descriptor. */
    static final int STDERR = 2;

    /**
     * Sets signal {@code signum}'s action to SIG_DFL.
     *
     * @return whether libc did
     */
    static boolean resetToDefault(int signum) {
        try {
            Pointer old = Holder.C.signal(signum, Pointer.NULL);
            return old == null || Pointer.nativeValue(old) != -1L; // null: the old action was SIG_DFL
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code fd} is a terminal. */
    static boolean isTerminal(int fd) {
        try {
            return Holder.C.isatty(fd) == 1;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
