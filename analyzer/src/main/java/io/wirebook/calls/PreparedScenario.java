package io.wirebook.calls;

/**
 * One attempt of a {@link Scenario} after {@link Scenario#prepare}: its sockets are bound and its ports
 * known, so a capture can set its filter before {@link #execute()} sends the traffic.
 */
public interface PreparedScenario extends AutoCloseable {
    /** A BPF filter that keeps exactly this attempt's packets on {@code lo}: {@code tcp port 40123}. */
    String bpfFilter();

    /**
     * Sends the traffic, once, within the scenario's time bound (plus a short grace for threads to notice
     * their sockets were closed). Every socket is closed and every thread joined when it returns, also
     * when it throws.
     */
    Outcome execute() throws Exception;

    /** Releases whatever is still open; safe to call twice, and without {@link #execute()}. */
    @Override
    void close();
}
