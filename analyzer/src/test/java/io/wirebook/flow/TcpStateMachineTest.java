package io.wirebook.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 9293 transition (section 3.3.2, figure 5; the segment processing of 3.10.7) the tracker can
 * take, each as a script of segments in the order a passive observer on loopback sees them sent, with the
 * states every packet moves each side through; then each invalid sequence and what the tracker does with
 * it. All orders in which two FINs and their ACKs can be seen are here.
 *
 * <p>A script is a list of segments {@code c>X} (from the client) or {@code s>X} (from the server), X one of:
 * {@code S} SYN, {@code SA} SYN/ACK, {@code A} ACK, {@code D} 10 bytes of data with ACK, {@code F} FIN/ACK,
 * {@code R} RST/ACK. The ack of each acknowledges everything the other side sent so far; a trailing
 * {@code -} leaves out the other side's FIN (the sender had not received it yet: the segments crossed), a
 * trailing {@code !} resends the sender's FIN (a retransmission); {@code r} is a RST without ACK whose seq
 * is the ack of the segment it answers (a side with no synchronized connection). Expected moves are
 * {@code client / server}, each the states passed through on that packet joined by {@code >}, or {@code -}
 * for none, after {@code ~STATE} where the packet withdrew the steps taken for that side back to STATE.
 */
class TcpStateMachineTest {

