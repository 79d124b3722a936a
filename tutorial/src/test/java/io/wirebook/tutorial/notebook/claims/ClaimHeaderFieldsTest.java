package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.fails;
import static io.wirebook.tutorial.notebook.claims.Checks.holds;

import org.junit.jupiter.api.Test;

/**
 * The header fields of a packet as captured, checked on the frozen recordings against what tshark shows
 * for the same frames (values in the comments: {@code tshark -r captures/scenarios/NAME.pcapng -T fields}).
 */
class ClaimHeaderFieldsTest {
    @Test
    void theSynsOptionsLengthsAndIpFields() {
        Evidence e = Recordings.of("handshake");
        // tshark: frame.len 74, ip.len 60, ip.ttl 64, ip.flags.df 1, tcp.options.mss_val 65495, wscale.shift 10
        holds(e, "frame(1).frame_len == 74");
        holds(e, "frame(1).ip_len == 60");
        holds(e, "frame(1).ttl == 64");
        holds(e, "frame(1).df == true");
        holds(e, "frame(1).mss == 65495 and frame(2).mss == 65495");
        holds(e, "frame(1).wscale == 10");
        fails(e, "frame(1).mss == 1460");
        // Only a SYN carries the options: the final ACK has none.
        holds(e, "frame(3).mss == none and frame(3).wscale == none");
    }

    @Test
    void rawNumbersAreTheHeadersOwnAndPortsMatchTheCalls() {
        Evidence e = Recordings.of("handshake");
        holds(e, "frame(1).seq == 0 and frame(1).raw_seq != 0");
        holds(e, "frame(2).raw_ack == frame(1).raw_seq + 1");
        holds(e, "frame(3).raw_win * 1024 == frame(3).win");
        holds(e, "frame(1).dst_port == frame(2).src_port and frame(1).src_port == frame(2).dst_port");
        holds(e, "frame(1).src_port == number(first(call[name=connect]).args.local_port)");
        holds(e, "frame(1).icmp_type == none");
    }

    @Test
    void anIcmpPortUnreachableHasItsTypeAndCode() {
        Evidence e = Recordings.of("udp-unreachable");
        // tshark: icmp.type 3, icmp.code 3 (port unreachable)
        holds(e, "first(packet[proto=icmp]).icmp_type == 3 and first(packet[proto=icmp]).icmp_code == 3");
        holds(e, "first(packet[proto=udp]).checksum != none and first(packet[proto=udp]).src_port > 0");
        fails(e, "first(packet[proto=icmp]).icmp_code == 1");
    }
}
