package io.wirebook.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT, SIGTERM and SIGHUP stop a live capture, as tcpdump's {@code cleanup} handler does: the first one
 * runs {@code stop} (the capture loop ends, the file is closed, the counts are printed, and the command
 * returns as usual), a second one while it stops ends the process at once with 128 + its number.
 *
 * <p>Why not the JVM's own handling (shutdown hooks): a background job of a non-interactive shell
 * ({@code bash -c 'wirebook capture -w f &'}) starts with SIGINT ignored, and the JVM installs no handler for
 * a signal ignored at start; {@link Signal#handle} then returns {@code SIG_IGN} and installs nothing either
 * (measured: the handler never ran, the capture went on until SIGKILL). So, as tcpdump does with
 * {@code setsignal(SIGINT, cleanup)}, SIGINT and SIGTERM are taken whatever they were: an ignored one is set
 * back to SIG_DFL through libc ({@link Posix#resetToDefault}), after which {@link Signal#handle} installs.
 * SIGHUP is taken only when it was not ignored, so that {@code nohup} still works (tcpdump: "Cooperate with
 * nohup(1)").
 *
 * <p>{@link #close()} gives every signal back the handler it had (the JVM's, or SIG_IGN), so that a command
 * run in-process leaves its JVM as it found it. Under {@code -Xrs} the JVM lets no one handle these
 * signals: they then end the process, and the file still ends on a whole record (each is flushed).
 */
final class StopSignals implements AutoCloseable {
    /** The signals, in tcpdump's order; only the last one respects an ignored disposition (nohup). */
    private static final String[] TAKEN = {"INT", "TERM"};
    private static final String UNLESS_IGNORED = "HUP";

    private final Runnable stop;
    private final AtomicReference<String> received = new AtomicReference<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals(Runnable stop) {
        this.stop = stop;
    }

    /** Makes SIGINT, SIGTERM and SIGHUP (unless ignored) run {@code stop}, once; see the class comment. */
    static StopSignals install(Runnable stop) {
        StopSignals s = new StopSignals(stop);
        for (String name : TAKEN) {
            s.take(name, true);
        }
        s.take(UNLESS_IGNORED, false);
        return s;
    }

    private void take(String name, boolean evenIfIgnored) {
        Signal signal = new Signal(name);
        SignalHandler handler = this::handle;
        SignalHandler old;
        try {
            old = Signal.handle(signal, handler);
            if (old == SignalHandler.SIG_IGN) {
                // Nothing was installed (the JVM keeps an ignored signal ignored).
                if (!evenIfIgnored || !Posix.resetToDefault(signal.getNumber())) {
                    return;
                }
                Signal.handle(signal, handler);
            }
        } catch (IllegalArgumentException e) {
            return; // -Xrs, or a signal this platform lacks: left as it is
        }
        signals.add(signal);
        previous.add(old);
    }

    private void handle(Signal signal) {
        if (received.compareAndSet(null, "SIG" + signal.getName())) {
            stop.run();
        } else {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }

    /** The signal that stopped the capture ({@code SIGINT}, ...), or null. */
    String received() {
        return received.get();
    }

    /** Gives each signal back its earlier handler. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // cannot happen: it was handled a moment ago
            }
        }
        signals.clear();
        previous.clear();
    }
}