    static Stream<Arguments> transitions() {
        String open = "c>S s>SA c>A ";
        String opened = "SYN_SENT / -|ESTABLISHED / SYN_RECEIVED|- / ESTABLISHED|";
        return Stream.of(
                // Opening (3.5, figures 6 and 7).
                row("CLOSED->SYN_SENT, LISTEN->SYN_RECEIVED, SYN_SENT->ESTABLISHED, SYN_RECEIVED->ESTABLISHED",
                        open, opened, "ESTABLISHED / ESTABLISHED"),
                row("simultaneous open: SYN_SENT->SYN_RECEIVED on both sides, then ESTABLISHED",
                        "c>S s>S c>SA s>SA",
                        "SYN_SENT / -|SYN_RECEIVED / SYN_SENT>SYN_RECEIVED|- / ESTABLISHED|ESTABLISHED / -",
                        "ESTABLISHED / ESTABLISHED"),
                row("capture starts mid-connection: each side shows ESTABLISHED when it first sends",
                        "c>D s>A", "ESTABLISHED / -|- / ESTABLISHED", "ESTABLISHED / ESTABLISHED"),
                // Closing (3.6, figures 12 and 13), every order of two FINs and their ACKs.
                row("four-way, client first: FIN_WAIT_1, CLOSE_WAIT on the ACK that shows the FIN arrived, FIN_WAIT_2, LAST_ACK, TIME_WAIT, CLOSED",
                        open + "c>F s>A s>F c>A",
                        opened + "FIN_WAIT_1 / -|FIN_WAIT_2 / CLOSE_WAIT|TIME_WAIT / LAST_ACK|- / CLOSED",
                        "TIME_WAIT / CLOSED"),
                row("four-way, server first", open + "s>F c>A c>F s>A",
                        opened + "- / FIN_WAIT_1|CLOSE_WAIT / FIN_WAIT_2|LAST_ACK / TIME_WAIT|CLOSED / -",
                        "CLOSED / TIME_WAIT"),
                row("three-way: the FIN+ACK moves its receiver FIN_WAIT_1->FIN_WAIT_2->TIME_WAIT (ACK first, then FIN, 3.10.7.4) and its sender ESTABLISHED->CLOSE_WAIT->LAST_ACK",
                        open + "c>F s>F c>A",
                        opened + "FIN_WAIT_1 / -|FIN_WAIT_2>TIME_WAIT / CLOSE_WAIT>LAST_ACK|- / CLOSED",
                        "TIME_WAIT / CLOSED"),
                row("simultaneous close, client's ACK first: ESTABLISHED->FIN_WAIT_1->CLOSING->TIME_WAIT on both sides, never CLOSE_WAIT",
                        open + "c>F s>F- c>A s>A",
                        opened + "FIN_WAIT_1 / -|CLOSING / FIN_WAIT_1>CLOSING|- / TIME_WAIT|TIME_WAIT / -",
                        "TIME_WAIT / TIME_WAIT"),
                row("simultaneous close, server's ACK first", open + "c>F s>F- s>A c>A",
                        opened + "FIN_WAIT_1 / -|CLOSING / FIN_WAIT_1>CLOSING|TIME_WAIT / -|- / TIME_WAIT",
                        "TIME_WAIT / TIME_WAIT"),
                row("simultaneous close, server first", open + "s>F c>F- s>A c>A",
                        opened + "- / FIN_WAIT_1|FIN_WAIT_1>CLOSING / CLOSING|TIME_WAIT / -|- / TIME_WAIT",
                        "TIME_WAIT / TIME_WAIT"),
                row("simultaneous close after the receiver sent data before the FIN arrived",
                        open + "c>F s>D- s>F- c>A s>A",
                        opened + "FIN_WAIT_1 / -|- / -|CLOSING / FIN_WAIT_1>CLOSING|- / TIME_WAIT|TIME_WAIT / -",
                        "TIME_WAIT / TIME_WAIT"),
                row("simultaneous close, only one ACK captured", open + "c>F s>F- c>A",
                        opened + "FIN_WAIT_1 / -|CLOSING / FIN_WAIT_1>CLOSING|- / TIME_WAIT",
                        "CLOSING / TIME_WAIT"),
                row("half-close: the receiver's data acknowledges the FIN (CLOSE_WAIT), then it closes",
                        open + "c>F s>D c>A s>F c>A",
                        opened + "FIN_WAIT_1 / -|FIN_WAIT_2 / CLOSE_WAIT|- / -|TIME_WAIT / LAST_ACK|- / CLOSED",
                        "TIME_WAIT / CLOSED"),
                row("a FIN not yet acknowledged leaves its receiver ESTABLISHED", open + "c>F",
                        opened + "FIN_WAIT_1 / -", "FIN_WAIT_1 / ESTABLISHED"),
                row("SYN_RECEIVED->FIN_WAIT_1: the server closes before the ACK of its SYN arrives",
                        "c>S s>SA s>F c>A",
                        "SYN_SENT / -|ESTABLISHED / SYN_RECEIVED|- / FIN_WAIT_1|CLOSE_WAIT / FIN_WAIT_2",
                        "CLOSE_WAIT / FIN_WAIT_2"),
                // Resets (3.10.7.1 and 3.5.2).
                row("SYN_SENT->CLOSED on the RST of a port with no socket; that side gets no state change, NO_SOCKET",
                        "c>S s>R", "SYN_SENT / -|CLOSED / -", "CLOSED / NO_SOCKET"),
                row("ESTABLISHED->CLOSED on both sides on a RST", open + "c>R",
                        opened + "CLOSED / CLOSED", "CLOSED / CLOSED"),
                row("SYN_RECEIVED->CLOSED on a RST answering the SYN/ACK", "c>S s>SA c>R",
                        "SYN_SENT / -|ESTABLISHED / SYN_RECEIVED|CLOSED / CLOSED", "CLOSED / CLOSED"),
                row("CLOSE_WAIT and FIN_WAIT_2 to CLOSED on a RST", open + "c>F s>A s>R",
                        opened + "FIN_WAIT_1 / -|FIN_WAIT_2 / CLOSE_WAIT|CLOSED / CLOSED", "CLOSED / CLOSED"),
                // What a later segment disproves (the capture sees segments sent, not arrived).
                row("a SYN/ACK sent again: the server is still in SYN_RECEIVED, the ACK taken to move it never"
                        + " arrived; the next ACK is not taken either, until the server's own data shows ESTABLISHED",
                        open + "s>SA c>A s>D c>A",
                        opened + "- / ~SYN_RECEIVED|- / -|- / ESTABLISHED|- / -", "ESTABLISHED / ESTABLISHED"),
                row("a SYN sent again: the client is still in SYN_SENT, the SYN/ACK taken to move it never arrived",
                        "c>S s>SA c>S s>SA c>A",
                        "SYN_SENT / -|ESTABLISHED / SYN_RECEIVED|~SYN_SENT / -|- / -|ESTABLISHED / ESTABLISHED",
                        "ESTABLISHED / ESTABLISHED"),
                row("a RST without ACK answering data: the server never completed its handshake (SYN_RECEIVED->CLOSED)",
                        open + "c>D s>r",
                        opened + "- / -|CLOSED / ~SYN_RECEIVED>CLOSED", "CLOSED / CLOSED"),
                row("a RST without ACK answering a FIN: the client's socket was gone, it never entered TIME_WAIT",
                        open + "c>F s>A s>F c>r",
                        opened + "FIN_WAIT_1 / -|FIN_WAIT_2 / CLOSE_WAIT|TIME_WAIT / LAST_ACK|~FIN_WAIT_2>CLOSED / CLOSED",
                        "CLOSED / CLOSED"));
    }

