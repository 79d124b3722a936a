package io.wirebook.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls that the JDK cannot make, through JNA (which pcap4j loads anyway): {@code signal(2)}, to
 * give back its default action to a signal the process inherited as ignored, {@code isatty(3)} of a
 * descriptor (both for {@code capture}), and {@code execv(3)}, for {@link Jit}'s hand-over to a JVM with
 * both compilers. Every failure to reach libc reads as "no": not reset, not a terminal, not replaced.
 */
final class Posix {
    private Posix() {}

    /** glibc; {@code signal} takes and returns the handler as a pointer (SIG_DFL 0, SIG_IGN 1, SIG_ERR -1). */
    interface C extends Library {
        Pointer signal(int signum, Pointer handler);

        int isatty(int fd);

        /** {@code argv}: JNA passes a String[] as a NULL-terminated char*[]. */
        int execv(String path, String[] argv);

        /** {@code set}: a sigset_t (glibc's is 128 bytes). */
        int sigprocmask(int how, byte[] set, byte[] old);
    }

    private static final class Holder {
        static final C C = Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, C.class); // libc.so.6: "c" made JNA run ldconfig -p to find it
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

    /**
     * Replaces this process with {@code argv[0]} run with {@code argv}, as a shell's {@code exec} does: the same
     * process (its pid, parent, descriptors, environment), with no signal blocked (the JVM blocks some in its
     * threads, and a new program keeps the mask of the thread that called exec).
     *
     * @return only if it could not (the process goes on as before)
     */
    static void exec(String[] argv) {
        try {
            Holder.C.sigprocmask(SIG_SETMASK, new byte[128], null);
            Holder.C.execv(argv[0], argv);
        } catch (LinkageError | RuntimeException e) {
            // no libc through JNA: go on
        }
    }

    private static final int SIG_SETMASK = 2;

    /** Whether {@code fd} is a terminal. */
    static boolean isTerminal(int fd) {
        try {
            return Holder.C.isatty(fd) == 1;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
