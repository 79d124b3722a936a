package io.wirebook.calls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The socket calls and notes of one scenario run, safe to append to from any thread.
 *
 * <p>Entries are kept in the order they were added (a call is added when it returns) and handed out in
 * timeline order: by {@code ts}, ties in the order added. So a blocking {@code accept} that began before the
 * client's {@code connect} comes first, as it would in an strace.
 *
 * <p>The clock is CLOCK_REALTIME at nanosecond precision ({@link Clock#systemUTC()} on Linux since JDK 15),
 * the same clock the capture stamps packets with, so calls and packets interleave on one timeline.
 */
public final class CallLog {
    private static final Comparator<LogEntry> TIMELINE = Comparator.comparing(LogEntry::ts);

    private final Clock clock;
    private final List<LogEntry> entries = new ArrayList<>();

    /** A log stamped with the system's CLOCK_REALTIME. */
    public CallLog() {
        this(Clock.systemUTC());
    }

    /** A log stamped with the given clock (tests pass a fixed one). */
    public CallLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Now, on this log's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** Appends one entry. */
    public void add(LogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        synchronized (entries) {
            entries.add(entry);
        }
    }

    /** Records an observation now, on the current thread. {@code value} is turned into a string. */
    public Note note(Side side, String key, Object value) {
        Note n = new Note(side, key, String.valueOf(value), Thread.currentThread().getName(), now());
        add(n);
        return n;
    }

    /** Start times of the calls under way (entered, not yet returned), with how many started at each. */
    private final java.util.TreeMap<Instant, Integer> inFlight = new java.util.TreeMap<>();

    /**
     * Marks a call as under way from {@code start}: a live timeline holds back everything after the
     * earliest call still under way, since that call may turn out to be what caused a packet.
     */
    public void enter(Instant start) {
        synchronized (inFlight) {
            inFlight.merge(start, 1, Integer::sum);
        }
    }

    /** The call that began at {@code start} has returned (and was {@link #add added} first). */
    public void exit(Instant start) {
        synchronized (inFlight) {
            inFlight.computeIfPresent(start, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** When the earliest call still under way began, or null when none is. */
    public Instant earliestInFlight() {
        synchronized (inFlight) {
            return inFlight.isEmpty() ? null : inFlight.firstKey();
        }
    }

    /** Every entry in timeline order. */
    public List<LogEntry> entries() {
        List<LogEntry> copy;
        synchronized (entries) {
            copy = new ArrayList<>(entries);
        }
        copy.sort(TIMELINE); // List.sort is stable: equal timestamps keep the order they were added in
        return List.copyOf(copy);
    }

    /** Every socket call in timeline order. */
    public List<SocketCall> calls() {
        return entries(SocketCall.class);
    }

    /** The calls one side made, in timeline order. */
    public List<SocketCall> calls(Side side) {
        return calls().stream().filter(c -> c.side() == side).toList();
    }

    /** The calls made on one socket (by its scenario name), in timeline order. */
    public List<SocketCall> callsOn(String sock) {
        return calls().stream().filter(c -> sock.equals(c.sock())).toList();
    }

    /** Every note in timeline order. */
    public List<Note> notes() {
        return entries(Note.class);
    }

    /** The entries of one kind, in timeline order. */
    private <T extends LogEntry> List<T> entries(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (LogEntry e : entries()) {
            if (kind.isInstance(e)) {
                out.add(kind.cast(e));
            }
        }
        return out;
    }

    /** The value of the last note with this key, if any. */
    public Optional<String> noteValue(String key) {
        List<Note> ns = notes();
        for (int i = ns.size() - 1; i >= 0; i--) {
            if (ns.get(i).key().equals(key)) {
                return Optional.of(ns.get(i).value());
            }
        }
        return Optional.empty();
    }

    /** Number of entries. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Writes every entry as JSON Lines (see {@link CallLogJson}). Does not close {@code out}. */
    public void writeJsonLines(Writer out) throws IOException {
        CallLogJson.write(entries(), out);
    }

    /** The JSON Lines text of this log. */
    public String toJsonLines() {
        StringWriter w = new StringWriter();
        try {
            writeJsonLines(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** Reads a log written by {@link #writeJsonLines}. */
    public static CallLog readJsonLines(Reader in) throws IOException {
        CallLog log = new CallLog();
        for (LogEntry e : CallLogJson.read(in)) {
            log.add(e);
        }
        return log;
    }

    /** Reads a log from JSON Lines text. */
    public static CallLog parseJsonLines(String text) throws IOException {
        return readJsonLines(new StringReader(text));
    }
}
