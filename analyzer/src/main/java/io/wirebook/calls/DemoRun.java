package io.wirebook.calls;

/** A prepared {@link DemoScenario}: its ports are known and bound; {@link #execute()} sends the traffic. */
public interface DemoRun extends AutoCloseable {
    /** A BPF filter that keeps exactly this run's packets on {@code lo}. */
    String bpfFilter();

    /** Sends the traffic, once, within the scenario's time bound; every socket is closed when it returns. */
    Outcome execute() throws Exception;

    /** Releases whatever is still open; safe to call twice. */
    @Override
    void close();
}
