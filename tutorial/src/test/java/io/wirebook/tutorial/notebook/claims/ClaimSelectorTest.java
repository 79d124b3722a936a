package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.holds;
import static io.wirebook.tutorial.notebook.claims.Checks.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each selector and each filter, on the frozen recordings (packets) and a small hand-made timeline
 * (calls, notes, states, kernel values). handshake: #1 [S], #2 [S.], #3 [.], #4 [P.] 6 bytes, #5 [.],
 * #6 [P.] 6 bytes, #7 [.], #8 [F.], #9 [.], #10 [F.], #11 [.].
 */
class ClaimSelectorTest {
    private static final Evidence HANDSHAKE = Recordings.of("handshake");
    private static final Evidence SMALL = TestTimelines.small();

    @Test
    void aSelectorWithoutFiltersIsEveryItemOfItsKind() {
        holds(HANDSHAKE, "count(packet) == 11");
        holds(HANDSHAKE, "count(packet[]) == 11");
        holds(SMALL, "count(call) == 7");
        holds(SMALL, "count(state) == 2");
        holds(SMALL, "count(note) == 4");
        holds(SMALL, "count(kernel) == 2");
    }

    @Test
    void flagsMatchExactlyInTcpdumpLettersInAnyOrder() {
        holds(HANDSHAKE, "count(packet[flags=S]) == 1");
        holds(HANDSHAKE, "count(packet[flags=S.]) == 1 and first(packet[flags=S.]).frame == 2");
        holds(HANDSHAKE, "count(packet[flags=.S]) == 1");
        holds(HANDSHAKE, "count(packet[flags=.]) == 5");
        holds(HANDSHAKE, "count(packet[flags=P.]) == 2");
        holds(HANDSHAKE, "count(packet[flags=\"F.\"]) == 2");
        holds(HANDSHAKE, "count(packet[flags!=.]) == 6");
        holds(HANDSHAKE, "count(packet[flags=S|S.]) == 2");
    }

    @Test
    void hasMatchesPacketsWithTheseBitsAmongOthers() {
        holds(HANDSHAKE, "count(packet[has=S]) == 2");
        holds(HANDSHAKE, "count(packet[has=F]) == 2");
        holds(HANDSHAKE, "count(packet[has=.]) == 10");
        holds(HANDSHAKE, "count(packet[has=S.]) == 1");
        holds(HANDSHAKE, "count(packet[has!=.]) == 1");
        holds(HANDSHAKE, "count(packet[has=R]) == 0");
    }

    @Test
    void sideOfPacketsCallsStatesNotes() {
        holds(HANDSHAKE, "count(packet[side=client]) == 6 and count(packet[side=server]) == 5");
        holds(SMALL, "count(call[side=server]) == 2");
        holds(SMALL, "count(state[side=server]) == 2 and count(state[side=client]) == 0");
        holds(SMALL, "count(note[side=none]) == 2 and count(note[side=client]) == 2");
    }

    @Test
    void nameSockAndResultOfCalls() {
        holds(SMALL, "count(call[name=connect]) == 2");
        holds(SMALL, "count(call[name=read|write]) == 2");
        holds(SMALL, "count(call[name!=connect]) == 5");
        holds(SMALL, "count(call[sock=client-*]) == 2");
        holds(SMALL, "count(call[result=0]) == 4");
        holds(SMALL, "count(call[result=-1]) == 1");
        holds(SMALL, "count(call[result>0]) == 1");
        holds(SMALL, "count(call[name=accept, result=conn]) == 1");
    }

    @Test
    void errnoAndNoneForAbsentValues() {
        holds(SMALL, "count(call[errno=ECONNREFUSED]) == 1");
        holds(SMALL, "count(call[errno!=none]) == 1");
        holds(SMALL, "count(call[errno=none]) == 6");
        holds(SMALL, "count(call[unblocked_by=none]) == 3");
        holds(SMALL, "count(call[unblocked_by=2]) == 1");
    }

    @Test
    void argumentsOfCalls() {
        holds(SMALL, "count(call[args.backlog=4]) == 1");
        holds(SMALL, "count(call[args.by=jdk]) == 1");
        holds(SMALL, "count(call[name=close, args.by=none]) == 0");
        holds(SMALL, "count(call[args.len>=6]) == 2");
    }

