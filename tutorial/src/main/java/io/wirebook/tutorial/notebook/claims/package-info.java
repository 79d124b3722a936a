/**
 * Claim cells: sentences of the book checked against a scenario's recording when the site is built.
 *
 * <p>A cell is the sentence a reader should believe, then {@code check:} lines in a small query language
 * over the scenario's {@link io.wirebook.tutorial.notebook.claims.Evidence} (its timeline of calls,
 * packets, state changes and notes, and kernel values of the building machine):
 *
 * <pre>
 * The SYN/ACK leaves before accept() returns, and the kernel sends it.
 * check: first(packet[flags=S.]).ts &lt; first(call[name=accept]).end
 * check: first(packet[flags=S.]).cause == "kernel"
 * </pre>
 *
 * <p>{@link io.wirebook.tutorial.notebook.claims.Claim#parse} reads a cell (or throws a
 * {@link io.wirebook.tutorial.notebook.claims.ClaimSyntaxException} naming line, column and what was
 * expected); {@link io.wirebook.tutorial.notebook.claims.Claim#check} gives a
 * {@link io.wirebook.tutorial.notebook.claims.ClaimResult} with each check's values and the frames and
 * calls it looked at. The language is described, construct by construct, in {@code tutorial/claims.md}.
 *
 * <p>Inside: {@code Tokenizer} cuts a check line into tokens, {@code Parser} (with {@code Selectors},
 * {@code Functions}, {@code Types}) builds a typed {@code Expr} tree, {@code Evaluator} (with
 * {@code Quantifiers}) runs it against an {@code Index} of the evidence, reading fields through
 * {@code Fields}.
 */
package io.wirebook.tutorial.notebook.claims;
