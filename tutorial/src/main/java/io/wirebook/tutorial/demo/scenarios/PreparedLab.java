package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.calls.PreparedScenario;
import io.wirebook.tutorial.demo.Endpoint;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link LabScenario} once prepared: its lab's listeners are bound and its endpoints known;
 * {@link #execute()} starts the lab's clock, plays the stage, waits for every thread and closes everything.
 */
public final class PreparedLab implements PreparedScenario {
    private final String scenario;
    private final SocketLab lab;
    private final Stage stage;
    private final AtomicBoolean executed = new AtomicBoolean();

    PreparedLab(String scenario, SocketLab lab, Stage stage) {
        this.scenario = scenario;
        this.lab = lab;
        this.stage = stage;
    }

    /** The addresses its traffic uses, all on loopback, ports fixed. */
    public List<Endpoint> endpoints() {
        return stage.endpoints();
    }

    /** {@code tcp port 40123}; with {@code or icmp or icmp6} when ICMP errors are part of the traffic. */
    @Override
    public String bpfFilter() {
        return Endpoint.bpfFilter(stage.endpoints(), stage.icmp());
    }

    @Override
    public Outcome execute() throws Exception {
        if (!executed.compareAndSet(false, true)) {
            throw new IllegalStateException(scenario + ": a prepared run executes once; prepare another");
        }
        lab.startClock();
        try {
            Outcome outcome = stage.play().play();
            lab.awaitAll(); // a play normally has joined its threads already; this rethrows what they threw
            return outcome;
        } finally {
            lab.close();
        }
    }

    @Override
    public void close() {
        lab.close();
    }
}
