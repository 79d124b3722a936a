package io.wirebook.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** {@link JsonOut} over a Jackson generator, for writers that share the generator with other code. */
final class JacksonOut implements JsonOut {
    private final JsonGenerator g;

    JacksonOut(JsonGenerator g) {
        this.g = g;
    }

    @Override
    public void startObject() throws IOException {
        g.writeStartObject();
    }

    @Override
    public void startObject(String name) throws IOException {
        g.writeObjectFieldStart(name);
    }

    @Override
    public void endObject() throws IOException {
        g.writeEndObject();
    }

    @Override
    public void startArray() throws IOException {
        g.writeStartArray();
    }

    @Override
    public void startArray(String name) throws IOException {
        g.writeArrayFieldStart(name);
    }

    @Override
    public void endArray() throws IOException {
        g.writeEndArray();
    }

    @Override
    public void field(String name, long value) throws IOException {
        g.writeNumberField(name, value);
    }

    @Override
    public void field(String name, boolean value) throws IOException {
        g.writeBooleanField(name, value);
    }

    @Override
    public void field(String name, String value) throws IOException {
        g.writeStringField(name, value);
    }

    @Override
    public void field(String name, CharSequence value) throws IOException {
        g.writeStringField(name, value.toString());
    }

    @Override
    public void field(String name, io.wirebook.text.Utf8Line value) throws IOException {
        g.writeStringField(name, value.toString());
    }

    @Override
    public void nullField(String name) throws IOException {
        g.writeNullField(name);
    }

    @Override
    public void value(String value) throws IOException {
        g.writeString(value);
    }

    @Override
    public void value(long value) throws IOException {
        g.writeNumber(value);
    }

    @Override
    public void endLine() throws IOException {
        JsonLines.endLine(g);
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
