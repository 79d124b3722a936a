package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.holds;
import static io.wirebook.tutorial.notebook.claims.Checks.reason;
import static io.wirebook.tutorial.notebook.claims.Checks.run;
import static io.wirebook.tutorial.notebook.claims.Checks.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every field of every kind, with the exact values of the frozen handshake recording (the timeline's
 * JSON Lines show the same numbers) and of the small hand-made timeline.
 */
class ClaimFieldTest {
    private static final Evidence HANDSHAKE = Recordings.of("handshake");
    private static final Evidence SMALL = TestTimelines.small();

    @Test
    void packetTimesAreCaptureTimesAndAPacketEndsWhereItStarts() {
        CheckResult r = run(HANDSHAKE, "packet[frame=2].ts == packet[frame=2].end");
        assertEquals(List.of("packet[frame=2].ts == packet[frame=2].end: left 1795596647.777551855 s, right 1795596647.777551855 s"),
                r.values());
        holds(HANDSHAKE, "packet[frame=2].ts - packet[frame=1].ts == 17012ns");
    }

    @Test
    void packetNumbers() {
        holds(HANDSHAKE, "packet[flags=S.].frame == 2");
        holds(HANDSHAKE, "packet[flags=S.].stream == 0");
        holds(HANDSHAKE, "packet[flags=S.].seq == 0 and packet[flags=S.].ack == 1 and packet[flags=S.].next_seq == 1");
        holds(HANDSHAKE, "packet[frame=4].seq == 1 and packet[frame=4].len == 6 and packet[frame=4].next_seq == 7");
        holds(HANDSHAKE, "packet[flags=S].win == 65495 and packet[frame=3].win == 65536");
    }

    @Test
    void aSynHasNoAckNumber() {
        holds(HANDSHAKE, "packet[flags=S].ack == none");
        assertEquals("packet[flags=S].ack has no value (none)", reason(HANDSHAKE, "packet[flags=S].ack < 5"));
    }

    @Test
    void packetTexts() {
        holds(HANDSHAKE, "packet[frame=8].flags == \"F.\"");
        holds(HANDSHAKE, "packet[frame=2].side == \"server\" and packet[frame=1].side == \"client\"");
        holds(HANDSHAKE, "packet[frame=1].proto == \"tcp\"");
        holds(Recordings.of("udp-unreachable"), "packet[frame=2].proto == \"icmp\" and packet[frame=2].flags == none");
        holds(Recordings.of("udp"), "packet[frame=2].len == 300");
        holds(HANDSHAKE, "match(packet[frame=2].note, \"^(SYN/ACK)\") == \"SYN/ACK\"");
    }

    @Test
    void causeNamesTheCallOrTheKernelAndCauseCallIsTheCall() {
        holds(HANDSHAKE, "packet[frame=1].cause == \"connect\" and packet[frame=2].cause == \"kernel\"");
        holds(HANDSHAKE, "packet[frame=1].cause_call == first(call[name=connect])");
        holds(HANDSHAKE, "packet[frame=6].cause_call.side == \"server\"");
        holds(HANDSHAKE, "packet[frame=2].cause_call == none");
        CheckResult r = run(HANDSHAKE, "packet[frame=1].cause_call.ts < packet[frame=1].ts");
        assertEquals("client connect", r.calls().get(0).side().wireName() + " " + r.calls().get(0).call());
        assertEquals("packet[frame=2].cause_call is none, which has no .ts",
                reason(HANDSHAKE, "packet[frame=2].cause_call.ts < packet[frame=2].ts"));
    }

    @Test
    void statesAPacketMovedEachEndTo() {
        holds(HANDSHAKE, "packet[frame=2].client_state == \"ESTABLISHED\" and packet[frame=2].server_state == \"SYN_RECEIVED\"");
        holds(HANDSHAKE, "packet[frame=3].server_state == \"ESTABLISHED\" and packet[frame=3].client_state == none");
        holds(HANDSHAKE, "count(packet[server_state=ESTABLISHED]) == 1");
    }

    @Test
    void findingsAreTsharkNames() {
        holds(Recordings.of("backlog"), "packet[frame=9].findings == \"retransmission\"");
        holds(HANDSHAKE, "packet[frame=2].findings == \"\"");
    }