    @Test
    void durationOfCallsComparesWithADuration() {
        holds(SMALL, "count(call[duration>=1ms]) == 1");
        holds(SMALL, "count(call[duration<1us]) == 2");
        holds(SMALL, "count(call[duration=100ns]) == 1");
    }

    @Test
    void protoSeparatesTcpUdpAndIcmp() {
        holds(HANDSHAKE, "count(packet[proto=tcp]) == 11 and count(packet[proto=udp]) == 0");
        holds(Recordings.of("udp"), "count(packet[proto=udp]) == 3");
        holds(Recordings.of("udp-unreachable"), "count(packet[proto=udp]) == 2 and count(packet[proto=icmp]) == 2");
    }

    @Test
    void causeIsTheKernelOrTheCallsName() {
        holds(HANDSHAKE, "count(packet[cause=kernel]) == 6");
        holds(HANDSHAKE, "count(packet[cause=connect]) == 1");
        holds(HANDSHAKE, "count(packet[cause=write|close]) == 4");
        holds(HANDSHAKE, "count(packet[cause!=kernel]) == 5");
    }

    @Test
    void findingIsATsharkExpertFinding() {
        Evidence backlog = Recordings.of("backlog");
        holds(backlog, "count(packet[finding=retransmission]) == 4");
        holds(backlog, "first(packet[finding=retransmission]).frame == 9");
        holds(backlog, "count(packet[finding=retransmission, side=client]) == 4");
        holds(HANDSHAKE, "count(packet[finding=retransmission|duplicate_ack]) == 0");
    }

    @Test
    void numericFieldsCompareAsNumbers() {
        holds(HANDSHAKE, "count(packet[len>0]) == 2");
        holds(HANDSHAKE, "count(packet[len=6]) == 2");
        holds(HANDSHAKE, "count(packet[frame<=3]) == 3");
        holds(HANDSHAKE, "count(packet[seq=1, ack=1]) == 2");
        holds(HANDSHAKE, "count(packet[win>65535]) == 9");
        holds(HANDSHAKE, "count(packet[stream=0]) == 11");
        holds(HANDSHAKE, "count(packet[next_seq=8]) == 3");
    }

    @Test
    void aFilterThatCannotJudgeAnItemLeavesItOutRatherThanFailing() {
        Evidence udp = Recordings.of("udp-unreachable");
        holds(udp, "count(packet[seq>=0]) == 0");
        holds(udp, "count(packet[flags!=S]) == 4");
        holds(udp, "count(packet[len>0]) == 2");
    }

    @Test
    void statesByEndpointFromAndTo() {
        holds(HANDSHAKE, "count(state[to=ESTABLISHED]) == 2");
        holds(HANDSHAKE, "count(state[side=server, to=ESTABLISHED]) == 1");
        holds(HANDSHAKE, "count(state[from=LISTEN]) == 1");
        holds(HANDSHAKE, "count(state[to=TIME_WAIT, side=client]) == 1");
        holds(HANDSHAKE, "count(state[frame=2]) == 2");
        holds(SMALL, "count(state[endpoint=127.0.0.1:8080]) == 2");
        holds(SMALL, "count(state[endpoint=\"*:8080\"]) == 2");
    }

    @Test
    void notesByKeyWithGlobsAndByContainedText() {
        holds(SMALL, "count(note[key=kernel]) == 1");
        holds(SMALL, "count(note[key=*proc_net_tcp.summary]) == 1");
        holds(SMALL, "count(note[key=client.*]) == 2");
        holds(SMALL, "count(note[contains=TIME_WAIT]) == 1");
        holds(SMALL, "count(note[contains=\"timer=time_wait 59990ms\"]) == 1");
        holds(SMALL, "count(note[contains!=TIME_WAIT]) == 3");
        holds(SMALL, "count(note[value=done]) == 1");
    }

    @Test
    void kernelValuesByKey() {
        holds(SMALL, "kernel[key=net.ipv4.tcp_fin_timeout].value == \"60\"");
        holds(SMALL, "count(kernel[key=kernel.*]) == 1");
        holds(SMALL, "count(kernel[value=60]) == 1");
    }

    @Test
    void filtersAreAllRequired() {
        holds(SMALL, "count(call[name=connect, side=client, errno=none]) == 1");
        CheckResult r = run(HANDSHAKE, "count(packet[side=server, has=F]) == 1");
        assertEquals(List.of(10L), r.frames());
    }
}
