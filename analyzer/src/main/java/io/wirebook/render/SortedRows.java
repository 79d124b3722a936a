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
 */
public final class SortedRows implements Closeable {
    /** Called before the first row whose key is at or above {@code from}, to write a heading. */
    public interface Heading {
        void write(OutputStream out, long key) throws IOException;
    }

    private record Row(long key, byte[] bytes) {}

    private final long budget;
    private final List<Row> rows = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long held;

    public SortedRows(long budgetBytes) {
        this.budget = budgetBytes;
    }

    public void add(long key, byte[] row) throws IOException {
        rows.add(new Row(key, row));
        held += row.length + 48; // the row, its record and the list slot
        if (held > budget) {
            spill();
        }
    }

    /** How many sorted runs went to disk (0 when everything fitted in memory). */
    public int runs() {
        return runs.size();
    }

    private void spill() throws IOException {
        rows.sort(Comparator.comparingLong(Row::key));
        Path f = Files.createTempFile("wirebook-rows-", ".run");
        f.toFile().deleteOnExit();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16))) {
            for (Row r : rows) {
                out.writeLong(r.key);
                out.writeInt(r.bytes.length);
                out.write(r.bytes);
            }
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
                RunReader r = new RunReader(p);
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
        final DataInputStream in;
        long key;
        byte[] bytes;

        RunReader(Path p) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16));
        }

        boolean advance() throws IOException {
            try {
                key = in.readLong();
            } catch (EOFException e) {
                return false;
            }
            bytes = in.readNBytes(in.readInt());
            return true;
        }
    }
}
