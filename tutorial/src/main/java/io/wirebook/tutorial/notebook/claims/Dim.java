package io.wirebook.tutorial.notebook.claims;

/**
 * What a number measures: a plain count, an instant (CLOCK_REALTIME epoch nanoseconds, as the capture
 * and the call log stamp them), or a duration in nanoseconds. Arithmetic keeps them apart the way a
 * physicist keeps units: a time minus a time is a duration, a time plus a time is an error.
 */
enum Dim {
    NUMBER, TIME, DURATION;

    /**
     * The dimension of {@code a op b}, or null when the operation makes no sense ({@code ts + ts},
     * {@code 2 - 1s}, {@code ts * 2}).
     */
    static Dim of(char op, Dim a, Dim b) {
        return switch (op) {
            case '+' -> a == NUMBER && b == NUMBER ? NUMBER
                    : a == DURATION && b == DURATION ? DURATION
                    : (a == TIME && b == DURATION) || (a == DURATION && b == TIME) ? TIME : null;
            case '-' -> a == NUMBER && b == NUMBER ? NUMBER
                    : a == DURATION && b == DURATION ? DURATION
                    : a == TIME && b == TIME ? DURATION
                    : a == TIME && b == DURATION ? TIME : null;
            case '*' -> a == NUMBER && b == NUMBER ? NUMBER
                    : (a == NUMBER && b == DURATION) || (a == DURATION && b == NUMBER) ? DURATION : null;
            case '/' -> a == NUMBER && b == NUMBER ? NUMBER
                    : a == DURATION && b == NUMBER ? DURATION
                    : a == DURATION && b == DURATION ? NUMBER : null;
            default -> null;
        };
    }

    /** "a time": for messages. */
    String describe() {
        return ValueType.of(this).describe();
    }
}