    @Test
    void callTimesDurationAndUnblockingFrame() {
        CheckResult r = run(HANDSHAKE, "call[name=connect].ts < call[name=connect].end");
        assertEquals("call[name=connect].ts < call[name=connect].end: left 1795596647.777373030 s, right 1795596647.777653786 s",
                r.values().get(0));
        holds(HANDSHAKE, "call[name=connect].duration == 280756ns");
        holds(HANDSHAKE, "call[name=connect].duration == call[name=connect].end - call[name=connect].ts");
        holds(HANDSHAKE, "call[name=connect].unblocked_by == 2");
        holds(HANDSHAKE, "call[name=write, side=client].unblocked_by == none");
    }

    @Test
    void unblockedByAlsoShowsItsPacketAsEvidence() {
        CheckResult r = run(HANDSHAKE, "call[name=accept].unblocked_by == 3");
        assertEquals(List.of(3L), r.frames());
        assertEquals(1, r.calls().size());
    }

    @Test
    void callTexts() {
        holds(SMALL, "call[name=listen].side == \"server\" and call[name=listen].sock == \"listener\"");
        holds(SMALL, "call[name=listen].thread == \"server\"");
        holds(SMALL, "call[name=accept].result == \"conn\" and call[name=write].result == 6");
        holds(SMALL, "call[sock=client-2, name=connect].errno == \"ECONNREFUSED\" and call[name=write].errno == none");
        holds(SMALL, "call[sock=client-2, name=connect].result == -1");
    }

    @Test
    void argumentsAreTextAndAbsentOnesAreNone() {
        holds(SMALL, "call[name=listen].args.backlog == 4");
        holds(SMALL, "call[name=listen].args.backlog + 1 == 5");
        holds(SMALL, "call[name=listen].args.sock == \"listener\"");
        holds(SMALL, "call[name=listen].args.nothing == none");
    }

    @Test
    void stateFields() {
        holds(SMALL, "state[to=ESTABLISHED].frame == 3 and state[to=ESTABLISHED].from == \"SYN_RECEIVED\"");
        holds(SMALL, "state[to=ESTABLISHED].side == \"server\" and state[to=ESTABLISHED].endpoint == \"127.0.0.1:8080\"");
        holds(SMALL, "state[to=ESTABLISHED].ts - state[to=SYN_RECEIVED].ts == 100us");
        holds(SMALL, "state[to=ESTABLISHED].end == state[to=ESTABLISHED].ts");
        holds(HANDSHAKE, "state[side=client, to=TIME_WAIT].frame == 10");
    }

    @Test
    void noteFields() {
        holds(SMALL, "note[key=kernel].value == \"6.1.0\" and note[key=kernel].side == none");
        holds(SMALL, "note[key=client.timer_ms].side == \"client\" and note[key=client.timer_ms].value == 59990");
        holds(SMALL, "note[key=outcome].ts - note[key=kernel].ts == 4ms and note[key=outcome].end == note[key=outcome].ts");
        holds(SMALL, "note[contains=TIME_WAIT].key == \"client.proc_net_tcp.summary\"");
    }

    @Test
    void kernelFields() {
        holds(SMALL, "kernel[key=net.ipv4.tcp_fin_timeout].value == 60");
        holds(SMALL, "kernel[value=6.1.0].key == \"kernel.osrelease\"");
    }

    @Test
    void aFieldOfASelectionNeedsExactlyOneItem() {
        assertEquals("no call matches call[name=accept]", reason(Recordings.of("no-accept"), "call[name=accept].ts > call[name=listen].ts"));
        assertEquals("2 packets match packet[has=S]; say which with first(...), last(...) or nth(..., n)",
                reason(HANDSHAKE, "packet[has=S].ts > packet[frame=1].ts"));
    }

    @Test
    void unknownFieldsAreSyntaxErrorsListingTheFields() {
        assertEquals("test.md:11:28: unknown field 'tss' of a call; expected one of ts, end, duration, side, name, sock, "
                + "thread, result, errno, unblocked_by, args", syntax("first(call[name=x]).tss > 0"));
        assertEquals("test.md:11:21: a number has no fields", syntax("count(packet).ts > 0"));
    }
}
