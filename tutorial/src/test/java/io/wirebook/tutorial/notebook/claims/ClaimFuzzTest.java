package io.wirebook.tutorial.notebook.claims;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, parsing throws only ClaimSyntaxException (with a position inside the text), and
 * checking never throws. Random strings over the language's own characters and words, and valid claims
 * with characters deleted, doubled, swapped or replaced.
 */
class ClaimFuzzTest {
    private static final List<String> SEEDS = List.of(
            "first(packet[flags=S.]).ts < first(call[name=accept, side=server]).ts",
            "first(call[name=connect]).unblocked_by == first(packet[flags=S.]).frame",
            "all(note[key=*proc_net_tcp.summary, contains=TIME_WAIT], match(it.value, \"timer=time_wait (\\S+)\") == 60s ± 1s)",
            "count(state[side=server, to=ESTABLISHED]) == call[name=listen].args.backlog + 1",
            "frame(call[name=connect].unblocked_by).cause == \"kernel\" and not (1 < 2 or -3s / 2 >= 1.5min)",
            "nth(packet[has=F|R, len>=0], 2).seq - 1 != abs(duration(\"3ms\") / 1ms) +- number(\"1\")",
            "any(packet[finding=retransmission], it.cause_call == none) or count(kernel[key=x]) == 0");
    private static final String[] WORDS = {"packet", "call", "state", "note", "kernel", "first", "last", "nth", "count",
            "all", "any", "frame", "match", "duration", "number", "abs", "it", "none", "true", "false", "and", "or", "not",
            "ts", "end", "flags", "args", "S.", "60s", "1.5", "\"x\"", "\"", "(", ")", "[", "]", ",", ".", "|", "=", "==",
            "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "±", "+-", " ", "\\", "µs", "9999999999999999999999", "\u0000",
            "\n", "\uD83D", "ß", "1e5", "0x10"};
    private static final Evidence[] EVIDENCE = {TestTimelines.small(), Recordings.of("handshake"), new Evidence(null, null)};

    private static void tryIt(String text) {
        String body = "Fuzz.\ncheck: " + text;
        Claim c;
        try {
            c = Claim.parse(body, "fuzz.md:1");
        } catch (ClaimSyntaxException e) {
            assertNotNull(e.reason());
            assertTrue(e.column() >= 1 && e.line() >= 1, e.getMessage());
            return;
        } catch (Throwable t) {
            throw new AssertionError("parse threw " + t + " on: " + text, t);
        }
        for (Evidence e : EVIDENCE) {
            try {
                ClaimResult r = c.check(e);
                for (CheckResult k : r.checks()) {
                    if (k.reason() != null && k.reason().startsWith("internal error")) {
                        fail(k.reason() + " on: " + text);
                    }
                }
                assertNotNull(r.report());
            } catch (Throwable t) {
                throw new AssertionError("check threw " + t + " on: " + text, t);
            }
        }
    }

    @Test
    void randomTextOfTheLanguagesWords() {
        Random rnd = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int k = 0; k < n; k++) {
                sb.append(WORDS[rnd.nextInt(WORDS.length)]);
                if (rnd.nextBoolean()) {
                    sb.append(' ');
                }
            }
            tryIt(sb.toString());
        }
    }

    @Test
    void randomCharacters() {
        Random rnd = new Random(17);
        for (int i = 0; i < 5_000; i++) {
            char[] cs = new char[rnd.nextInt(30)];
            for (int k = 0; k < cs.length; k++) {
                cs[k] = (char) (rnd.nextInt(4) == 0 ? rnd.nextInt(0x3000) : 32 + rnd.nextInt(95));
            }
            tryIt(new String(cs));
        }
    }

    @Test
    void mutationsOfValidClaims() {
        Random rnd = new Random(23);
        for (String seed : SEEDS) {
            tryIt(seed);
            for (int i = 0; i < 3_000; i++) {
                StringBuilder sb = new StringBuilder(seed);
                for (int m = 1 + rnd.nextInt(3); m > 0 && sb.length() > 1; m--) {
                    int at = rnd.nextInt(sb.length());
                    switch (rnd.nextInt(4)) {
                        case 0 -> sb.deleteCharAt(at);
                        case 1 -> sb.insert(at, sb.charAt(rnd.nextInt(sb.length())));
                        case 2 -> {
                            int b = rnd.nextInt(sb.length());
                            char t = sb.charAt(at);
                            sb.setCharAt(at, sb.charAt(b));
                            sb.setCharAt(b, t);
                        }
                        default -> sb.insert(at, WORDS[rnd.nextInt(WORDS.length)]);
                    }
                }
                tryIt(sb.toString());
            }
        }
    }

    @Test
    void oddBodiesAndPlaces() throws Exception {
        for (String body : new String[] {null, "", "\n\n", "check:", "  check:  ", "x\r\ncheck: 1 == 1\r\n", "x\rcheck: true",
                "x\ncheck: true\ncheck: false\n\n", "\u2028check: true"}) {
            for (String where : new String[] {null, "", "a.md:0", "a.md:99999999999999", ":", "a:b:3"}) {
                try {
                    Claim.parse(body, where).check(null);
                } catch (ClaimSyntaxException expected) {
                    // fine
                }
            }
        }
    }
}