    static Stream<Arguments> invalid() {
        String open = "c>S s>SA c>A ";
        String opened = "SYN_SENT / -|ESTABLISHED / SYN_RECEIVED|- / ESTABLISHED|";
        return Stream.of(
                row("a side in CLOSE_WAIT sends a FIN whose ack no longer covers the FIN it acknowledged: LAST_ACK, not CLOSING",
                        open + "c>F s>A s>F- c>A",
                        opened + "FIN_WAIT_1 / -|FIN_WAIT_2 / CLOSE_WAIT|TIME_WAIT / LAST_ACK|- / CLOSED",
                        "TIME_WAIT / CLOSED"),
                row("a retransmitted FIN moves nothing", open + "c>F c>F!",
                        opened + "FIN_WAIT_1 / -|- / -", "FIN_WAIT_1 / ESTABLISHED"),
                row("segments after a RST move nothing", open + "c>R s>D c>A s>F",
                        opened + "CLOSED / CLOSED|- / -|- / -|- / -", "CLOSED / CLOSED"),
                row("data from a side that got no SYN/ACK: the tracker takes it that the capture missed the handshake's end",
                        "c>S c>D", "SYN_SENT / -|ESTABLISHED / -", "ESTABLISHED / UNKNOWN"),
                row("a FIN from a side that got no SYN/ACK: the same, then FIN_WAIT_1", "c>S c>F",
                        "SYN_SENT / -|ESTABLISHED>FIN_WAIT_1 / -", "FIN_WAIT_1 / UNKNOWN"),
                row("a SYN repeated in ESTABLISHED moves nothing", open + "c>S",
                        opened + "- / -", "ESTABLISHED / ESTABLISHED"),
                row("an unanswered SYN: the server never shows a state", "c>S c>S",
                        "SYN_SENT / -|- / -", "SYN_SENT / UNKNOWN"),
                row("a second RST from a port with no socket moves nothing", "c>S s>R s>R",
                        "SYN_SENT / -|CLOSED / -|- / -", "CLOSED / NO_SOCKET"),
                row("a RST with ACK from a side that had not sent since the handshake withdraws nothing: an abort",
                        open + "c>D s>R", opened + "- / -|CLOSED / CLOSED", "CLOSED / CLOSED"),
                row("a SYN/ACK sent again after the server showed ESTABLISHED withdraws nothing", open + "s>D s>SA",
                        opened + "- / -|- / -", "ESTABLISHED / ESTABLISHED"));
    }

    private static Arguments row(String what, String script, String moves, String end) {
        return Arguments.of(what, script, moves, end);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void rfc9293Transitions(String what, String script, String moves, String end) {
        check(script, moves, end);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSequences(String what, String script, String moves, String end) {
        check(script, moves, end);
    }

    private static void check(String script, String moves, String end) {
        Segments s = new Segments();
        long[] next = {1000, 5000};      // raw next sequence number of the client, the server
        long[] finSeq = {-1, -1};         // raw sequence number of each side's FIN
        List<Frame> frames = new ArrayList<>();
        long t = 0;
        for (String tok : script.trim().split("\\s+")) {
            int me = tok.charAt(0) == 'c' ? 0 : 1, peer = 1 - me;
            String kind = tok.substring(2).replace("-", "").replace("!", "");
            long ack = next[peer] - (tok.endsWith("-") && finSeq[peer] >= 0 ? 1 : 0);
            long seq = next[me];
            int flags, len = 0;
            switch (kind) {
                case "S": flags = Segments.SYN; seq = me == 0 ? 999 : 4999; ack = 0; break;
                case "SA": flags = Segments.SYN | Segments.ACK; seq = me == 0 ? 999 : 4999; break;
                case "A": flags = Segments.ACK; break;
                case "D": flags = Segments.ACK | Segments.PSH; len = 10; break;
                case "F": flags = Segments.FIN | Segments.ACK; break;
                case "R": flags = Segments.RST | Segments.ACK; break;
                case "r": flags = Segments.RST; ack = 0; break; // the reply form: seq = the ack it answers
                default: throw new IllegalArgumentException(tok);
            }
            if (tok.endsWith("!")) {
                seq = finSeq[me];
            } else if (kind.startsWith("S")) {
                next[me] = seq + 1;
            } else {
                next[me] = seq + len + (kind.equals("F") ? 1 : 0);
                if (kind.equals("F")) {
                    finSeq[me] = seq;
                }
            }
            t += 10;
            frames.add(me == 0 ? s.client(t, flags, seq, ack, len, 1000) : s.server(t, flags, seq, ack, len, 1000));
        }
        PacketPipeline pipeline = new PacketPipeline();
        List<String> seen = new ArrayList<>();
        TcpConnection c = null;
        for (Frame f : frames) {
            PacketResult r = pipeline.keep(f);
            seen.add(moves(r.tcp(), true) + " / " + moves(r.tcp(), false));
            c = r.connection();
        }
        assertEquals(List.of(moves.split("\\|")), seen, "moves of " + script);
        assertEquals(end, c.client().state + " / " + c.server().state, "states at the end of " + script);
    }

    /** The side's steps on this packet, after {@code ~STATE} when the packet withdrew earlier steps back to STATE. */
    private static String moves(TcpView v, boolean client) {
        String steps = path(v.path(client));
        if (v.revision == TcpView.Revision.NONE || v.revisedClient != client) {
            return steps;
        }
        return "~" + v.revisedTo + (steps.equals("-") ? "" : ">" + steps);
    }

    private static String path(List<TcpState> p) {
        if (p.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (TcpState x : p) {
            b.append(b.length() > 0 ? ">" : "").append(x.name());
        }
        return b.toString();
    }
}
