package io.wirebook.tutorial.demo.scenarios;

import io.wirebook.calls.Outcome;
import io.wirebook.tutorial.demo.Endpoint;

import io.wirebook.tutorial.demo.Scenario;
import io.wirebook.tutorial.demo.ScenarioRun;
import io.wirebook.calls.CallLog;
import io.wirebook.tutorial.demo.sockets.SocketLab;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link ScenarioRun} over a lab: starts the clock, plays, waits for every thread, closes everything. */
final class LabRun implements ScenarioRun {
    private final Scenario scenario;
    private final SocketLab lab;
    private final Stage stage;
    private final AtomicBoolean executed = new AtomicBoolean();

    LabRun(Scenario scenario, SocketLab lab, Stage stage) {
        this.scenario = scenario;
        this.lab = lab;
        this.stage = stage;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public CallLog log() {
        return lab.log();
    }

    @Override
    public List<Endpoint> endpoints() {
        return stage.endpoints();
    }

    @Override
    public boolean expectsIcmp() {
        return stage.icmp();
    }

    @Override
    public Outcome execute() throws Exception {
        if (!executed.compareAndSet(false, true)) {
            throw new IllegalStateException(scenario.name() + ": a prepared run executes once; prepare another");
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
