package io.wirebook.tutorial.notebook.claims;

/**
 * Why a check could not be judged true: it refers to something absent ("no call matches
 * call[name=accept]"), or a value is not what the check needs. The check fails with this reason; it never
 * escapes {@link Claim#check}.
 */
final class EvalFailure extends RuntimeException {
    EvalFailure(String reason) {
        super(reason, null, false, false);
    }
}
