package io.wirebook.tutorial.notebook.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** One-line checks for the tests: run a check on evidence, or get its syntax error. */
final class Checks {
    private Checks() {}

    static Claim claim(String check) {
        try {
            return Claim.parse("A sentence.\ncheck: " + check, "test.md:10");
        } catch (ClaimSyntaxException e) {
            throw new AssertionError("does not parse: " + e.getMessage(), e);
        }
    }

    static CheckResult run(Evidence e, String check) {
        return claim(check).check(e).checks().get(0);
    }

    static void holds(Evidence e, String check) {
        CheckResult r = run(e, check);
        assertTrue(r.holds(), () -> check + " should hold: " + r.reason() + " " + r.values());
    }

    static void fails(Evidence e, String check) {
        CheckResult r = run(e, check);
        assertEquals("it is false", r.reason(), () -> check + " should be false, not fail to run: " + r.values());
    }

    /** The reason a check could not be judged (it refers to something absent, or to the wrong kind). */
    static String reason(Evidence e, String check) {
        CheckResult r = run(e, check);
        if (r.holds()) {
            fail(check + " should fail");
        }
        return r.reason();
    }

    /** The syntax error's message, where the check is line 11 of test.md and starts at column 8. */
    static String syntax(String check) {
        return assertThrows(ClaimSyntaxException.class, () -> Claim.parse("A sentence.\ncheck: " + check, "test.md:10"))
                .getMessage();
    }
}
