package io.wirebook.tutorial.notebook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.calls.SocketCall;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API around the language: a claim's parts, its result, the evidence it lists, the kernel values it names. */
class ClaimResultTest {
    private static final String CELL = """
            connect() returns on the SYN/ACK,
              which the kernel sends.

            check: first(call[name=connect]).unblocked_by == first(packet[flags=S.]).frame
            check: first(packet[flags=S.]).cause == "kernel" and kernel[key=net.ipv4.tcp_fin_timeout].value == 60
            """;

    @Test
    void aClaimHasItsSentenceChecksAndPlace() throws Exception {
        Claim c = Claim.parse(CELL, "chapter.md:42");
        assertEquals("connect() returns on the SYN/ACK, which the kernel sends.", c.sentence());
        assertEquals(List.of("first(call[name=connect]).unblocked_by == first(packet[flags=S.]).frame",
                "first(packet[flags=S.]).cause == \"kernel\" and kernel[key=net.ipv4.tcp_fin_timeout].value == 60"), c.checks());
        assertEquals("chapter.md:42", c.where());
        assertEquals(Set.of("net.ipv4.tcp_fin_timeout"), c.kernelKeys());
    }

    @Test
    void theResultGathersEachChecksEvidence() throws Exception {
        ClaimResult r = Claim.parse(CELL, "chapter.md:42").check(Recordings.of("handshake"));
        assertTrue(r.holds());
        assertEquals("chapter.md:42", r.where());
        assertEquals(List.of("chapter.md:45", "chapter.md:46"), r.checks().stream().map(CheckResult::where).toList());
        CheckResult first = r.checks().get(0);
        assertNull(first.reason());
        assertEquals(List.of(2L), first.frames());
        assertEquals(List.of("connect"), first.calls().stream().map(SocketCall::call).toList());
        assertEquals(List.of(2L), r.frames());
        assertEquals(1, r.calls().size());
        assertEquals(List.of("first(packet[flags=S.]).cause == \"kernel\": left \"kernel\", right \"kernel\"",
                "kernel[key=net.ipv4.tcp_fin_timeout].value == 60: left \"60\", right 60"), r.checks().get(1).values());
    }

    @Test
    void oneFailingCheckFailsTheClaim() throws Exception {
        ClaimResult r = Claim.parse(CELL, "chapter.md:42").check(
                new Evidence(Recordings.of("handshake").timeline(), Map.of("net.ipv4.tcp_fin_timeout", "30")));
        assertFalse(r.holds());
        assertTrue(r.checks().get(0).holds());
        assertEquals("it is false", r.checks().get(1).reason());
    }

    @Test
    void aKernelValueTheBuildingMachineLacksIsAbsent() throws Exception {
        ClaimResult r = Claim.parse(CELL, "chapter.md:42").check(new Evidence(Recordings.of("handshake").timeline(), null));
        assertEquals("no kernel value matches kernel[key=net.ipv4.tcp_fin_timeout]", r.checks().get(1).reason());
    }

    @Test
    void noEvidenceIsAnEmptyTimeline() throws Exception {
        ClaimResult r = Claim.parse("Nothing happened.\ncheck: count(packet) == 0 and count(call) == 0", "x.md:1").check(null);
        assertTrue(r.holds());
    }

    @Test
    void kernelKeysAreOnlyTheExactOnes() throws Exception {
        Claim c = Claim.parse("s\ncheck: count(kernel[key=a.b|c.d]) == count(kernel[key=net.*]) + count(kernel[key!=e.f])", null);
        assertEquals(Set.of("a.b", "c.d"), c.kernelKeys());
    }

    @Test
    void theReportOfAClaimThatHolds() throws Exception {
        ClaimResult r = Claim.parse("The SYN/ACK is the kernel's.\ncheck: packet[flags=S.].cause == \"kernel\"", "ch.md:7")
                .check(Recordings.of("handshake"));
        assertEquals("""
                ch.md:7: claim holds: The SYN/ACK is the kernel's.
                  ch.md:8: holds: check: packet[flags=S.].cause == "kernel"
                    packet[flags=S.].cause == "kernel": left "kernel", right "kernel"
                    frames: #2
                """, r.report());
    }

    @Test
    void thisMachinesKernelValuesLeaveOutWhatItLacks() {
        var values = Evidence.thisMachine(List.of("kernel.osrelease", "net.ipv4.no_such_sysctl"));
        assertFalse(values.containsKey("net.ipv4.no_such_sysctl"));
    }
}
