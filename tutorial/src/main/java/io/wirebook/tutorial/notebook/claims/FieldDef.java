package io.wirebook.tutorial.notebook.claims;

/** One field of an item kind: its name, its static type and how to read it from an event. */
record FieldDef(String name, ValueType type, Getter getter) {
    @FunctionalInterface
    interface Getter {
        /** The field's value for {@code event} ({@link Value.None#NONE} when it has none). */
        Value get(Object event, Index index);
    }
}
