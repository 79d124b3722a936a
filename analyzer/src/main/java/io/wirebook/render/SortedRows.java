package io.wirebook.render;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Output rows that arrive out of order (a connection's summary is ready when it ends) and must come out
 * sorted by a key (its stream number), in bounded memory: rows are kept in memory up to a byte budget,
 * then written to a temporary file as one sorted run; at the end the runs and what is left in memory are
 * merged. This is an external merge sort, hand-written because the JDK has none and the rows are already
 * bytes; memory stays at the budget whatever the number of rows.
 *
 * <p>The runs go to {@code java.io.tmpdir} (or the directory given). When a run cannot be written there
 * (no such directory, disk full), {@link #add} throws a {@link SpillException} once and deletes what it
 * wrote of that run; the rows then stay in memory (no further spill is tried), so the rows added so far
 * can all still be written out.
 */
public final class SortedRows implements Closeable {
    /** Called before the first row whose key is at or above {@code from}, to write a heading. */
    public interface Heading {
        void write(OutputStream out, long key) throws IOException;
    }

    /** A sorted run could not be written to or read back from its temporary file; the cause says why. */
    public static final class SpillException extends IOException {
        private final Path path;

        SpillException(String message, Path path, IOException cause) {
            super(message, cause);
            this.path = path;
        }

        /** The temporary file, or the directory when no file could be created in it. */
        public Path path() {
            return path;
        }

        /** The operating system's error. */
        @Override
        public IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private record Row(long key, byte[] bytes) {}

    private final long budget;
    private final Path dir;
    private final List<Row> rows = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long held;
    private boolean spillFailed;

    /** Spills to {@code java.io.tmpdir}. */
    public SortedRows(long budgetBytes) {
        this(budgetBytes, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Spills to {@code dir}. */
    public SortedRows(long budgetBytes, Path dir) {
        this.budget = budgetBytes;
        this.dir = dir;
    }

    public void add(long key, byte[] row) throws IOException {
        rows.add(new Row(key, row));
        held += row.length + 48; // the row, its record and the list slot
        if (held > budget && !spillFailed) {
            spill();
        }
    }

    /** How many sorted runs went to disk (0 when everything fitted in memory). */
    public int runs() {
        return runs.size();
    }

    private void spill() throws IOException {
        rows.sort(Comparator.comparingLong(Row::key));
        Path f;
        try {
            f = Files.createTempFile(dir, "wirebook-rows-", ".run");
        } catch (IOException e) {
            spillFailed = true;
            throw new SpillException("temporary directory " + dir + ": cannot create a file", dir, e);
        }
        f.toFile().deleteOnExit();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
            for (Row r : rows) {
                out.writeLong(r.key);
                out.writeInt(r.bytes.length);
                out.write(r.bytes);
            }
        } catch (IOException e) {
            spillFailed = true;
            try {
                Files.deleteIfExists(f); // a partial run would only fill the disk further
            } catch (IOException ignored) {
                // deleteOnExit tries again
            }
            throw new SpillException("temporary file " + f + ": write error", f, e);
        }
        runs.add(f);
        rows.clear();
        held = 0;
    }

    /** Writes every row in key order; {@code heading} is asked before each row (it decides when to write). */
    public void writeTo(OutputStream out, Heading heading) throws IOException {
        rows.sort(Comparator.comparingLong(Row::key));
        List<RunReader> readers = new ArrayList<>();
        try {
            PriorityQueue<RunReader> queue = new PriorityQueue<>(Comparator.comparingLong(r -> r.key));
            for (Path p : runs) {
                RunReader r = RunReader.open(p);
                readers.add(r);
                if (r.advance()) {
                    queue.add(r);
                }
            }
            int i = 0;
            while (i < rows.size() || !queue.isEmpty()) {
                RunReader next = queue.peek();
                if (next == null || i < rows.size() && rows.get(i).key <= next.key) {
                    Row r = rows.get(i++);
                    heading.write(out, r.key);
                    out.write(r.bytes);
                } else {
                    queue.poll();
                    heading.write(out, next.key);
                    out.write(next.bytes);
                    if (next.advance()) {
                        queue.add(next);
                    }
                }
            }
        } finally {
            for (RunReader r : readers) {
                r.in.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Path p : runs) {
            Files.deleteIfExists(p);
        }
        runs.clear();
        rows.clear();
    }

    private static final class RunReader {
        final Path path;
        final DataInputStream in;
        long key;
        byte[] bytes;

        private RunReader(Path p, DataInputStream in) {
            this.path = p;
            this.in = in;
        }

        static RunReader open(Path p) throws SpillException {
            try {
                return new RunReader(p, new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16)));
            } catch (IOException e) {
                throw new SpillException("temporary file " + p + ": cannot open", p, e);
            }
        }

        boolean advance() throws SpillException {
            try {
                try {
                    key = in.readLong();
                } catch (EOFException e) {
                    return false;
                }
                bytes = in.readNBytes(in.readInt());
                return true;
            } catch (IOException e) {
                throw new SpillException("temporary file " + path + ": read error", path, e);
            }
        }
    }
}
