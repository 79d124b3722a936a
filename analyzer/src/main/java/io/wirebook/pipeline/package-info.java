/**
 * The one place where the stages meet: {@link io.wirebook.pipeline.PacketPipeline} decodes each frame,
 * tracks its connection, runs the expert analysis and words the note, and hands out one
 * {@link io.wirebook.pipeline.PacketResult} per frame. Everything to its right (timelines, renderers, the
 * command line, the tutorial) consumes results and never assembles the stages itself.
 */
package io.wirebook.pipeline;
