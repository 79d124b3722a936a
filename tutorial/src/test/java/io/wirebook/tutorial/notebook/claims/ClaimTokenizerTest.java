package io.wirebook.tutorial.notebook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wirebook.tutorial.notebook.claims.Token.Sym;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer: words, numbers, durations with their units, strings, operators, filter words, errors. */
class ClaimTokenizerTest {
    private static List<Token> all(String line) throws ParseError {
        Tokenizer t = new Tokenizer(line, 0);
        List<Token> out = new ArrayList<>();
        for (Token k = t.next(); !k.is(Sym.EOF); k = t.next()) {
            out.add(k);
        }
        return out;
    }

    private static List<Sym> syms(String line) throws ParseError {
        return all(line).stream().map(Token::sym).toList();
    }

    @Test
    void operatorsAndPunctuation() throws ParseError {
        assertEquals(List.of(Sym.LPAREN, Sym.RPAREN, Sym.LBRACKET, Sym.RBRACKET, Sym.COMMA, Sym.DOT, Sym.PIPE, Sym.PLUS,
                Sym.MINUS, Sym.STAR, Sym.SLASH, Sym.LT, Sym.LE, Sym.GT, Sym.GE, Sym.EQEQ, Sym.NE, Sym.EQ, Sym.PLUSMINUS,
                Sym.PLUSMINUS), syms("( ) [ ] , . | + - * / < <= > >= == != = \u00B1 +-"));
    }

    @Test
    void plusMinusIsOneTokenSoAddingANegativeNeedsASpace() throws ParseError {
        assertEquals(List.of(Sym.NUMBER, Sym.PLUSMINUS, Sym.NUMBER), syms("1 +-1"));
        assertEquals(List.of(Sym.NUMBER, Sym.PLUS, Sym.MINUS, Sym.NUMBER), syms("1 + -1"));
    }

    @Test
    void wordsAndTheirOffsets() throws ParseError {
        List<Token> t = all("  first(packet).unblocked_by");
        assertEquals(List.of("first", "(", "packet", ")", ".", "unblocked_by"), t.stream().map(Token::text).toList());
        assertEquals(2, t.get(0).start());
        assertEquals(7, t.get(0).end());
        assertEquals(16, t.get(5).start());
    }

    @Test
    void numbersAreExactDecimals() throws ParseError {
        List<Token> t = all("2 1.5 0.000001 1795596652258100123");
        assertEquals(Sym.NUMBER, t.get(0).sym());
        assertEquals(new BigDecimal("1.5"), t.get(1).number());
        assertEquals(new BigDecimal("0.000001"), t.get(2).number());
        assertEquals(new BigDecimal("1795596652258100123"), t.get(3).number());
    }

    @Test
    void durationsAreNanoseconds() throws ParseError {
        List<Token> t = all("7ns 3us 3\u00B5s 200ms 60s 1.5s 2min");
        long[] nanos = {7, 3_000, 3_000, 200_000_000, 60_000_000_000L, 1_500_000_000, 120_000_000_000L};
        for (int i = 0; i < nanos.length; i++) {
            assertEquals(Sym.DURATION, t.get(i).sym(), t.get(i).text());
            assertEquals(0, BigDecimal.valueOf(nanos[i]).compareTo(t.get(i).number()), t.get(i).text());
        }
    }

    @Test
    void aDotAfterANumberIsFieldAccessNotAFraction() throws ParseError {
        assertEquals(List.of(Sym.NUMBER, Sym.DOT, Sym.IDENT), syms("1.ts"));
    }

    @Test
    void stringsKeepBackslashesOfRegularExpressions() throws ParseError {
        List<Token> t = all("\"timer=\\S+ (\\d+)ms\" \"a \\\"quoted\\\" word\" \"back\\\\slash\"");
        assertEquals("timer=\\S+ (\\d+)ms", t.get(0).text());
        assertEquals("a \"quoted\" word", t.get(1).text());
        assertEquals("back\\slash", t.get(2).text());
        assertEquals(Sym.STRING, t.get(0).sym());
    }

    @Test
    void filterWordsRunToTheNextSeparator() throws ParseError {
        Tokenizer t = new Tokenizer("S., *.proc_net_tcp.summary] 127.0.0.1:36363|x \"a b\"", 0);
        assertEquals("S.", t.filterWord().text());
        assertEquals(Sym.COMMA, t.next().sym());
        assertEquals("*.proc_net_tcp.summary", t.filterWord().text());
        assertEquals(Sym.RBRACKET, t.next().sym());
        assertEquals("127.0.0.1:36363", t.filterWord().text());
        assertEquals(Sym.PIPE, t.next().sym());
        assertEquals("x", t.filterWord().text());
        Token quoted = t.filterWord();
        assertEquals(Sym.STRING, quoted.sym());
        assertEquals("a b", quoted.text());
        assertNull(t.filterWord());
    }

    @Test
    void errorsSayWhatIsWrongAndWhere() {
        ParseError unit = assertThrows(ParseError.class, () -> all("x == 60sec"));
        assertEquals("unknown unit 'sec' after 60; expected ns, us, \u00B5s, ms, s or min", unit.getMessage());
        assertEquals(7, unit.offset);
        ParseError string = assertThrows(ParseError.class, () -> all("x == \"abc"));
        assertEquals("unterminated string: expected a closing '\"'", string.getMessage());
        assertEquals(5, string.offset);
        assertEquals("unexpected character '#'", assertThrows(ParseError.class, () -> all("a # b")).getMessage());
        assertEquals("unexpected character '\\u0007'", assertThrows(ParseError.class, () -> all("\u0007")).getMessage());
        assertEquals("unexpected '!': write 'not' for negation or '!=' for inequality",
                assertThrows(ParseError.class, () -> all("!x")).getMessage());
    }
}
