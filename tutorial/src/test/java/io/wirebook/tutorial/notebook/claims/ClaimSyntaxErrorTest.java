package io.wirebook.tutorial.notebook.claims;

import static io.wirebook.tutorial.notebook.claims.Checks.syntax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact messages of syntax errors: FILE:LINE:COLUMN, then what was expected and what was found. The
 * checks here are line 11 of test.md (the claim starts at line 10) and start at column 8, after
 * {@code check: }.
 */
class ClaimSyntaxErrorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        first(packet[flags=S.], 2).ts < 1        | test.md:11:30: expected ')' after the argument of first(), found ','
        count(packet) = 1                        | test.md:11:22: '=' compares only inside a selector's [...]; write '==' here
        count(packet) < 1 < 2                    | test.md:11:26: comparisons do not chain: join them with 'and'
        count(packet) == 1 1                     | test.md:11:27: expected an operator, 'and', 'or' or the end of the check, found '1'
        (count(packet) == 1                      | test.md:11:27: expected ')' to close the '(' at column 8, found the end of the check
        count(packet) ==                         | test.md:11:24: expected an expression, found the end of the check
        count(packet) == and                     | test.md:11:25: expected an expression, found 'and'
        count(packet) == ]                       | test.md:11:25: expected an expression, found ']'
        foo(1) == 1                              | test.md:11:8: unknown name 'foo'; expected a selector (packet, call, state, note, kernel), a function (first, last, nth, count, all, any, frame, match, duration, number, abs), it, none, true or false
        it.ts > 0s                               | test.md:11:8: 'it' is the item being looked at, only inside all(...), any(...) or count(..., ...)
        first(packet). < 1                       | test.md:11:23: expected a field name after '.', found '<'
        packet[len>0] == 1                       | test.md:11:8: '==' cannot compare a selection of packets; take count(...), first(...), last(...) or nth(..., n) of it, or a field such as .ts
        count(packet[len>0) == 1                 | test.md:11:26: expected ',' or ']' after the filter, found ')'
        count(packet[len 0]) == 1                | test.md:11:25: expected '=', '!=', '<', '<=', '>' or '>=' after the filter 'len', found '0'
        count(packet[len=]) == 1                 | test.md:11:25: expected a value after 'len=', found ']'
        count(packet[1=1]) == 1                  | test.md:11:21: expected a filter such as flags=S., found '1'
        count(packet[frame=abc]) == 1            | test.md:11:27: expected a number after 'frame=', found 'abc'
        count(call[duration>5]) == 1             | test.md:11:28: expected a duration after 'duration>', found '5'
        count(packet[flags=SA]) == 1             | test.md:11:28: unknown TCP flag 'A' in 'SA'; tcpdump's letters are F S R P . U E W e (ACK is '.')
        count(packet[has<F]) == 1                | test.md:11:24: 'has' takes '=' or '!=', not '<'
        count(packet[finding=retrans]) == 1      | test.md:11:29: unknown finding 'retrans'; expected one of reused_ports, retransmission, fast_retransmission, spurious_retransmission, out_of_order, lost_segment, ack_lost_segment, window_update, window_full, keep_alive, keep_alive_ack, duplicate_ack, zero_window_probe, zero_window, zero_window_probe_ack
        count(packet[tss>0]) == 1                | test.md:11:21: unknown filter 'tss' for packet[...]; expected one of frame, side, proto, stream, flags, seq, ack, next_seq, len, win, client_state, server_state, cause, frame_len, src_port, dst_port, ttl, ip_len, df, checksum, raw_seq, raw_ack, raw_win, mss, wscale, icmp_type, icmp_code, findings, note, has, finding
        count(packet[side=srv]) == 1             | test.md:11:26: side is client or server (or none), found 'srv'
        count(call[nme=x]) == 1                  | test.md:11:19: unknown filter 'nme' for call[...]; expected one of duration, side, name, sock, thread, result, errno, unblocked_by, args.NAME
        count(packet[ts>0]) == 1                 | test.md:11:24: 'ts' is a time and cannot be compared with a literal in a filter; compare it in the check instead
        count(note[contains>x]) == 1             | test.md:11:27: 'contains' takes '=' or '!=', not '>'
        count(call[result<abc]) == 1             | test.md:11:26: '<', '<=', '>' and '>=' in a filter compare numbers or durations; 'abc' is neither
        `count(packet[len>1|2]) == 1`            | `test.md:11:26: alternatives (a|b) go only with '=' and '!='`
        count(packet[side.x=1]) == 1             | test.md:11:21: a filter names one field; only a call's args.NAME has a dot
        nth(packet) == 1                         | test.md:11:18: expected ',' and a position (1 is the first) after a selection of nth(), found ')'
        first(1).ts > 0                          | test.md:11:14: first() takes a selection, but this is a number
        60sec == 1min                            | test.md:11:10: unknown unit 'sec' after 60; expected ns, us, µs, ms, s or min
        "abc == 1                                | test.md:11:8: unterminated string: expected a closing '"'
        count(packet) == 1 #                     | test.md:11:27: unexpected character '#'
        count(packet) ! 1                        | test.md:11:22: unexpected '!': write 'not' for negation or '!=' for inequality
        count(packet)                            | test.md:11:8: a check must be true or false, but this is a number; compare it with something (==, <, ...)
        first(packet).ts < 5                     | test.md:11:25: cannot compare a time with a number
        """)
    void messages(String check, String message) {
        assertEquals(message, syntax(check));
    }

    @Test
    void anEmptyCheck() {
        assertEquals("test.md:11:8: expected an expression after 'check:'", syntax(""));
    }

    @Test
    void tooDeepOrTooLongChecks() {
        assertEquals("test.md:11:72: the check nests deeper than 64 levels", syntax("(".repeat(100) + "1 == 1" + ")".repeat(100)));
        assertEquals("test.md:11:8: the check has more than 500 parts; split it into several check: lines",
                syntax("1" + " + 1".repeat(300) + " == 1"));
    }

    private static String parseError(String body, String where) {
        return assertThrows(ClaimSyntaxException.class, () -> Claim.parse(body, where)).getMessage();
    }

    @Test
    void theCellNeedsASentenceThenChecks() {
        assertEquals("ch.md:42:1: expected the sentence a reader should believe, then 'check:' lines", parseError("", "ch.md:42"));
        assertEquals("ch.md:42:1: expected the sentence a reader should believe before the first 'check:'",
                parseError("check: 1 == 1", "ch.md:42"));
        assertEquals("ch.md:43:1: expected at least one 'check:' line after the sentence", parseError("A\nsentence.", "ch.md:42"));
        assertEquals("ch.md:44:3: expected 'check:' at the start of the line: the sentence comes before the checks",
                parseError("A sentence.\ncheck: 1 == 1\n  More words.", "ch.md:42"));
    }

    @Test
    void linesAndColumnsCountFromTheCellsFirstLineAndIndentation() {
        assertEquals("ch.md:45:16: expected an expression, found the end of the check",
                parseError("A sentence\nover two lines.\n\n    check: 1 ==", "ch.md:42"));
    }

    @Test
    void withoutALineNumberTheBodysLinesAreCountedFromOne() {
        assertEquals("intro:2:12: expected an expression, found the end of the check", parseError("Words.\ncheck: 1 ==", "intro"));
        assertEquals("claim:2:12: expected an expression, found the end of the check", parseError("Words.\ncheck: 1 ==", null));
    }

    @Test
    void theExceptionNamesItsParts() {
        ClaimSyntaxException e = assertThrows(ClaimSyntaxException.class, () -> Claim.parse("Words.\ncheck: 1 ==", "ch.md:42"));
        assertEquals("ch.md", e.file());
        assertEquals(43, e.line());
        assertEquals(12, e.column());
        assertEquals("expected an expression, found the end of the check", e.reason());
    }
}
