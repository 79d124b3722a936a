/**
 * The one place where the stages meet: {@link io.wirebook.pipeline.PacketPipeline} decodes each frame,
 * tracks its connection, runs the expert analysis and words the note, and hands out one
 * {@link io.wirebook.pipeline.PacketResult} per frame. Everything to its right (timelines, renderers, the
 * command line, the tutorial) consumes results and never assembles the stages itself.
 * {@link io.wirebook.pipeline.DecodingReader} runs the reading and decoding (and, for a command that only
 * writes results, the whole pipeline) batches ahead on a second thread, and renders a batch's output there
 * through a {@link io.wirebook.pipeline.ResultRenderer} when the writing thread falls behind.
 */
package io.wirebook.pipeline;
