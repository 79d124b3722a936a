package io.wirebook.tutorial.notebook.claims;

/**
 * The static type of an expression, known when the claim is parsed, so that {@code .tss} or
 * {@code ts < 5} is a syntax error with a column rather than a failure at build time.
 *
 * <p>{@code STRING} is text read from the recording (a note's value, a call's result or argument); it
 * turns into a number or a duration where one is needed, when its text is one ({@code "6"},
 * {@code "59990ms"}). {@code NUMERIC} is arithmetic on such text: a number, a time or a duration, decided
 * when the check runs.
 */
record ValueType(Base base, ItemKind kind) {
    enum Base { BOOL, NUMBER, TIME, DURATION, STRING, NUMERIC, NONE, ARGS, ITEM, SELECTION }

    static final ValueType BOOL = new ValueType(Base.BOOL, null);
    static final ValueType NUMBER = new ValueType(Base.NUMBER, null);
    static final ValueType TIME = new ValueType(Base.TIME, null);
    static final ValueType DURATION = new ValueType(Base.DURATION, null);
    static final ValueType STRING = new ValueType(Base.STRING, null);
    static final ValueType NUMERIC = new ValueType(Base.NUMERIC, null);
    static final ValueType NONE = new ValueType(Base.NONE, null);
    static final ValueType ARGS = new ValueType(Base.ARGS, null);

    static ValueType item(ItemKind k) {
        return new ValueType(Base.ITEM, k);
    }

    static ValueType selection(ItemKind k) {
        return new ValueType(Base.SELECTION, k);
    }

    static ValueType of(Dim d) {
        return switch (d) {
            case NUMBER -> NUMBER;
            case TIME -> TIME;
            case DURATION -> DURATION;
        };
    }

    /** A number, time or duration, or text that may be one. */
    boolean numericLike() {
        return switch (base) {
            case NUMBER, TIME, DURATION, NUMERIC, STRING -> true;
            default -> false;
        };
    }

    /** The dimension when it is known now; null for text and {@code NUMERIC}. */
    Dim dim() {
        return switch (base) {
            case NUMBER -> Dim.NUMBER;
            case TIME -> Dim.TIME;
            case DURATION -> Dim.DURATION;
            default -> null;
        };
    }

    /** "a time", "a selection of packets": for messages. */
    String describe() {
        return switch (base) {
            case BOOL -> "true or false";
            case NUMBER -> "a number";
            case TIME -> "a time";
            case DURATION -> "a duration";
            case STRING -> "text";
            case NUMERIC -> "a number, time or duration";
            case NONE -> "none";
            case ARGS -> "a call's arguments";
            case ITEM -> "a " + kind.noun;
            case SELECTION -> "a selection of " + kind.plural;
        };
    }
}
