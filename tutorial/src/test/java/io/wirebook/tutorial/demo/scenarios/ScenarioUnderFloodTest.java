package io.wirebook.tutorial.demo.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.CallLog;
import io.wirebook.calls.PreparedScenario;
import io.wirebook.calls.Scenario;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A demo scenario under a hostile local client: while {@code handshake} runs, a flood of connections (held
 * open and sending nothing, so an accept may take one of them instead of the scenario's client) hits its
 * listening port. The scenario may miss its aim, but it must end within its time bound (plus the lab's
 * grace) and close every socket it opened: the process's descriptors ({@code /proc/self/fd}) are as many
 * after it as before, once the flood has closed its own.
 */
class ScenarioUnderFloodTest {
    private static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    @Timeout(60)
    void handshakeUnderAConnectionFloodEndsWithinItsBoundAndClosesEverySocket() throws Exception {
        Scenario scenario = Scenarios.byName("handshake").orElseThrow();
        runOnce(scenario, false); // the JVM's own descriptors (classes, selectors) opened once, before counting
        int before = openDescriptors();
        long[] result = runOnce(scenario, true);
        result[3] = before;
        int after = openDescriptors();
        long millis = result[0];
        long connections = result[1];
        long attempts = result[2];
        // The listener's backlog is 8: the flood fills its queue (8 or 9 connections held), then its SYNs go
        // unanswered and its connects time out, again and again, while the scenario runs.
        assertTrue(connections >= 8 && attempts > 50, "the flood made " + connections + " connections in "
                + attempts + " attempts");
        System.out.println("handshake under a flood of " + attempts + " connects (" + connections + " connected): "
                + millis + " ms, " + result[3] + " open descriptors before and " + after + " after");
        long bound = scenario.timeBound().toMillis() + 2_000; // the lab's grace for threads to see their sockets closed
        assertTrue(millis <= bound, "ran " + millis + " ms under the flood; its bound is " + scenario.timeBound());
        assertEquals(before, after, "descriptors before and after the scenario under a flood of " + connections);
    }

    /**
     * Runs {@code scenario} once, flooding its port from 4 threads when {@code flood}: [milliseconds,
     * connections made, connects tried, 0].
     */
    private static long[] runOnce(Scenario scenario, boolean flood) throws Exception {
        CallLog log = new CallLog();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong made = new AtomicLong();
        AtomicLong tried = new AtomicLong();
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> flooders = new ArrayList<>();
        long start;
        try (PreparedScenario run = scenario.prepare(log)) {
            Matcher m = Pattern.compile("tcp port (\\d+)").matcher(run.bpfFilter());
            assertTrue(m.find(), run.bpfFilter());
            int port = Integer.parseInt(m.group(1));
            for (int i = 0; flood && i < 4; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            Socket s = new Socket();
                            held.add(s);
                            tried.incrementAndGet();
                            s.connect(new InetSocketAddress("127.0.0.1", port), 50);
                            made.incrementAndGet();
                        } catch (IOException e) {
                            // refused or timed out once the listener is full or closed: keep trying
                        }
                    }
                }, "flood-" + i);
                flooders.add(t);
                t.start();
            }
            if (flood) {
                Thread.sleep(100); // the flood is under way before the scenario's client connects
            }
            start = System.nanoTime();
            try {
                run.execute();
            } catch (Exception e) {
                // a scenario that the flood defeated (its aim missed, a timeout) is allowed; hanging is not
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        stop.set(true);
        for (Thread t : flooders) {
            t.join();
        }
        for (Socket s : held) {
            s.close();
        }
        return new long[] {millis, made.get(), tried.get(), 0};
    }
}
