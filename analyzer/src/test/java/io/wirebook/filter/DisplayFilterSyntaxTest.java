package io.wirebook.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How an expression is read (precedence, aliases, operator spellings, as the compiled tree writes itself
 * back) and the one line a bad expression gets, with the column it points at.
 */
class DisplayFilterSyntaxTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            tcp || udp && icmp => (tcp or (udp and icmp))
            tcp and udp or icmp and ip => ((tcp and udp) or (icmp and ip))
            not tcp and udp => (not tcp and udp)
            !(tcp || udp) => not (tcp or udp)
            ! ! tcp => not not tcp
            not tcp.port == 80 => not tcp.port == 80
            tcp.port eq 80 and frame.len ge 0x100 => (tcp.port == 80 and frame.len >= 0x100)
            tcp.win > 5 or len < 60 => (tcp.window_size > 5 or frame.len < 60)
            tcp.flags.rst == 1 && tcp.flags.psh => (tcp.flags.reset == 1 and tcp.flags.push)
            tcp.flags & 0x12 == 0x12 => tcp.flags & 0x12 == 0x12
            tcp.flags has syn => tcp.flags has syn
            tcp.port in {80, 8000..8080} => tcp.port in {80, 8000..8080}
            ip.src==10.0.0.0/8&&!udp => (ip.src == 10.0.0.0/8 and not udp)
            proto == udp || tcp.side == "client" => (proto == "udp" or tcp.side == "client")
            ((tcp)) => tcp
            """)
    void readsAsTsharkDoes(String expression, String tree) throws FilterSyntaxException {
        assertEquals(tree, DisplayFilter.compile(expression).toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            tcp.port =  80 => 10 => unexpected character "=" at column 10 (comparisons use ==)
            tcp | udp => 5 => unexpected character "|" at column 5 (or is || or "or")
            (tcp or udp => 1 => unclosed "(" at column 1
            tcp) => 4 => unmatched ")" at column 4
            tcp udp => 5 => expected "and", "or" or the end of the expression, found "udp" at column 5
            tcp and => 8 => expected a field, found the end of the expression at column 8
            tcp.port == => 12 => expected a value after "==", found the end of the expression at column 12
            == 80 => 1 => expected a field, found "==" at column 1
            tcp == 1 => 5 => tcp has no value to compare at column 5: test it alone, e.g. tcp or !tcp
            ip.src == 10.0.0.256 => 11 => "10.0.0.256" is not an IPv4 address (with an optional /prefix) at column 11 for ip.src; names are not looked up
            ip.src == example.com => 11 => "example.com" is not an IPv4 address (with an optional /prefix) at column 11 for ip.src; names are not looked up
            ip.dst == ::1 => 11 => "::1" is not an IPv4 address at column 11 for ip.dst (try ipv6.dst)
            ip.src < 10.0.0.1 => 8 => ip.src takes == and != only, not "<" at column 8 (addresses: for a range use a prefix, e.g. 10.0.0.0/8)
            tcp.len > -1 => 11 => "-1" is not a whole number (e.g. 80, 0x12) at column 11 for tcp.len
            tcp.len > 1.5 => 11 => "1.5" is not a whole number (e.g. 80, 0x12) at column 11 for tcp.len
            frame.number == 09 => 17 => "09" is not a whole number (e.g. 80, 0x12) at column 17 for frame.number
            tcp.analysis.ack_rtt > 1e-3 => 24 => "1e-3" is not a number of seconds (e.g. 0.2) at column 24 for tcp.analysis.ack_rtt
            tcp.flags.syn == 2 => 18 => "2" is not 0 or 1 at column 18 for tcp.flags.syn (a flag)
            tcp.flags.syn > 0 => 15 => tcp.flags.syn takes == and != only, not ">" at column 15 (a flag: compare it with 0 or 1)
            tcp.side == other => 13 => "other" is not a value of tcp.side at column 13: client, server
            tcp.flags has SYNN => 15 => "SYNN" is not one of tcp.flags at column 15: RES, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN
            tcp.len has SYN => 9 => tcp.len does not take "has" at column 9; it works on tcp.flags, tcp.analysis, tcp.options and tcp.states
            tcp.port in {80 443} => 17 => expected "," or "}" in the set, found "443" at column 17
            tcp.port in 80 => 13 => expected "{" after "in", found "80" at column 13
            ip.src & 0xff => 8 => ip.src does not take "&" at column 8; it masks whole numbers, e.g. tcp.flags & 0x12
            tcp.srcport contains 80 => 13 => operator "contains" is not supported at column 13; operators: == != < <= > >= (eq ne lt le gt ge), has, in {...}, &, and or not (&& || !)
            tcp.seq == "12 => 12 => unclosed string at column 12
            '' => 1 => empty expression at column 1
            """)
    void aBadExpressionIsOneLineNamingItsColumn(String expression, int column, String message) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile(expression));
        assertEquals(message, e.getMessage());
        assertEquals(column, e.column());
    }

    @Test
    void anUnknownFieldNamesTheKnownFieldsOfItsProtocol() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile("tcp and udp.foo"));
        String known = String.join(", ", DisplayFilter.fieldNames().stream()
                .filter(n -> n.equals("udp") || (n.startsWith("udp.") && PacketFields.TABLE.names().contains(n))).toList());
        assertEquals("unknown field \"udp.foo\" at column 9; known: " + known, e.getMessage());
        assertEquals("unknown field \"udp.foo\" at column 9; known: udp, udp.srcport, udp.dstport, udp.port, udp.length",
                e.getMessage());
    }

    @Test
    void anUnknownFieldOneSlipAwayIsNamed() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile("ip.adr == 1.2.3.4"));
        assertEquals("unknown field \"ip.adr\" at column 1 (did you mean ip.addr?); known: ip, ip.src, ip.dst, ip.addr, "
                + "ip.ttl, ip.len, ip.proto", e.getMessage());
    }

    @Test
    void anUnknownProtocolListsTheProtocolsAndTopLevelNames() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile("http.request"));
        assertEquals("unknown field \"http.request\" at column 1; known: frame.*, ip, ip.*, ipv6, ipv6.*, tcp, tcp.*, "
                + "udp, udp.*, icmp, icmp.*, icmpv6, icmpv6.*, src, dst, ip_version, ttl, ip_len, proto, sport, dport, "
                + "link, fragment, truncated, malformed, malformed.*", e.getMessage());
    }

    @Test
    void controlCharactersOfTheExpressionAreEscapedInTheMessage() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile("tcp.foo\u001b[2J"));
        assertEquals("unexpected character \"\\x1b\" at column 8", e.getMessage());
        e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile("proto == \"a\u0007\" and tcp.side == \"x\u009b\""));
        assertEquals("\"x\\x9b\" is not a value of tcp.side at column 31: client, server", e.getMessage());
    }
}
