/**
 * Display filters ({@code wirebook read -Y EXPR}): a tokenizer, a parser that compiles an expression
 * once into a tree of small tests, the field table (tshark's names over the decoded packet, its TCP view
 * and its expert analysis) and the evaluator. It sits right of the pipeline: it reads the
 * {@code PacketResult}s the pipeline gives and knows nothing of how they are written.
 */
package io.wirebook.filter;
