package io.wirebook.jsonl;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * The few JSON operations the per-packet writers use, so that one schema's code can write either through
 * {@link JsonBytes} (the hot path of {@code wirebook read --format jsonl}) or through a Jackson generator
 * that a caller also writes fields of its own to ({@link #of}). Both give the same bytes for the same calls.
 *
 * <p>Field names must be ASCII and need no escaping (they are the schema's own literals); string values are
 * escaped as {@link JsonLines} says. A null String value is written as JSON null.
 */
public interface JsonOut extends Flushable, Closeable {
    void startObject() throws IOException;

    void startObject(String name) throws IOException;

    void endObject() throws IOException;

    void startArray() throws IOException;

    void startArray(String name) throws IOException;

    void endArray() throws IOException;

    void field(String name, long value) throws IOException;

    void field(String name, boolean value) throws IOException;

    void field(String name, String value) throws IOException;

    /** A string value held in {@code value}'s first {@code value.length()} chars (no String is made). */
    void field(String name, CharSequence value) throws IOException;

    /** A string value held as UTF-8 in a line ({@code wirebook read}'s notes: no String is made). */
    void field(String name, io.wirebook.text.Utf8Line value) throws IOException;

    void nullField(String name) throws IOException;

    /** A string element of the array being written (null: JSON null). */
    void value(String value) throws IOException;

    /** A number element of the array being written. */
    void value(long value) throws IOException;

    // The same with names made once ({@link JsonName}): what the per-packet writers use. These defaults write
    // the name as a String; JsonBytes copies its bytes.

    default void startObject(JsonName name) throws IOException {
        startObject(name.name());
    }

    default void startArray(JsonName name) throws IOException {
        startArray(name.name());
    }

    default void field(JsonName name, long value) throws IOException {
        field(name.name(), value);
    }

    default void field(JsonName name, boolean value) throws IOException {
        field(name.name(), value);
    }

    default void field(JsonName name, String value) throws IOException {
        field(name.name(), value);
    }

    default void field(JsonName name, CharSequence value) throws IOException {
        field(name.name(), value);
    }

    default void field(JsonName name, io.wirebook.text.Utf8Line value) throws IOException {
        field(name.name(), value);
    }

    default void nullField(JsonName name) throws IOException {
        nullField(name.name());
    }

    /** Ends the line of the top-level object just closed (see {@link JsonLines#endLine}). */
    void endLine() throws IOException;

    /** Writes {@code out} through Jackson's generator {@code g}. */
    static JsonOut of(com.fasterxml.jackson.core.JsonGenerator g) {
        return new JacksonOut(g);
    }
}
