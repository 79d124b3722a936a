package io.wirebook.decode;

import java.util.function.IntFunction;

/**
 * The lookup behind a wire-number type's {@code valueOf}: one slot per number of the field (256 for an
 * 8-bit field), filled with the known constants; any other number gets the value {@code unknown} makes,
 * cached in its slot on the first lookup, so looking a number up allocates at most once per number and
 * never for a known one (the decoder's hot path relies on that). A number outside the field's range (never
 * read from a header) gets a fresh value each time.
 */
final class WireTable<T extends WireValue> {
    private final WireValue[] byNumber;
    private final IntFunction<T> unknown;

    /** A table for the numbers 0 to {@code size - 1}. */
    @SafeVarargs
    WireTable(int size, IntFunction<T> unknown, T... known) {
        this.byNumber = new WireValue[size];
        this.unknown = unknown;
        for (T t : known) {
            byNumber[t.value()] = t;
        }
    }

    /** The value of {@code number}: its constant, or the value made for it. */
    @SuppressWarnings("unchecked") // only Ts are stored
    T get(int number) {
        if (number < 0 || number >= byNumber.length) {
            return unknown.apply(number);
        }
        T t = (T) byNumber[number];
        if (t == null) {
            // A racing thread may make a second instance; both are equal and immutable, so either may stay.
            t = unknown.apply(number);
            byNumber[number] = t;
        }
        return t;
    }
}
