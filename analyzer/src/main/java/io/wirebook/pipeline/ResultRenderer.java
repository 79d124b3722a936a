package io.wirebook.pipeline;

import io.wirebook.text.Utf8Line;

/**
 * Turns a packet's result into the bytes a command writes for it (its text line, its JSON object), so that
 * a {@link DecodingReader} can render a batch on its own thread when the writing thread falls behind.
 * An instance belongs to one thread: it keeps its own buffers and its own {@link io.wirebook.annotate.PacketNotes}.
 */
public interface ResultRenderer {
    /** Appends what the command would write for {@code r} to {@code out}. */
    void render(PacketResult r, Utf8Line out);
}
