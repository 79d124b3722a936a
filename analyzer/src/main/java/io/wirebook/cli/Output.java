package io.wirebook.cli;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one rule for output that cannot be written, shared by every command, so that nothing is lost
 * silently: a reader that went away (EPIPE: {@code wirebook read big.pcap | head}) is a quiet, successful
 * end, as in tcpdump; any other failure (disk full, {@code /dev/full}, an I/O error) is one line on standard
 * error naming the output and the operating system's reason, e.g.
 * {@code wirebook: standard output: write error: No space left on device}, and exit 5.
 *
 * <p>A command wraps each output it opens with {@link #named}; a failure of that output then comes out
 * of whatever layers sit on top (buffers, Jackson, writers) as a {@link WriteFailed} that says which
 * output it was, so it cannot be mistaken for a read error or for a failure of the command's own
 * temporary files. A wrapped output stays failed: every later write and flush throws again without
 * touching the file, so an error that some layer swallowed (a {@link PrintStream} does) still surfaces at
 * the final flush, and nothing is written after a gap.
 */
final class Output {
    private Output() {}

    /** How error lines name the process's standard output. */
    static final String STDOUT = "standard output";

    /** A named output could not be written (or created); the cause is the operating system's error. */
    static final class WriteFailed extends IOException {
        private final String output;

        WriteFailed(String output, String what, IOException cause) {
            super(output + ": " + what + ": " + reason(cause), cause);
            this.output = output;
        }

        /** The output as error lines name it: a file name, or {@link #STDOUT}. */
        String output() {
            return output;
        }

        /** True when the output was a pipe (or socket) whose reader is gone: EPIPE. */
        boolean closedPipe() {
            return isBrokenPipe((IOException) getCause());
        }
    }

    /**
     * A failure of {@code output}, for writers the command did not wrap (capture files): "cannot create"
     * when opening it failed (the JDK reports that as a FileNotFoundException or FileSystemException, a
     * failed write as a plain IOException), otherwise "write error".
     */
    static WriteFailed failed(String output, IOException cause) {
        if (cause instanceof WriteFailed w) {
            return w;
        }
        boolean opening = cause instanceof FileNotFoundException || cause instanceof FileSystemException;
        return new WriteFailed(output, opening ? "cannot create" : "write error", cause);
    }

    /** Writing that a command does through a writer it did not wrap (capture files, call logs). */
    interface FileWrite {
        void write() throws IOException;
    }

    /** Runs {@code w}; its failure is a failure of the output {@code name} (see {@link #failed}). */
    static void writing(String name, FileWrite w) throws WriteFailed {
        try {
            w.write();
        } catch (IOException e) {
            throw failed(name, e);
        }
    }

    /** The output failure in {@code e} or its causes (some layers wrap), or null when {@code e} is none. */
    static WriteFailed failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WriteFailed w) {
                return w;
            }
        }
        return null;
    }

    /**
     * Reports a failed output and returns the exit code: {@link ExitCodes#OK} without a word for a
     * closed pipe, otherwise {@link ExitCodes#CANNOT_WRITE} after one line on {@code stderr}.
     */
    static int report(WriteFailed e, PrintStream stderr) {
        if (e.closedPipe()) {
            return ExitCodes.OK;
        }
        stderr.println(ErrorLine.of("wirebook: " + e.getMessage()));
        return ExitCodes.CANNOT_WRITE;
    }

    /**
     * The operating system's reason, as {@code strerror} words it ("No space left on device"). The JDK
     * puts it as the whole message of a plain IOException (FileOutputStream's and FileChannel's writes),
     * as the reason of a FileSystemException (null for the types that name it: NoSuchFileException ...),
     * and in parentheses after the path in a FileNotFoundException.
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (e instanceof NotDirectoryException) {
                return "Not a directory";
            }
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof FileNotFoundException && m.endsWith(")") && m.lastIndexOf(" (") > 0) {
            return m.substring(m.lastIndexOf(" (") + 2, m.length() - 1);
        }
        return m;
    }

    /** The JDK's text for EPIPE in this process, found once by provoking one (null if that failed). */
    private static volatile String epipe;
    private static volatile boolean probed;

    /**
     * Whether a write failed with EPIPE. Java gives no errno: FileOutputStream and FileChannel throw a
     * plain IOException whose message is {@code strerror(errno)}, "Broken pipe" on Linux in English, but
     * the JVM sets the locale from the environment, so under another language the words differ. Hence
     * the words are also learnt from a real EPIPE: a write to a pipe whose read end is closed (the JVM
     * ignores SIGPIPE, so the write fails instead of killing the process).
     */
    static boolean isBrokenPipe(IOException e) {
        String m = e == null ? null : e.getMessage();
        if (m == null) {
            return false;
        }
        if (m.equals("Broken pipe")) {
            return true;
        }
        if (!probed) {
            epipe = probeBrokenPipe();
            probed = true;
        }
        return m.equals(epipe);
    }

    private static String probeBrokenPipe() {
        try {
            Pipe p = Pipe.open();
            p.source().close();
            try (WritableByteChannel sink = p.sink()) {
                sink.write(ByteBuffer.wrap(new byte[1]));
            }
        } catch (IOException e) {
            return e.getMessage();
        }
        return null;
    }

    /** {@code out}, whose failures say that {@code name} failed; see the class comment. */
    static OutputStream named(String name, OutputStream out) {
        return new NamedStream(name, out);
    }

    /** {@code out}, whose failures say that {@code name} failed; see the class comment. */
    static WritableByteChannel named(String name, WritableByteChannel out) {
        return new NamedChannel(name, out);
    }

    /**
     * What a named output remembers: its name and its first failure, after which every call fails again
     * without touching the output.
     */
    private static final class Failure {
        private final String name;
        private IOException first;

        Failure(String name) {
            this.name = name;
        }

        /** Throws when the output has failed before. */
        void check() throws WriteFailed {
            if (first != null) {
                throw new WriteFailed(name, "write error", first);
            }
        }

        /** Records that the output failed with {@code e}; the result is for the caller to throw. */
        WriteFailed fail(IOException e) {
            first = e;
            return new WriteFailed(name, "write error", e);
        }

        /**
         * Closes the output, then throws the first failure: an earlier write's, else the close's own (a file
         * system may report a failed write only now).
         */
        void close(Closeable out) throws WriteFailed {
            try {
                out.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
            check();
        }
    }

    private static final class NamedStream extends OutputStream {
        private final Failure failure;
        private final OutputStream out;

        NamedStream(String name, OutputStream out) {
            this.failure = new Failure(name);
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            failure.check();
            try {
                out.write(b);
            } catch (IOException e) {
                throw failure.fail(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            failure.check();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failure.fail(e);
            }
        }

        @Override
        public void flush() throws IOException {
            failure.check();
            try {
                out.flush();
            } catch (IOException e) {
                throw failure.fail(e);
            }
        }

        @Override
        public void close() throws IOException {
            failure.close(out);
        }
    }

    private static final class NamedChannel implements WritableByteChannel {
        private final Failure failure;
        private final WritableByteChannel out;

        NamedChannel(String name, WritableByteChannel out) {
            this.failure = new Failure(name);
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            failure.check();
            try {
                return out.write(src);
            } catch (IOException e) {
                throw failure.fail(e);
            }
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            failure.close(out);
        }
    }
}
